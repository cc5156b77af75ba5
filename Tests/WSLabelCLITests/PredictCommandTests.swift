import Foundation
import TestSupport
import XCTest

/// `wslabel predict` end to end: a model saved by `fit --save-model` labels as `fit` did, and on
/// model files edited after `fit` wrote them, every edit that makes the model unusable is a
/// one-line error naming the file and the field, exit 65, never a trap.
final class PredictCommandTests: XCTestCase {
    func testSavedModelPredictsTheSameLabels() throws {
        let folder = try SharedData.wrench("youtube")
        let directory = try temporaryDirectory(self)
        let model = directory.appendingPathComponent("model.json")
        let fitted = directory.appendingPathComponent("fit.jsonl"), predicted = directory.appendingPathComponent("predict.jsonl")
        XCTAssertEqual(try CLIRunner.run(["fit", "--wrench", folder.path, "--save-model", model.path, "--output", fitted.path]).status, 0)
        let result = try CLIRunner.run(["predict", "--model-file", model.path, "--wrench", folder.path, "--output", predicted.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try Data(contentsOf: fitted), try Data(contentsOf: predicted))
    }

    /// A majority-vote model saved by `fit` labels ties and uncovered rows as the fit did: its
    /// prior and seed are in the file.
    func testSavedMajorityVoteKeepsItsTieRule() throws {
        let folder = try temporaryDirectory(self)
        try FitCommandTests.writeTiedFolder(at: folder)
        let model = folder.appendingPathComponent("model.json")
        let fitted = folder.appendingPathComponent("fit.jsonl"), predicted = folder.appendingPathComponent("predict.jsonl")
        let fit = try CLIRunner.run(["fit", "--wrench", folder.path, "--model", "mv", "--seed", "4", "--save-model", model.path, "--output", fitted.path])
        XCTAssertEqual(fit.status, 0, fit.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: model)) as? [String: Any])
        let ties = try XCTUnwrap(json["ties"] as? [String: Any])
        XCTAssertEqual(ties["source"] as? String, "dev_gold")
        XCTAssertEqual(ties["seed"] as? Int, 4)
        let result = try CLIRunner.run(["predict", "--model-file", model.path, "--wrench", folder.path, "--output", predicted.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOf: fitted, encoding: .utf8), try String(contentsOf: predicted, encoding: .utf8))
    }

    /// A small WRENCH folder, a model fitted on it, and the model's JSON.
    private func savedModel(kind: String = "em") throws -> (folder: URL, model: URL, json: [String: Any]) {
        let folder = try temporaryDirectory(self)
        let rows: [(id: String, label: Int?, votes: [Int])] = (0..<40).map { row in
            ("r\(row)", row % 2, [row % 2, row % 3 == 0 ? -1 : row % 2, row % 5 == 0 ? 1 - row % 2 : -1])
        }
        try writeWrenchFolder(at: folder, labelNames: ["HAM", "SPAM"], splits: ["train": rows])
        let model = folder.appendingPathComponent("model.json")
        let fit = try CLIRunner.run(["fit", "--wrench", folder.path, "--model", kind, "--save-model", model.path])
        XCTAssertEqual(fit.status, 0, fit.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: model)) as? [String: Any])
        return (folder, model, json)
    }

    /// Runs predict on the model after `edit`, and checks the error names `field`.
    private func assertRejected(_ field: String, saying message: String, kind: String = "em",
                                line: UInt = #line, edit: (inout [String: Any]) -> Void) throws {
        let (folder, model, original) = try savedModel(kind: kind)
        var json = original
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: model)
        let result = try CLIRunner.run(["predict", "--model-file", model.path, "--wrench", folder.path])
        XCTAssertEqual(result.status, 65, result.stderr, line: line)
        let expected = "error: \(model.path): field \(field): "
        XCTAssertTrue(result.stderr.hasPrefix(expected), "expected \(expected)…, got \(result.stderr)", line: line)
        XCTAssertTrue(result.stderr.contains(message), "expected …\(message)…, got \(result.stderr)", line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one line: \(result.stderr)", line: line)
        XCTAssertTrue(result.stdout.isEmpty, line: line)
    }

    private func editTables(_ json: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var generative = json["generative"] as! [String: Any]
        var tables = generative["tables"] as! [String: Any]
        edit(&tables)
        generative["tables"] = tables
        json["generative"] = generative
    }

    private func editGenerative(_ json: inout [String: Any], key: String, value: Any) {
        var generative = json["generative"] as! [String: Any]
        generative[key] = value
        json["generative"] = generative
    }

    func testTheUneditedModelPredicts() throws {
        let (folder, model, _) = try savedModel()
        let result = try CLIRunner.run(["predict", "--model-file", model.path, "--wrench", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 40)
    }

    func testAShortProbabilityTableIsAnErrorNotATrap() throws {
        try assertRejected("generative.tables.probabilities", saying: "has 15 entries; 3 LFs × 2 classes × 3 outcomes need 18") { json in
            editTables(&json) { tables in tables["probabilities"] = Array((tables["probabilities"] as! [Double]).dropLast(3)) }
        }
    }

    func testANegativeProbabilityIsAnError() throws {
        try assertRejected("generative.tables.probabilities[1]", saying: "-0.25 is not a probability (LF 0, true class 0, outcome vote for class 0)") { json in
            editTables(&json) { tables in
                var values = tables["probabilities"] as! [Double]
                values[1] = -0.25
                values[2] += 1.25 - values[0]
                values[0] = 0
                tables["probabilities"] = values
            }
        }
    }

    func testNaNWrittenAsAStringIsAnError() throws {
        try assertRejected("generative.tables.probabilities[3]", saying: "expected a number") { json in
            editTables(&json) { tables in
                var values = tables["probabilities"] as! [Any]
                values[3] = "NaN"
                tables["probabilities"] = values
            }
        }
    }

    func testADistributionThatDoesNotSumToOneIsAnError() throws {
        try assertRejected("generative.tables.probabilities[3]", saying: "(LF 0, true class 1) sums to 1.5; it must sum to 1 (within 1e-06)") { json in
            editTables(&json) { tables in
                var values = tables["probabilities"] as! [Double]
                values.replaceSubrange(3...5, with: [0.5, 0.5, 0.5])
                tables["probabilities"] = values
            }
        }
    }

    func testAPriorThatDoesNotSumToOneIsAnError() throws {
        try assertRejected("generative.class_prior", saying: "sums to 1.4; it must sum to 1 (within 1e-06)") { json in
            editGenerative(&json, key: "class_prior", value: [0.7, 0.7])
        }
    }

    func testANegativePriorIsAnError() throws {
        try assertRejected("generative.class_prior[0]", saying: "-0.5 is not a probability") { json in
            editGenerative(&json, key: "class_prior", value: [-0.5, 1.5])
        }
    }

    func testAShortLabelDistributionIsAnError() throws {
        try assertRejected("generative.label_distribution", saying: "has 1 entries; 2 classes need 2") { json in
            editGenerative(&json, key: "label_distribution", value: [1.0])
        }
    }

    func testDuplicateLabelNamesAreAnError() throws {
        try assertRejected("label_names[1]", saying: "classes 0 and 1 are both named \"HAM\"") { json in
            json["label_names"] = ["HAM", "HAM"]
        }
    }

    func testAnEmptyLabelNameIsAnError() throws {
        try assertRejected("label_names[0]", saying: "the name of class 0 is empty") { json in
            json["label_names"] = ["", "SPAM"]
        }
    }

    func testTooManyLFsForAMajorityVoteModelIsAnError() throws {
        try assertRejected("lf_count", saying: "70000 LFs: a model holds 0 to 65535", kind: "mv") { json in
            json["lf_count"] = 70_000
        }
    }

    func testAMajorityVotePriorOfTheWrongLengthIsAnError() throws {
        try assertRejected("ties.prior", saying: "3 probabilities for 2 classes", kind: "mv") { json in
            var ties = json["ties"] as! [String: Any]
            ties["prior"] = [0.2, 0.3, 0.5]
            json["ties"] = ties
        }
    }

    func testAnUnknownPriorSourceIsAnError() throws {
        try assertRejected("ties.source", saying: "unknown prior source \"guess\"", kind: "mv") { json in
            var ties = json["ties"] as! [String: Any]
            ties["source"] = "guess"
            json["ties"] = ties
        }
    }

    /// A majority-vote model written before wslabel saved its tie rule (no `ties`) keeps its
    /// old meaning in predict: ties and vote-less rows get no label.
    func testAMajorityVoteFileWithoutTiesLeavesTiesUnlabeledAsBefore() throws {
        let folder = try temporaryDirectory(self)
        try FitCommandTests.writeTiedFolder(at: folder)
        let model = folder.appendingPathComponent("model.json")
        try #"{"format": "wslabel-label-model", "version": 1, "kind": "mv", "labelNames": ["HAM", "SPAM"], "lfCount": 2}"#
            .write(to: model, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["predict", "--model-file", model.path, "--wrench", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let labels = result.stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["label"]
        }
        XCTAssertEqual(labels.count, 40)
        // Train rows 10–19 vote HAM twice; every other row is a tie or has no vote.
        XCTAssertEqual(labels.filter { ($0 as? String) == "HAM" }.count, 10)
        XCTAssertEqual(labels.filter { $0 is NSNull }.count, 30, result.stdout)
    }

    func testTablesForAnotherLFCountAreAnError() throws {
        try assertRejected("generative.tables.lf_count", saying: "2 LFs, but lf_count is 3") { json in
            editTables(&json) { tables in
                tables["lf_count"] = 2
                tables["probabilities"] = Array((tables["probabilities"] as! [Double]).prefix(12))
            }
        }
    }
}
