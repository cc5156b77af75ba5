import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import XCTest

/// `wslabel train` end to end, on the synthetic comments of `SyntheticSpamTexts` (a WRENCH
/// folder with texts: 300 train, 60 valid, 100 test) and on the bundled support-tickets task.
final class TrainCommandTests: XCTestCase {
    private func folderWithTexts() throws -> URL {
        let folder = try temporaryDirectory(self)
        try SyntheticSpamTexts.writeWrenchFolder(at: folder)
        return folder
    }

    private func object(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], file: file, line: line)
    }

    func testJSONHasBothModelsPerSplit() throws {
        let folder = try folderWithTexts()
        let result = try CLIRunner.run(["train", "--wrench", folder.path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try object(result.stdout)
        XCTAssertEqual(Set(summary.keys), ["label_model", "end_model"])
        let labelModel = try XCTUnwrap(summary["label_model"] as? [String: Any])
        let endModel = try XCTUnwrap(summary["end_model"] as? [String: Any])
        for key in ["c", "chosen_on_dev", "metric", "candidates", "features", "training_items", "uncovered_items", "held_out_items",
                    "train_seconds", "feature_seconds", "splits"] {
            XCTAssertNotNil(endModel[key], "end_model lacks \(key)")
        }
        let labelSplits = try XCTUnwrap(labelModel["splits"] as? [String: [String: Any]])
        let endSplits = try XCTUnwrap(endModel["splits"] as? [String: [String: Any]])
        XCTAssertEqual(Set(labelSplits.keys), ["train", "valid", "test"])
        XCTAssertEqual(Set(endSplits.keys), Set(labelSplits.keys))
        for (name, split) in endSplits {
            XCTAssertEqual(split["coverage"] as? Double, 1, "\(name): the end model labels every item")
            XCTAssertNotNil(split["accuracy"], name)
        }
        XCTAssertEqual(endModel["chosen_on_dev"] as? Bool, true, "valid has gold labels")
        XCTAssertEqual(endModel["metric"] as? String, "accuracy")
        XCTAssertEqual((endModel["candidates"] as? [Any])?.count,
                       EndModelTrainingConfiguration().inverseRegularizationGrid.count * EndModelTrainingConfiguration.weightingCandidates.count)
        XCTAssertEqual((endModel["training_items"] as? Int).map { $0 + (endModel["uncovered_items"] as? Int ?? 0) }, 300)
        XCTAssertTrue(result.stderr.contains("training the end model on \(endModel["training_items"] as? Int ?? -1) train items"), result.stderr)

        // The text summary: the training line and one table row per split.
        let text = try CLIRunner.run(["train", "--wrench", folder.path, "--c", "2", "--weighting", "uniform"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("end model: logistic regression on "), text.stdout)
        XCTAssertTrue(text.stdout.contains("C = 2, uniform weighting (as given)"), text.stdout)
        for name in ["train", "valid", "test"] {
            XCTAssertTrue(text.stdout.split(separator: "\n").contains { $0.hasPrefix(name + " ") }, "no row for \(name)")
        }
    }

    func testTheSavedModelIsTheSameBytesAtAnyThreadCount() throws {
        let folder = try folderWithTexts()
        let output = try temporaryDirectory(self)
        let one = output.appendingPathComponent("one.json"), two = output.appendingPathComponent("two.json")
        let first = try CLIRunner.run(["train", "--wrench", folder.path, "--save-end-model", one.path, "--threads", "1"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let second = try CLIRunner.run(["train", "--wrench", folder.path, "--save-end-model", two.path, "--threads", "2"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(try Data(contentsOf: one), try Data(contentsOf: two))
        XCTAssertEqual(first.stdout.replacingOccurrences(of: #"in [0-9.]+ s"#, with: "", options: .regularExpression),
                       second.stdout.replacingOccurrences(of: #"in [0-9.]+ s"#, with: "", options: .regularExpression))
        let saved = try SavedEndModel.load(from: one)
        XCTAssertEqual(saved.model.labelNames, SyntheticSpamTexts.labelNames)
        XCTAssertTrue(first.stderr.contains("saved the model to \(one.path)"), first.stderr)
    }

    func testExportedFeaturesHaveOneLinePerItemAndTrainingRow() throws {
        let folder = try folderWithTexts()
        let output = try temporaryDirectory(self)
        let features = output.appendingPathComponent("features")
        let result = try CLIRunner.run(["train", "--wrench", folder.path, "--export-features", features.path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let endModel = try XCTUnwrap(try object(result.stdout)["end_model"] as? [String: Any])
        let featureCount = try XCTUnwrap(endModel["features"] as? Int)
        let trainingItems = try XCTUnwrap(endModel["training_items"] as? Int)

        func lines(_ name: String) throws -> [Substring] {
            let text = try String(contentsOf: features.appendingPathComponent(name), encoding: .utf8)
            XCTAssertTrue(text.hasSuffix("\n"), name)
            return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        }
        let gold = try WrenchDataset(directory: folder)
        for (name, count) in [("train", 300), ("valid", 60), ("test", 100)] {
            let rows = try lines("\(name).svm")
            XCTAssertEqual(rows.count, count, name)
            // Each line: the gold class, then ascending zero-based features below the feature count.
            XCTAssertEqual(rows.map { Int($0.split(separator: " ")[0]) }, gold.split(name)?.gold.map { $0 ?? -1 }, name)
            for row in rows {
                let columns = row.split(separator: " ").dropFirst().map { Int($0.split(separator: ":")[0])! }
                XCTAssertEqual(columns, columns.sorted(), name)
                XCTAssertTrue(columns.allSatisfy { (0..<featureCount).contains($0) }, name)
            }
        }
        // The class indices of the .svm files and the target columns, by name.
        XCTAssertEqual(try LabelNamesFile.read(features.appendingPathComponent("label.json")), gold.labelNames)
        let training = try lines("training.svm")
        let targets = try lines("training.targets.csv")
        XCTAssertEqual(training.count, trainingItems)
        XCTAssertEqual(targets.count, trainingItems)
        for (row, target) in zip(training, targets) {
            let distribution = target.split(separator: ",").map { Double($0)! }
            XCTAssertEqual(distribution.count, 2)
            XCTAssertEqual(distribution.reduce(0, +), 1, accuracy: 1e-9)
            // training.svm labels each row with its target's most probable class.
            XCTAssertEqual(Int(row.split(separator: " ")[0]), distribution[1] > distribution[0] ? 1 : 0)
        }
        XCTAssertTrue(result.stderr.contains("wrote the features to"), result.stderr)
    }

    func testTrainRecordsWithoutTextFailNamingTheFileAndField() throws {
        let folder = try temporaryDirectory(self)
        try SyntheticSpamTexts.writeWrenchFolder(at: folder, withText: false)
        let model = folder.appendingPathComponent("end-model.json")
        let result = try CLIRunner.run(["train", "--wrench", folder.path, "--save-end-model", model.path])
        XCTAssertEqual(result.status, 65, result.stderr)
        let train = folder.appendingPathComponent("train.json").path
        XCTAssertTrue(result.stderr.contains("error: \(train):1: record \"0\", field data.text: expected the item's text as a string"),
                      result.stderr)
        XCTAssertTrue(result.stdout.isEmpty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: model.path), "nothing saved")
    }

    func testBadOptionsAreUsageErrors() throws {
        let folder = try folderWithTexts()
        let cases: [(arguments: [String], phrase: String)] = [
            (["--word-ngrams", "bogus"], "--word-ngrams expects lengths like 1-2, 3 or none, not \"bogus\""),
            (["--word-ngrams", "3-1"], "--word-ngrams expects lengths like"),
            (["--char-ngrams", "0-2"], "character n-grams must lie in 1...8, not 0...2"),
            (["--word-ngrams", "none", "--char-ngrams", "none"], "word or character n-grams"),
            (["--c", "0"], "the regularization C must be a positive number"),
            (["--min-df", "0"], "minimum document frequency"),
            (["--weighting", "loud"], "loud"),
            (["--threads", "0"], "--threads must be 1 to"),
            (["--config", "wslabel.yaml"], "give one input: --config FILE or --wrench DIR"),
        ]
        for (arguments, phrase) in cases {
            let result = try CLIRunner.run(["train", "--wrench", folder.path] + arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(phrase), "\(arguments): \(result.stderr)")
        }
        // train learns from text: there is no --votes option (nor any vote-file input) at all.
        let votes = try CLIRunner.run(["train", "--votes", folder.appendingPathComponent("train.json").path])
        XCTAssertEqual(votes.status, 64, votes.stderr)
        XCTAssertTrue(votes.stderr.contains("Unknown option '--votes'"), votes.stderr)
        XCTAssertFalse(try CLIRunner.run(["train", "--help"]).stdout.contains("--votes"))
    }

    /// A task file: its items' text field, its dev split choosing C, labels of every item.
    func testTrainsOnTheSupportTicketsTask() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let labels = root.appendingPathComponent("end-model-labels.jsonl")
        let result = try CLIRunner.run(["train", "--config", SupportTicketsExample.taskFile, "--json", "--output", labels.path,
                                        "--char-ngrams", "none"], currentDirectory: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        let endModel = try XCTUnwrap(try object(result.stdout)["end_model"] as? [String: Any])
        XCTAssertEqual(endModel["chosen_on_dev"] as? Bool, true)
        let splits = try XCTUnwrap(endModel["splits"] as? [String: [String: Any]])
        XCTAssertEqual(Set(splits.keys), ["train", "dev", "test"])
        // The end model's labels of every item (300 train, 60 dev, 80 test), each with a class.
        let lines = try String(contentsOf: labels, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 440)
        for line in lines {
            let record = try object(String(line))
            XCTAssertEqual(Set((record["probabilities"] as? [String: Double] ?? [:]).keys), ["BILLING", "TECHNICAL", "ACCOUNT"])
            XCTAssertTrue(["BILLING", "TECHNICAL", "ACCOUNT"].contains(record["label"] as? String ?? "none"), String(line))
        }
    }
}
