import Foundation
import TestSupport
import XCTest

/// Settings that cannot do what they say fail loudly instead of being skipped: a dev split
/// that does not exist or has no gold labels, a train split without items.
final class FitMisconfigurationTests: XCTestCase {
    private func wrenchFolder(withValid: Bool = true, withTest: Bool = false) throws -> URL {
        let folder = try temporaryDirectory(self)
        let rows: [(id: String, label: Int?, votes: [Int])] = (0..<20).map { ("r\($0)", $0 % 2, [$0 % 2, $0 % 3 == 0 ? -1 : 1]) }
        var splits = ["train": rows]
        if withValid { splits["valid"] = rows.map { ("v" + $0.id, $0.label, $0.votes) } }
        if withTest { splits["test"] = rows.map { ("t" + $0.id, nil, $0.votes) } }
        try writeWrenchFolder(at: folder, labelNames: ["HAM", "SPAM"], splits: splits)
        return folder
    }

    func testAnUnknownDevSplitIsAnErrorNamingTheSplits() throws {
        let folder = try wrenchFolder()
        let output = folder.appendingPathComponent("labels.jsonl")
        let result = try CLIRunner.run(["fit", "--wrench", folder.path, "--dev-split", "nosuch", "--output", output.path])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("no split \"nosuch\" to use as the dev split; the splits are train, valid"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }

    func testANamedDevSplitWithoutGoldLabelsIsAnError() throws {
        let folder = try wrenchFolder(withTest: true)
        let result = try CLIRunner.run(["fit", "--wrench", folder.path, "--dev-split", "test"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("the dev split \"test\" has no gold labels"), result.stderr)
    }

    func testTheDefaultDevSplitMayBeAbsent() throws {
        let folder = try wrenchFolder(withValid: false)
        let result = try CLIRunner.run(["fit", "--wrench", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testAnEmptyTrainSplitFailsAndLeavesTheOldLabelsAlone() throws {
        let folder = try temporaryDirectory(self)
        try "id,text,label\n".write(to: folder.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        try "labeling_functions:\n  - {name: money, kind: keyword, keywords: [money], label: SPAM}\n"
            .write(to: folder.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        try """
            labels: [HAM, SPAM]
            data: {id: id, text: text, gold: label, splits: {train: train.csv}}
            labeling_functions: {files: [lfs.yaml]}
            output: {labels: labels.jsonl, cache: votes.sqlite}
            """.write(to: folder.appendingPathComponent("wslabel.yaml"), atomically: true, encoding: .utf8)
        let labels = folder.appendingPathComponent("labels.jsonl")
        try "the labels of an earlier run\n".write(to: labels, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["fit", "--config", folder.appendingPathComponent("wslabel.yaml").path])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("the train split has no items"), result.stderr)
        XCTAssertEqual(try String(contentsOf: labels, encoding: .utf8), "the labels of an earlier run\n")
    }

    func testAnEmptyWrenchTrainSplitFails() throws {
        let folder = try temporaryDirectory(self)
        try writeWrenchFolder(at: folder, labelNames: ["HAM", "SPAM"], splits: ["train": []])
        let result = try CLIRunner.run(["fit", "--wrench", folder.path])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("train.json: holds no items"), result.stderr)
    }
}
