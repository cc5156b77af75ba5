import Foundation
import TestSupport
import XCTest

/// Every text format of `wslabel report` on the bundled support-tickets task against the golden
/// files in `Snapshots/report/`. The report has nothing nondeterministic (no timings, no paths:
/// the task runs from a temporary copy by a relative path), so it is compared unmasked. Record
/// again after an intended change: `WSLABEL_RECORD_SNAPSHOTS=1 swift test --filter ReportSnapshotTests`.
final class ReportSnapshotTests: XCTestCase {
    /// Runs `wslabel report` with `arguments` on a fresh copy of the task (its LFs applied anew)
    /// and compares stdout with `Snapshots/report/<name>`.
    private func assertReport(_ arguments: [String], matches name: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let root = try SupportTicketsExample.copy(for: self)
        let result = try CLIRunner.run(["report", "--config", SupportTicketsExample.taskFile] + arguments,
                                       currentDirectory: root)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        assertSnapshot(result.stdout, named: "report/\(name)", in: self, file: file, line: line)
    }

    func testTextReport() throws {
        try assertReport(["--format", "text", "--color", "never"], matches: "support-tickets.txt")
    }

    func testMarkdownReport() throws {
        try assertReport(["--format", "markdown"], matches: "support-tickets.md")
    }

    func testCSVReport() throws {
        try assertReport(["--format", "csv"], matches: "support-tickets.csv")
    }

    func testJSONReport() throws {
        try assertReport(["--format", "json"], matches: "support-tickets.json")
    }
}
