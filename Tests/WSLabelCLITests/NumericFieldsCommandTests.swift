import Foundation
import TestSupport
import WSLabelCore
import XCTest

/// `wslabel train --numeric-field` and `wslabel classify` reading the same field: a WRENCH
/// folder whose texts say nothing and whose number says everything.
final class NumericFieldsCommandTests: XCTestCase {
    /// Items of two classes with the same text; `score` is about 10 for class 1 and 0 for class
    /// 0; one LF votes the class on most items.
    private func writeFolder(at folder: URL, badValueIn bad: String? = nil) throws {
        var random = SplitMix64(seed: 5)
        try #"{"0": "LOW", "1": "HIGH"}"#.write(to: folder.appendingPathComponent("label.json"), atomically: true, encoding: .utf8)
        for (split, count) in [("train", 200), ("valid", 40), ("test", 60)] {
            var records: [String] = []
            for index in 0..<count {
                let label = Int(random.next() % 2)
                let vote = random.next() % 4 == 0 ? -1 : label
                let score = split == bad && index == 3 ? "\"ten\"" : String(Double(label * 10) + Double(random.next() % 100) / 100)
                records.append("\"\(index)\": {\"label\": \(label), \"weak_labels\": [\(vote)], \"data\": {\"text\": \"the same words\", \"score\": \(score)}}")
            }
            try ("{" + records.joined(separator: ",\n") + "}").write(to: folder.appendingPathComponent("\(split).json"), atomically: true, encoding: .utf8)
        }
    }

    func testTrainAndClassifyReadTheSameNumericField() throws {
        let folder = try temporaryDirectory(self)
        try writeFolder(at: folder)
        let model = folder.appendingPathComponent("end-model.json")
        let trained = try CLIRunner.run(["train", "--wrench", folder.path, "--numeric-field", "score", "--save-end-model", model.path, "--json"])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(trained.stdout.utf8)) as? [String: Any])
        let endModel = try XCTUnwrap(summary["end_model"] as? [String: Any])
        let test = try XCTUnwrap((endModel["splits"] as? [String: [String: Any]])?["test"])
        XCTAssertGreaterThan(try XCTUnwrap(test["accuracy"] as? Double), 0.95, "the number tells the classes apart")

        let items = folder.appendingPathComponent("new.jsonl")
        try """
        {"text": "the same words", "score": 11}
        {"text": "the same words", "score": -1}
        {"text": "the same words"}

        """.write(to: items, atomically: true, encoding: .utf8)
        let classified = try CLIRunner.run(["classify", "--end-model", model.path, "--input", items.path])
        XCTAssertEqual(classified.status, 0, classified.stderr)
        let labels = classified.stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["label"] as? String
        }
        XCTAssertEqual(labels.prefix(2), ["HIGH", "LOW"])
        XCTAssertEqual(labels.count, 3, "an item without the field is labeled too")

        try "{\"text\": \"x\", \"score\": \"many\"}\n".write(to: items, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["classify", "--end-model", model.path, "--input", items.path])
        XCTAssertEqual(bad.status, 65)
        XCTAssertTrue(bad.stderr.contains(items.path) && bad.stderr.contains("field score") && bad.stderr.contains("\"many\""), bad.stderr)
    }

    func testANonNumericValueInTheDataNamesItsPlace() throws {
        let folder = try temporaryDirectory(self)
        try writeFolder(at: folder, badValueIn: "valid")
        let result = try CLIRunner.run(["train", "--wrench", folder.path, "--numeric-field", "score"])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("valid.json") && result.stderr.contains("record \"3\"") && result.stderr.contains("field data.score"),
                      result.stderr)
        let twice = try CLIRunner.run(["train", "--wrench", folder.path, "--numeric-field", "score", "--numeric-field", "score"])
        XCTAssertEqual(twice.status, 64, "a field named twice is a usage error")
    }
}
