import Foundation
import TestSupport
import XCTest

/// `wslabel evaluate` end to end on the bundled support tickets (its test split hidden by the
/// task file, as while writing LFs) and on a WRENCH folder with texts.
final class EvaluateCommandTests: XCTestCase {
    /// A copy of the example whose task file hides the test split's scores.
    private func example() throws -> URL {
        let root = try SupportTicketsExample.copy(for: self)
        let task = root.appendingPathComponent(SupportTicketsExample.taskFile)
        try (try String(contentsOf: task, encoding: .utf8) + "evaluation:\n  hide_test: true\n").write(to: task, atomically: true, encoding: .utf8)
        return root
    }

    private func run(_ arguments: [String], in root: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try CLIRunner.run([arguments[0], "--config", SupportTicketsExample.taskFile] + arguments.dropFirst(), currentDirectory: root)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return result.stdout
    }

    private func object(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], file: file, line: line)
    }

    func testTheScoresAreWhatFitShowsUnhiddenToTheLastDigit() throws {
        let root = try example()
        let fit = try XCTUnwrap((try object(run(["fit", "--json", "--show-test"], in: root))["splits"] as? [String: [String: Any]])?["test"])
        let evaluation = try object(run(["evaluate", "--json"], in: root))
        XCTAssertEqual(evaluation["split"] as? String, "test")
        let labelModel = try XCTUnwrap((evaluation["models"] as? [String: [String: Any]])?["label_model"])
        for key in ["accuracy", "macro_f1", "coverage"] {
            XCTAssertEqual(try XCTUnwrap(labelModel[key] as? Double), try XCTUnwrap(fit[key] as? Double), key)
        }
        // Per-class F1 in the evaluation is F1 of each class; fit's macro-F1 is their mean.
        let perClass = try XCTUnwrap(labelModel["per_class"] as? [String: [String: Double]])
        XCTAssertEqual(Set(perClass.keys), ["BILLING", "TECHNICAL", "ACCOUNT"])
        XCTAssertEqual(perClass.values.map { $0["f1"]! }.reduce(0, +) / 3, try XCTUnwrap(fit["macro_f1"] as? Double), accuracy: 1e-15)
        XCTAssertEqual(perClass.values.map { $0["support"]! }.reduce(0, +), 80)
        let confusion = try XCTUnwrap(labelModel["confusion_matrix"] as? [String: [String: Int]])
        let correct = ["BILLING", "TECHNICAL", "ACCOUNT"].map { confusion[$0]![$0]! }.reduce(0, +)
        XCTAssertEqual(Double(correct) / 80, try XCTUnwrap(fit["accuracy"] as? Double))
        XCTAssertNotNil((evaluation["models"] as? [String: Any])?["majority_vote"])
    }

    func testTheTextNamesTheClassesAndCountsEachLook() throws {
        let root = try example()
        let first = try run(["evaluate"], in: root)
        XCTAssertTrue(first.contains("test evaluated 1 time\n"), first)
        for phrase in ["accuracy", "label model, per class:", "majority vote, confusion matrix (rows: gold, columns: predicted):",
                       "gold \\ predicted  BILLING  TECHNICAL  ACCOUNT"] {
            XCTAssertTrue(first.contains(phrase), "missing \(phrase): \(first)")
        }
        let lines = first.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertTrue(lines.contains("accuracy 90.0% 90.0%"), first)
        let second = try run(["evaluate"], in: root)
        XCTAssertTrue(second.contains("test evaluated 2 times: each look"), second)
        let counts = root.appendingPathComponent("examples/output/support-tickets/evaluations.json")
        XCTAssertEqual(try String(contentsOf: counts, encoding: .utf8), #"{"version":1,"splits":{"test":2}}"# + "\n")
        // An evaluation writes no labels, though the task names a labels file.
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("examples/output/support-tickets/labels.jsonl").path))

        let markdown = try run(["evaluate", "--format", "markdown", "--split", "dev"], in: root)
        XCTAssertTrue(markdown.hasPrefix("# Evaluation on dev\n"), markdown)
        XCTAssertTrue(markdown.contains("note: dev is the dev split"), markdown)
    }

    func testUsageAndInputErrors() throws {
        let root = try example()
        let unknown = try CLIRunner.run(["evaluate", "--config", SupportTicketsExample.taskFile, "--split", "holdout"], currentDirectory: root)
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("no split holdout to evaluate; the task's splits are train, dev, test"), unknown.stderr)
        let formats = try CLIRunner.run(["evaluate", "--json", "--format", "markdown"], currentDirectory: root)
        XCTAssertEqual(formats.status, 64)
        XCTAssertTrue(formats.stderr.contains("--json and --format markdown"), formats.stderr)
    }

    func testTheEndModelJoinsOnAWrenchFolder() throws {
        let folder = try temporaryDirectory(self)
        try SyntheticSpamTexts.writeWrenchFolder(at: folder)
        let result = try CLIRunner.run(["evaluate", "--wrench", folder.path, "--end-model", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let evaluation = try object(result.stdout)
        XCTAssertEqual(Set((evaluation["models"] as? [String: Any])?.keys.map { $0 } ?? []), ["label_model", "majority_vote", "end_model"])
        XCTAssertTrue(evaluation["times_evaluated"] is NSNull, "a WRENCH folder has no cache folder to count in")
        let train = try CLIRunner.run(["train", "--wrench", folder.path, "--json"])
        let endModelTest = try XCTUnwrap(((try object(train.stdout)["end_model"] as? [String: Any])?["splits"] as? [String: [String: Any]])?["test"])
        let evaluated = try XCTUnwrap((evaluation["models"] as? [String: [String: Any]])?["end_model"])
        XCTAssertEqual(evaluated["accuracy"] as? Double, endModelTest["accuracy"] as? Double, "the end model `wslabel train` trains")
    }
}
