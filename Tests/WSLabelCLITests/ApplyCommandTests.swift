import Foundation
import TestSupport
import XCTest

/// `wslabel apply` end to end: a task's LFs applied to its data, one vote file per split with
/// the LFs' names as columns.
final class ApplyCommandTests: XCTestCase {
    func testApplyWritesOneVoteFilePerSplitWithLFNames() throws {
        let directory = try temporaryDirectory(self)
        try "id,text,label\na,Free money at www.spam.com,SPAM\nb,I love this song so much,HAM\n"
            .write(to: directory.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        try "labeling_functions:\n  - {name: money, kind: keyword, keywords: [money], label: SPAM}\n  - {name: song, kind: keyword, keywords: [song], label: HAM}\n"
            .write(to: directory.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        try """
            labels: [HAM, SPAM]
            data: {id: id, text: text, gold: label, splits: {train: train.csv}}
            labeling_functions: {files: [lfs.yaml]}
            """.write(to: directory.appendingPathComponent("wslabel.yaml"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("votes")
        let result = try CLIRunner.run(["apply", "--config", directory.appendingPathComponent("wslabel.yaml").path, "--output-dir", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("train.csv"), encoding: .utf8),
                       "id,money,song\na,1,-1\nb,-1,0\n")
    }

    /// Header-less TSV splits: a split sharing texts with an earlier one is warned about once
    /// per pair, with the count and the first pair of ids; repeats within a split and splits
    /// that share nothing are not.
    func testTextsSharedAcrossSplitsAreWarnedAboutOncePerPair() throws {
        let directory = try temporaryDirectory(self)
        func write(_ name: String, _ rows: [String]) throws {
            try rows.map { $0 + "\n" }.joined().write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("train.tsv", ["ham\tsee you at home", "spam\tFree money now", "ham\tsee you at home", "spam\tWIN a \"prize\"", "ham\tok"])
        try write("dev.tsv", ["ham\tlunch?", "spam\tclaim your money"])
        try write("test.tsv", ["ham\tnew text", "spam\tWIN a \"prize\"", "ham\tok", "ham\tsee you at home", "ham\tbye"])
        try "labeling_functions:\n  - {name: money, kind: keyword, keywords: [money], label: spam}\n"
            .write(to: directory.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        let task = directory.appendingPathComponent("wslabel.yaml")
        try """
            labels: [ham, spam]
            data: {format: tsv, header: false, text: 2, gold: 1, splits: {train: train.tsv, dev: dev.tsv, test: test.tsv}}
            labeling_functions: {files: [lfs.yaml]}
            """.write(to: task, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("votes")
        let result = try CLIRunner.run(["apply", "--config", task.path, "--output-dir", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "\n").filter { $0.contains("warning") },
                       ["wslabel: warning: 3 test items have the same text as a train item (first: id test.tsv:2 = train id train.tsv:4)"])
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("dev.csv"), encoding: .utf8),
                       "id,money\ndev.tsv:1,-1\ndev.tsv:2,1\n")

        // Test texts of their own: no warning (a second run reads the votes from the cache: the same).
        try write("test.tsv", ["ham\tnew text", "spam\tlose a prize"])
        for run in ["cold", "cached"] {
            let clean = try CLIRunner.run(["apply", "--config", task.path, "--output-dir", output.path])
            XCTAssertEqual(clean.status, 0, clean.stderr)
            XCTAssertFalse(clean.stderr.contains("warning"), "\(run): \(clean.stderr)")
        }
    }
}
