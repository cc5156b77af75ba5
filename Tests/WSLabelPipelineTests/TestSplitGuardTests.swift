import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports
import WSLabeling
import XCTest

/// Hiding the test split's scores while LFs are written (``TestSplitChoices``), on the bundled
/// support tickets (train, dev and test, all with gold labels; dev chooses the variant).
final class TestSplitGuardTests: XCTestCase {
    /// The example's rule task in a temporary folder, with `evaluation` appended when given.
    private func task(evaluation: String? = nil, replacing: (String, String)? = nil) throws -> URL {
        let url = try SupportTicketsExample.ruleTask(in: temporaryDirectory(self))
        var yaml = try String(contentsOf: url, encoding: .utf8)
        if let (old, new) = replacing {
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix(old) ? new : String($0) }
            yaml = lines.joined(separator: "\n")
        }
        if let evaluation { yaml += "\nevaluation:\n" + evaluation + "\n" }
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private func job(_ task: URL, hideTest: Bool?, labels: URL? = nil) -> LabelingJob {
        var job = LabelingJob(input: .task(task), labelsOutput: labels.map { .file($0) } ?? .none)
        job.testSplit = TestSplitChoices(hideTest: hideTest)
        return job
    }

    func testAHiddenSplitIsLabeledAlikeButHasNoScoreAnywhere() throws {
        let task = try task()
        let folder = task.deletingLastPathComponent()
        let shownLabels = folder.appendingPathComponent("shown.jsonl"), hiddenLabels = folder.appendingPathComponent("hidden.jsonl")
        let shown = try job(task, hideTest: nil, labels: shownLabels).run()
        let hidden = try job(task, hideTest: true, labels: hiddenLabels).run()

        XCTAssertEqual(shown.hiddenSplits, [])
        XCTAssertEqual(hidden.hiddenSplits, ["test"])
        XCTAssertNotNil(shown.run.results[2].metrics)
        XCTAssertNil(hidden.run.results[2].metrics)
        XCTAssertEqual(hidden.loaded.splits[2].goldCount, 0, "the hidden split's gold labels never reach the fit or the reports")
        XCTAssertEqual(hidden.run.results[1].metrics, shown.run.results[1].metrics, "dev is still scored")
        // The test split's gold labels take no part in the fit: the same labels, byte for byte.
        XCTAssertEqual(try Data(contentsOf: hiddenLabels), try Data(contentsOf: shownLabels))
        let testLines = try String(contentsOf: hiddenLabels, encoding: .utf8).split(separator: "\n").filter { $0.contains("\"split\":\"test\"") }
        XCTAssertEqual(testLines.count, 80)

        let report = hidden.report
        XCTAssertEqual(report.hiddenSplits, ["test"])
        XCTAssertTrue(report.outcomes[2].scoresHidden)
        XCTAssertEqual(report.summary.goldSplit, "dev")
    }

    func testTheTaskFileHidesAndTheCallersChoiceOverridesItBothWays() throws {
        let hiding = try task(evaluation: "  hide_test: true")
        XCTAssertEqual(try job(hiding, hideTest: nil).run().hiddenSplits, ["test"])
        XCTAssertEqual(try job(hiding, hideTest: false).run().hiddenSplits, [])
        let showing = try task(evaluation: "  hide_test: false")
        XCTAssertEqual(try job(showing, hideTest: true).run().hiddenSplits, ["test"])
        XCTAssertEqual(try job(showing, hideTest: nil).run().hiddenSplits, [])
    }

    func testANamedTestSplitAndTheSplitsSampledFromItAreHidden() throws {
        // dev drawn from test's items: they are test items, so dev is hidden with it, and may
        // then not choose the model variant.
        let task = try task(evaluation: "  test_split: test\n  hide_test: true", replacing: ("    dev:", "    dev: {sample_of: test, size: 20, seed: 0}"))
        XCTAssertThrowsError(try job(task, hideTest: nil).run()) { error in
            XCTAssertTrue(error.localizedDescription.contains("the dev split dev is a test split whose scores are hidden"), error.localizedDescription)
        }
        var goldFree = job(task, hideTest: nil)
        goldFree.model.goldFree = true
        XCTAssertEqual(try goldFree.run().hiddenSplits, ["dev", "test"])
    }

    func testOnlyTestSplitsWithGoldLabelsAreHidden() throws {
        let votes = try VoteMatrix(denseRows: [[0], [1]], classCount: 2, lfCount: 1)
        func split(_ name: String, gold: [Int?]) -> LabeledSplit { LabeledSplit(name: name, ids: ["a", "b"], votes: votes, gold: gold) }
        let loaded = LabelingInput.Loaded(
            labelNames: ["A", "B"], splits: [split("train", gold: [nil, nil]), split("test", gold: [nil, nil]), split("later", gold: [0, 1])],
            lfNames: ["lf"], evaluationSettings: .init(testSplits: ["test", "later"], hideTest: true))
        XCTAssertEqual(TestSplitChoices().hiddenSplits(in: loaded), ["later"], "test has no score to hide")
        XCTAssertEqual(TestSplitChoices(hideTest: false).hiddenSplits(in: loaded), [])
    }

    func testTheEndModelsScoresOfAHiddenSplitAreHiddenToo() throws {
        let result = try EndModelJob(labeling: job(try task(), hideTest: true)).run()
        let test = try XCTUnwrap(result.report.comparison.first { $0.split == "test" })
        XCTAssertTrue(test.scoresHidden)
        XCTAssertNil(test.endModel)
        XCTAssertNil(result.results.first { $0.name == "test" }?.metrics)
        XCTAssertNotNil(result.report.comparison.first { $0.split == "dev" }?.endModel)
        XCTAssertTrue(result.report.text.contains("test: 80 items, scores hidden (evaluate with: wslabel evaluate)"), result.report.text)
    }

    func testTheCostAnalysisScoresOnDevWhenTestIsHidden() throws {
        var job = CostAnalysisJob(task: try task())
        job.endModel = nil
        job.testSplit = TestSplitChoices(hideTest: true)
        let result = try job.run()
        XCTAssertEqual(result.analysis.evaluationSplit, "dev")
        XCTAssertEqual(result.analysis.hiddenSplits, ["test"])
        XCTAssertTrue(CostReport.text(result.analysis).contains("The scores of test are hidden"), CostReport.text(result.analysis))
        job.evaluationSplit = "test"
        XCTAssertThrowsError(try job.run()) { error in
            XCTAssertTrue(error.localizedDescription.contains("split test is a test split whose scores are hidden"), error.localizedDescription)
        }
    }
}
