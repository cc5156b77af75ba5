import Foundation
import WSLabelCore
import WSLabelData
@testable import WSLabelReports
import XCTest

/// Per-class scores and confusion matrices in `wslabel report`, and test splits whose scores are
/// hidden, on the worked example of ``ConfusionMatrix``: one LF whose vote majority vote takes
/// as its label, so the test split's labels are exactly the example's predictions.
final class ClassScoresInReportsTests: XCTestCase {
    private let labels = ["BILLING", "TECHNICAL", "ACCOUNT"]

    /// Train without gold; test with the worked example's gold, its one LF voting the
    /// example's predictions (no vote where the example has no label).
    private func run() throws -> (LabelingRun, [LabeledSplit]) {
        let trainVotes = try VoteMatrix(denseRows: [[0], [1], [2], [0]], classCount: 3, lfCount: 1)
        let train = LabeledSplit(name: "train", ids: ["a", "b", "c", "d"], votes: trainVotes, gold: [nil, nil, nil, nil])
        let testVotes = try VoteMatrix(denseRows: [[0], [0], [1], [1], [-1], [2], [0], [2]], classCount: 3, lfCount: 1)
        let test = LabeledSplit(name: "test", ids: (0..<8).map { "t\($0)" }, votes: testVotes, gold: [0, 0, 0, 1, 1, 2, 2, 2])
        let splits = [train, test]
        let run = try LabelingRun(labelNames: labels, splits: splits, configuration: LabelingRunConfiguration(model: .mv, ties: .abstain, threads: 1))
        return (run, splits)
    }

    func testTheReportShowsPerClassScoresAndTheConfusionMatrixByLabelName() throws {
        let (run, splits) = try run()
        let report = LFReport(run: run, splits: splits, lfNames: ["route"])
        XCTAssertEqual(report.outcomes[1].confusion, ConfusionMatrix(predictions: [0, 0, 1, 1, -1, 2, 0, 2], gold: [0, 0, 0, 1, 1, 2, 2, 2], classCount: 3))
        XCTAssertNil(report.outcomes[0].confusion, "train has no gold labels")

        let text = report.rendered(as: .text)
        let scores = try XCTUnwrap(text.components(separatedBy: "per-class scores on test:\n").last)
        let lines = scores.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertEqual(Array(lines.prefix(5)), [
            "class precision recall F1 support", "--------- --------- ------ ----- -------",
            "BILLING 66.7% 66.7% 66.7% 3", "TECHNICAL 50.0% 50.0% 50.0% 2", "ACCOUNT 100.0% 66.7% 80.0% 3",
        ])
        XCTAssertTrue(text.contains("confusion matrix on test (rows: gold, columns: predicted):"), text)
        let matrix = try XCTUnwrap(text.components(separatedBy: "columns: predicted):\n").last)
            .split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertEqual(Array(matrix.prefix(5)), [
            "gold \\ predicted BILLING TECHNICAL ACCOUNT (none)", "---------------- ------- --------- ------- ------",
            "BILLING 2 1 0 0", "TECHNICAL 0 1 0 1", "ACCOUNT 1 0 2 0",
        ])

        let markdown = report.rendered(as: .markdown)
        XCTAssertTrue(markdown.contains("## Per-class scores on test"), markdown)
        XCTAssertTrue(markdown.contains("| TECHNICAL | 0 | 1 | 0 | 1 |"), markdown)

        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8)) as? [String: Any])
        let test = try XCTUnwrap((json["splits"] as? [String: Any])?["test"] as? [String: Any])
        let account = try XCTUnwrap((test["per_class"] as? [String: [String: Double]])?["ACCOUNT"])
        XCTAssertEqual(account, ["precision": 1, "recall": 2.0 / 3, "f1": 0.8, "support": 3])
        let confusion = try XCTUnwrap(test["confusion_matrix"] as? [String: [String: Int]])
        XCTAssertEqual(confusion["TECHNICAL"], ["BILLING": 0, "TECHNICAL": 1, "ACCOUNT": 0])
        XCTAssertEqual(test["unlabeled_by_class"] as? [String: Int], ["BILLING": 0, "TECHNICAL": 1, "ACCOUNT": 0])
        XCTAssertNil(test["scores_hidden"])

        let html = report.rendered(as: .html)
        XCTAssertTrue(html.contains("<section id=\"classes\">"), html)
        XCTAssertTrue(html.contains("<a href=\"#classes\">"), html)
    }

    func testAHiddenSplitHasNoScoreInAnyFormatAndSaysSo() throws {
        let (run, splits) = try run()
        // The run still holds the test split's scores: the report must not show them all the same.
        XCTAssertNotNil(run.results[1].metrics)
        let report = LFReport(run: run, splits: splits, lfNames: ["route"], hiddenSplits: ["test"])
        XCTAssertNil(report.outcomes[1].metrics)
        XCTAssertNil(report.outcomes[1].confusion)
        XCTAssertTrue(report.outcomes[1].scoresHidden)
        XCTAssertNil(report.summary.goldSplit, "LFs are not judged on a hidden split")

        let note = "test: 8 items, scores hidden (evaluate with: wslabel evaluate)"
        let text = report.rendered(as: .text)
        XCTAssertTrue(text.contains(note), text)
        XCTAssertFalse(text.contains("per-class scores on test"), text)
        XCTAssertFalse(text.contains("62.5%"), "the test accuracy (5 of 8) leaks: \(text)")
        let row = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("test ") })
        XCTAssertTrue(row.hasSuffix("hidden    hidden"), String(row))
        XCTAssertTrue(report.rendered(as: .markdown).contains(note))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8)) as? [String: Any])
        let test = try XCTUnwrap((json["splits"] as? [String: Any])?["test"] as? [String: Any])
        XCTAssertEqual(test["scores_hidden"] as? Bool, true)
        for key in ["accuracy", "macro_f1", "per_class", "confusion_matrix"] { XCTAssertNil(test[key], key) }
        let html = report.rendered(as: .html)
        XCTAssertTrue(html.contains("scores hidden (evaluate with: <code>wslabel evaluate</code>)"), html)
        XCTAssertFalse(html.contains("id=\"classes\""), html)
        XCTAssertFalse(html.contains("62.5%"), html)
    }

    func testTheRunTableAndJSONSummaryHideTheSplitTheyAreTold() throws {
        let (run, _) = try run()
        let shown = RunTable.render(run)
        XCTAssertTrue(shown.contains("62.5%"), shown)
        XCTAssertTrue(shown.contains("per-class precision and recall, confusion matrices: `wslabel report`"), shown)
        let hidden = RunTable.render(run, hiddenSplits: ["test"])
        XCTAssertFalse(hidden.contains("62.5%"), hidden)
        XCTAssertTrue(hidden.contains("test: 8 items, scores hidden (evaluate with: wslabel evaluate)"), hidden)
        XCTAssertFalse(hidden.contains("`wslabel report`"), "no split has scores to see in the report")

        let summary = run.summary(hiddenSplits: ["test"])
        guard case let .object(test)? = summary["splits"]?["test"] else { return XCTFail("no test split") }
        XCTAssertEqual(test.map(\.key), ["rows", "lf_coverage", "distribution", "unlabeled", "scores_hidden"])
        XCTAssertNotNil(run.summary()["splits"]?["test"]?["accuracy"])
    }
}
