import Foundation
import TestSupport
import XCTest

/// Inputs and outputs at the edges of their formats: ids with line breaks, CRLF files, empty
/// class names.
final class FormatEdgeCaseTests: XCTestCase {
    func testApplyWritesIdsThatRoundTripWhateverTheyHold() throws {
        let directory = try temporaryDirectory(self)
        let ids = ["plain", "two\nlines", "tab\there", "quote\"and\\backslash", "crlf\r\nid", "ünïcode"]
        let items = ids.map { id -> String in
            let record: [String: Any] = ["id": id, "text": "free money"]
            return String(decoding: try! JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        }
        try (items.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        try "labeling_functions:\n  - {name: money, kind: keyword, keywords: [money], label: SPAM}\n"
            .write(to: directory.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        try """
            labels: [HAM, SPAM]
            data: {id: id, text: text, splits: {train: train.jsonl}}
            labeling_functions: {files: [lfs.yaml]}
            output: {cache: votes.sqlite}
            """.write(to: directory.appendingPathComponent("wslabel.yaml"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("votes")
        let result = try CLIRunner.run(["apply", "--config", directory.appendingPathComponent("wslabel.yaml").path,
                                        "--output-dir", output.path, "--format", "npy"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = try String(contentsOf: output.appendingPathComponent("train.ids.txt"), encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"))
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, ids.count, "one line per item: \(text)")
        let read = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8), options: .fragmentsAllowed) as? String }
        XCTAssertEqual(read, ids)
        let help = try CLIRunner.run(["apply", "--help"])
        XCTAssertTrue(help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("one JSON string per line"), help.stdout)
    }

    func testADevGoldFileWithCRLFLineEnds() throws {
        let directory = try temporaryDirectory(self)
        let votes = directory.appendingPathComponent("v.csv"), gold = directory.appendingPathComponent("g.txt")
        try "1,-1\r\n0,0\r\n1,1\r\n".write(to: votes, atomically: true, encoding: .utf8)
        try "SPAM\r\nHAM\r\n\r\n".write(to: gold, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["fit", "--votes", votes.path, "--dev-votes", votes.path, "--dev-gold", gold.path,
                                        "--labels", "HAM,SPAM", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testEmptyClassNamesInLabelsAreUsageErrors() throws {
        let directory = try temporaryDirectory(self)
        let votes = directory.appendingPathComponent("v.csv")
        try "1,-1\n0,0\n".write(to: votes, atomically: true, encoding: .utf8)
        for labels in ["HAM,,SPAM", ",SPAM", "HAM, "] {
            let result = try CLIRunner.run(["fit", "--votes", votes.path, "--labels", labels])
            XCTAssertEqual(result.status, 64, "\(labels): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("--labels") && result.stderr.contains("is empty"), result.stderr)
        }
        let synthesize = try CLIRunner.run(["synthesize", "--output", directory.appendingPathComponent("s").path, "--labels", "HAM,"])
        XCTAssertEqual(synthesize.status, 64, synthesize.stderr)
        XCTAssertTrue(synthesize.stderr.contains("the name of class 1 is empty"), synthesize.stderr)
    }
}
