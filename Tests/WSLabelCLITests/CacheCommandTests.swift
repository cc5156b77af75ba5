import Foundation
import TestSupport
import XCTest

/// `wslabel cache stats|clear` and the apply log's account of which LFs ran and why, end to
/// end on a copy of the bundled example (`examples/support-tickets`: 20 LFs, 440 tickets).
final class CacheCommandTests: XCTestCase {
    static let lfCount = 20
    static let items = 440

    private var root: URL!

    override func setUpWithError() throws {
        root = try SupportTicketsExample.copy(for: self)
    }

    /// Runs `wslabel` in the copy with the example's task file.
    private func run(_ arguments: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(arguments + ["--config", SupportTicketsExample.taskFile], currentDirectory: root)
    }

    /// Applies the task and returns the apply log's counts line and its "ran" line (the next,
    /// without its `wslabel:` prefix).
    @discardableResult
    private func apply(_ extra: [String] = []) throws -> (counts: String, ran: String) {
        let result = try run(["apply", "--output-dir", root.appendingPathComponent("votes").path] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let applied = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("wslabel: applied ") }, result.stderr)
        XCTAssertTrue(lines[applied + 1].hasPrefix("wslabel:   "), result.stderr)
        return (lines[applied], String(lines[applied + 1].dropFirst("wslabel: ".count)))
    }

    private func stats() throws -> [String: Any] {
        let result = try run(["cache", "stats", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
    }

    private func lfRows(_ stats: [String: Any]) throws -> [String: [String: Any]] {
        let rows = try XCTUnwrap(stats["lfs"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as? String ?? "(unnamed)", $0) })
    }

    /// Edits keyword_refund's keywords in the copy's LF file.
    private func editRefundLF() throws {
        let file = root.appendingPathComponent("labeling_functions/support_tickets/billing.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "keywords: [refund,", with: "keywords: [refund, refunds,")
        XCTAssertNotEqual(edited, original, "the edit must change keyword_refund")
        try edited.write(to: file, atomically: true, encoding: .utf8)
    }

    func testStatsAfterARealApply() throws {
        let first = try apply()
        XCTAssertEqual(first.ran, "  ran all \(Self.lfCount) LFs (new)")
        let stats = try stats()
        XCTAssertEqual(stats["votes"] as? Int, Self.lfCount * Self.items)
        XCTAssertEqual(stats["stale_votes"] as? Int, 0)
        let cacheFile = root.appendingPathComponent("examples/output/support-tickets/votes.sqlite")
        XCTAssertEqual(stats["path"] as? String, cacheFile.path)
        XCTAssertGreaterThan(stats["file_bytes"] as? Int ?? 0, 0)
        let rows = try lfRows(stats)
        XCTAssertEqual(rows.count, Self.lfCount)
        for (name, row) in rows {
            XCTAssertEqual(row["votes"] as? Int, Self.items, name)
            XCTAssertEqual(row["in_task"] as? Bool, true, name)
            XCTAssertEqual((row["fingerprint"] as? String)?.count, 8, name)
        }

        let text = try run(["cache", "stats"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("vote cache \(cacheFile.path): 8,800 votes, "), text.stdout)
        XCTAssertTrue(text.stdout.contains("\nsubject_line "), "the Swift LFs are listed: \(text.stdout)")
    }

    func testClearingOneLFReevaluatesExactlyThatLF() throws {
        try apply()
        let cleared = try run(["cache", "clear", "--lf", "keyword_refund"])
        XCTAssertEqual(cleared.status, 0, cleared.stderr)
        XCTAssertEqual(cleared.stdout, "removed 440 votes of 1 LF from \(root.appendingPathComponent("examples/output/support-tickets/votes.sqlite").path): keyword_refund 440\n")
        XCTAssertEqual(try stats()["votes"] as? Int, (Self.lfCount - 1) * Self.items)

        let again = try apply()
        XCTAssertTrue(again.counts.contains(": 440 evaluations, \((Self.lfCount - 1) * Self.items) cached votes reused"), again.counts)
        XCTAssertEqual(again.ran, "  ran keyword_refund (new); \(Self.lfCount - 1) LFs from cache")

        // A glob: every keyword LF of the account file (password, login, members).
        let globbed = try run(["cache", "clear", "--lf", "keyword_log*", "--lf", "keyword_password_?fa"])
        XCTAssertEqual(globbed.status, 0, globbed.stderr)
        XCTAssertTrue(globbed.stdout.hasPrefix("removed 880 votes of 2 LFs"), globbed.stdout)
        XCTAssertEqual(try apply().ran, "  ran keyword_password_2fa (new), keyword_login (new); \(Self.lfCount - 2) LFs from cache")
    }

    func testAnEditedLFRunsAsEditedAndClearStaleDropsItsOldVotes() throws {
        try apply()
        try editRefundLF()
        let edited = try apply()
        XCTAssertEqual(edited.ran, "  ran keyword_refund (edited); \(Self.lfCount - 1) LFs from cache")

        let refund = try XCTUnwrap(try lfRows(stats())["keyword_refund"])
        XCTAssertEqual(refund["votes"] as? Int, Self.items)
        XCTAssertEqual(refund["stale_votes"] as? Int, Self.items)
        XCTAssertEqual(refund["stale_fingerprints"] as? Int, 1)

        let cleared = try run(["cache", "clear", "--stale"])
        XCTAssertEqual(cleared.status, 0, cleared.stderr)
        XCTAssertTrue(cleared.stdout.hasPrefix("removed 440 votes of 1 LF from "), cleared.stdout)
        let after = try stats()
        XCTAssertEqual(after["stale_votes"] as? Int, 0)
        XCTAssertEqual(after["votes"] as? Int, Self.lfCount * Self.items)
        XCTAssertEqual(try apply().ran, "  all \(Self.lfCount) LFs from cache")
    }

    func testNoCacheAndNewItemsAreTheReasons() throws {
        XCTAssertEqual(try apply(["--no-cache"]).ran, "  ran all \(Self.lfCount) LFs (no cache)")
        try apply()
        let train = root.appendingPathComponent("examples/support-tickets/data/train.jsonl")
        let handle = try FileHandle(forWritingTo: train)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"id": "t9999", "channel": "chat", "text": "my invoice shows the wrong VAT number", "label": "BILLING"}"#.utf8 + [0x0A]))
        try handle.close()
        let grown = try apply()
        XCTAssertTrue(grown.counts.contains(": \(Self.lfCount) evaluations, "), grown.counts)
        XCTAssertEqual(grown.ran, "  ran all \(Self.lfCount) LFs (1 new item)")
    }

    func testClearingEverything() throws {
        try apply()
        let cleared = try run(["cache", "clear"])
        XCTAssertEqual(cleared.status, 0, cleared.stderr)
        XCTAssertTrue(cleared.stdout.hasPrefix("removed 8,800 votes of 20 LFs from "), cleared.stdout)
        XCTAssertEqual(try stats()["votes"] as? Int, 0)
        XCTAssertEqual(try apply().ran, "  ran all \(Self.lfCount) LFs (new)")
    }

    func testWithoutACacheFileStatsAndClearSaySoAndCreateNothing() throws {
        let cacheFile = root.appendingPathComponent("examples/output/support-tickets/votes.sqlite")
        for command in [["cache", "stats"], ["cache", "clear"], ["cache", "clear", "--lf", "keyword_refund"]] {
            let result = try run(command)
            XCTAssertEqual(result.status, 66, "\(command): \(result.stderr)")
            XCTAssertEqual(result.stderr, """
                error: \(cacheFile.path): no vote cache yet: the task's first `wslabel apply`, `fit` or `report` writes it \
                (output.cache in wslabel.yaml chooses where)

                """, "\(command)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: cacheFile.path), "\(command) created the cache")
        }
    }

    func testAPatternMatchingNoLFIsAnErrorNamingIt() throws {
        try apply()
        let result = try run(["cache", "clear", "--lf", "keyword_refund", "--lf", "keyword_refnud"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("error: keyword_refnud matches no LF of the task or its vote cache (the LFs: access_problem, "),
                      result.stderr)
        XCTAssertEqual(try stats()["votes"] as? Int, Self.lfCount * Self.items, "nothing removed")
    }
}
