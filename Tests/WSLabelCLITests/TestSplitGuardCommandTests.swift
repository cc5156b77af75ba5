import Foundation
import TestSupport
import XCTest

/// `--hide-test`, `--show-test` and the task file's `evaluation.hide_test` end to end on the
/// bundled support tickets: fit, report, train and cost leave out every score of the test split
/// (80 tickets; the label model's accuracy on it is 90.0%) and say so.
final class TestSplitGuardCommandTests: XCTestCase {
    private let note = "test: 80 items, scores hidden (evaluate with: wslabel evaluate)"

    /// A copy of the example (run from its root by the relative task path), its task file given
    /// `evaluation` when asked.
    private func example(evaluation: String? = nil) throws -> URL {
        let root = try SupportTicketsExample.copy(for: self)
        if let evaluation {
            let task = root.appendingPathComponent(SupportTicketsExample.taskFile)
            try (try String(contentsOf: task, encoding: .utf8) + "evaluation:\n" + evaluation + "\n").write(to: task, atomically: true, encoding: .utf8)
        }
        return root
    }

    private func run(_ arguments: [String], in root: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try CLIRunner.run([arguments[0], "--config", SupportTicketsExample.taskFile] + arguments.dropFirst(), currentDirectory: root)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return result.stdout
    }

    private func testSplit(ofFitJSON text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], file: file, line: line)
        return try XCTUnwrap((object["splits"] as? [String: [String: Any]])?["test"], file: file, line: line)
    }

    func testFitHidesTheTestScoresInTextAndJSONAndShowsThemOtherwise() throws {
        let root = try example()
        let shown = try run(["fit"], in: root)
        let shownRow = try XCTUnwrap(shown.split(separator: "\n").first { $0.hasPrefix("test ") })
        XCTAssertTrue(shownRow.contains("90.0%"), String(shownRow))
        XCTAssertFalse(shown.contains("scores hidden"), shown)

        let hidden = try run(["fit", "--hide-test"], in: root)
        let hiddenRow = try XCTUnwrap(hidden.split(separator: "\n").first { $0.hasPrefix("test ") })
        XCTAssertEqual(hiddenRow.split(separator: " "), ["test", "80", "80.0%", "hidden", "hidden", "100.0%"])
        XCTAssertTrue(hidden.contains(note), hidden)

        let shownJSON = try testSplit(ofFitJSON: run(["fit", "--json"], in: root))
        XCTAssertEqual(shownJSON["accuracy"] as? Double, 0.9)
        XCTAssertNil(shownJSON["scores_hidden"])
        let hiddenJSON = try testSplit(ofFitJSON: run(["fit", "--json", "--hide-test"], in: root))
        XCTAssertEqual(hiddenJSON["scores_hidden"] as? Bool, true)
        for key in ["accuracy", "macro_f1", "coverage", "f1"] { XCTAssertNil(hiddenJSON[key], key) }
        XCTAssertEqual(hiddenJSON["rows"] as? Int, 80)
    }

    func testTheFlagsOverrideTheTaskFileBothWays() throws {
        let hiding = try example(evaluation: "  hide_test: true")
        XCTAssertEqual(try testSplit(ofFitJSON: run(["fit", "--json"], in: hiding))["scores_hidden"] as? Bool, true)
        XCTAssertEqual(try testSplit(ofFitJSON: run(["fit", "--json", "--show-test"], in: hiding))["accuracy"] as? Double, 0.9)
        let showing = try example(evaluation: "  hide_test: false")
        XCTAssertEqual(try testSplit(ofFitJSON: run(["fit", "--json"], in: showing))["accuracy"] as? Double, 0.9)
        XCTAssertEqual(try testSplit(ofFitJSON: run(["fit", "--json", "--hide-test"], in: showing))["scores_hidden"] as? Bool, true)

        let both = try CLIRunner.run(["fit", "--hide-test", "--show-test"], currentDirectory: showing)
        XCTAssertEqual(both.status, 64)
        XCTAssertTrue(both.stderr.contains("--hide-test") && both.stderr.contains("--show-test"), both.stderr)
    }

    func testTheHiddenSplitIsStillLabeledAlike() throws {
        let root = try example()
        _ = try run(["fit", "--output", "shown.jsonl"], in: root)
        _ = try run(["fit", "--output", "hidden.jsonl", "--hide-test"], in: root)
        let hidden = try Data(contentsOf: root.appendingPathComponent("hidden.jsonl"))
        XCTAssertEqual(hidden, try Data(contentsOf: root.appendingPathComponent("shown.jsonl")))
        let testLines = String(decoding: hidden, as: UTF8.self).split(separator: "\n").filter { $0.contains("\"split\":\"test\"") }
        XCTAssertEqual(testLines.count, 80)
    }

    func testReportHidesTheTestScoresInEveryFormat() throws {
        let root = try example(evaluation: "  hide_test: true")
        let text = try run(["report", "--color", "never"], in: root)
        XCTAssertTrue(text.contains(note), text)
        XCTAssertTrue(text.contains("per-class scores on dev:"), text)
        XCTAssertFalse(text.contains("per-class scores on test"), text)
        let markdown = try run(["report", "--format", "markdown"], in: root)
        XCTAssertTrue(markdown.contains("## Per-class scores on dev") && !markdown.contains("## Per-class scores on test"), markdown)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run(["report", "--format", "json"], in: root).utf8)) as? [String: Any])
        let test = try XCTUnwrap((json["splits"] as? [String: [String: Any]])?["test"])
        XCTAssertEqual(test["scores_hidden"] as? Bool, true)
        XCTAssertNil(test["accuracy"])
        XCTAssertNil(test["confusion_matrix"])
        let html = try run(["report", "--format", "html"], in: root)
        XCTAssertFalse(html.contains("accuracy on test"), "the header card of the test accuracy")
        XCTAssertTrue(html.contains("scores hidden"), "the outcomes table says why test has no scores")

        let shown = try run(["report", "--color", "never", "--show-test"], in: root)
        XCTAssertTrue(shown.contains("per-class scores on test:"), shown)
    }

    func testLFAccuracyIsNeverJudgedOnAHiddenTestSplit() throws {
        // Without a dev split, LFs are judged on test's gold labels — unless test is hidden.
        let folder = try temporaryDirectory(self)
        let task = try SupportTicketsExample.ruleTask(in: folder)
        let yaml = try String(contentsOf: task, encoding: .utf8).split(separator: "\n")
            .filter { !$0.contains("dev:") && !$0.contains("dev_split") }.joined(separator: "\n")
        try yaml.write(to: task, atomically: true, encoding: .utf8)
        let shown = try CLIRunner.run(["report", "--config", task.path, "--format", "csv"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.hasPrefix("lf,polarity,coverage,overlaps,conflicts,correct,incorrect,empirical_accuracy,"), shown.stdout)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(CLIRunner.run(["fit", "--config", task.path, "--json"]).stdout.utf8)) as? [String: Any])
        XCTAssertEqual((summary["lf_summary"] as? [String: Any])?["gold_split"] as? String, "test")
        let hidden = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(CLIRunner.run(["fit", "--config", task.path, "--json", "--hide-test"]).stdout.utf8)) as? [String: Any])
        XCTAssertEqual((hidden["lf_summary"] as? [String: Any])?["gold_split"] as? String, "train", "judged on train's gold labels, not test's")
    }

    func testTrainHidesBothModelsScores() throws {
        let root = try example()
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run(["train", "--json", "--hide-test"], in: root).utf8)) as? [String: Any])
        for model in ["label_model", "end_model"] {
            let test = try XCTUnwrap(((object[model] as? [String: Any])?["splits"] as? [String: [String: Any]])?["test"], model)
            XCTAssertEqual(test["scores_hidden"] as? Bool, true, model)
            XCTAssertNil(test["accuracy"], model)
            let dev = try XCTUnwrap(((object[model] as? [String: Any])?["splits"] as? [String: [String: Any]])?["dev"], model)
            XCTAssertNotNil(dev["accuracy"], model)
        }
        let text = try run(["train", "--hide-test"], in: root)
        XCTAssertTrue(text.contains(note), text)
    }

    func testCostScoresOnDevWhenTestIsHiddenAndRefusesToScoreOnTest() throws {
        let root = try example(evaluation: "  hide_test: true")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run(["cost", "--json", "--no-end-model"], in: root).utf8)) as? [String: Any])
        XCTAssertEqual(object["evaluation_split"] as? String, "dev")
        XCTAssertEqual(object["hidden_splits"] as? [String], ["test"])
        let text = try run(["cost", "--no-end-model"], in: root)
        XCTAssertTrue(text.contains("scored on the 60 items of dev"), text)
        XCTAssertTrue(text.contains("The scores of test are hidden"), text)
        let onTest = try CLIRunner.run(["cost", "--config", SupportTicketsExample.taskFile, "--split", "test", "--no-end-model"], currentDirectory: root)
        XCTAssertEqual(onTest.status, 64)
        XCTAssertTrue(onTest.stderr.contains("split test is a test split whose scores are hidden"), onTest.stderr)
        let shown = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run(["cost", "--json", "--no-end-model", "--show-test"], in: root).utf8)) as? [String: Any])
        XCTAssertEqual(shown["evaluation_split"] as? String, "test")
    }
}
