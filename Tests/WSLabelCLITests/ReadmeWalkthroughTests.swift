import Foundation
import TestSupport
import XCTest

/// The README's "Writing LFs: inspect, fix, run again" walkthrough, run as a user would on a
/// copy of the bundled example: what `inspect` shows, the README's own edit of the LF file
/// (read from the README, so the two cannot drift apart), and the re-run's numbers.
final class ReadmeWalkthroughTests: XCTestCase {
    /// The YAML block that follows "Fix the LF" in the README.
    private func readmeFix() throws -> String {
        let readme = try String(contentsOf: SharedData.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.range(of: "Fix the LF"), "the README's walkthrough")
        let rest = readme[section.upperBound...]
        let start = try XCTUnwrap(rest.range(of: "```yaml\n"))
        let end = try XCTUnwrap(rest[start.upperBound...].range(of: "```"))
        return String(rest[start.upperBound..<end.lowerBound])
    }

    private func percent(_ text: String, split: String, column: Int = 3) throws -> String {
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix(split + " ") }, "no \(split) row in \(text)")
        return String(line.split(separator: " ", omittingEmptySubsequences: true)[column])
    }

    func testTheInspectFixRerunLoopDoesWhatTheReadmeSays() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let config = SupportTicketsExample.taskFile
        let inspect = try CLIRunner.run(["inspect", "--config", config, "--lf", "keyword_account", "--bucket", "wrong"], currentDirectory: root)
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.hasPrefix("dev items where keyword_account is wrong: 4 of 60 items match (in file order)\n"
                                               + "keyword_account on dev: votes on 12 items; on 12 with gold labels 8 right, 4 wrong (66.7% accurate)"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("3. t0355  gold BILLING  label model BILLING 46%  majority vote BILLING"), inspect.stdout)
        let before = try CLIRunner.run(["fit", "--config", config], currentDirectory: root)
        XCTAssertEqual(before.status, 0, before.stderr)
        XCTAssertEqual(try percent(before.stdout, split: "dev"), "91.7%")
        XCTAssertEqual(try percent(before.stdout, split: "test"), "90.0%")

        // The README's edit: its block replaces the LF's entry in account.yaml.
        let file = root.appendingPathComponent("labeling_functions/support_tickets/account.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let start = try XCTUnwrap(original.range(of: "  - name: keyword_account\n"))
        let next = original[start.upperBound...].range(of: "  - name: ")?.lowerBound ?? original.endIndex
        try (original[..<start.lowerBound] + readmeFix() + original[next...]).write(to: file, atomically: true, encoding: .utf8)

        let after = try CLIRunner.run(["fit", "--config", config], currentDirectory: root)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stderr.contains(": 440 evaluations, 8360 cached votes reused"), "only the edited LF ran: \(after.stderr)")
        XCTAssertTrue(after.stderr.contains("wslabel:   ran keyword_account (edited); 19 LFs from cache"), after.stderr)
        XCTAssertEqual(try percent(after.stdout, split: "dev"), "93.3%")
        XCTAssertEqual(try percent(after.stdout, split: "test"), "91.2%")
        let row = try XCTUnwrap(after.stdout.split(separator: "\n").first { $0.hasPrefix("keyword_account ") })
        XCTAssertTrue(row.contains(" 8          0    100.0%"), "8 of 8 right on dev: \(row)")
        let again = try CLIRunner.run(["inspect", "--config", config, "--lf", "keyword_account", "--bucket", "wrong"], currentDirectory: root)
        XCTAssertTrue(again.stdout.hasPrefix("dev items where keyword_account is wrong: 0 of 60 items match"), again.stdout)
    }
}
