import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports
import WSLabeling
import XCTest

/// `wslabel evaluate` as library API, on the bundled support tickets.
final class EvaluationJobTests: XCTestCase {
    func testTheLabelModelsScoresAreWhatAnUnhiddenFitShows() throws {
        let task = try SupportTicketsExample.ruleTask(in: temporaryDirectory(self))
        var hiding = LabelingJob(input: .task(task), labelsOutput: .none)
        hiding.testSplit = TestSplitChoices(hideTest: true)
        let result = try EvaluationJob(labeling: hiding).run()
        let evaluation = result.evaluation
        XCTAssertEqual(evaluation.split, "test")
        XCTAssertEqual(result.labeling.hiddenSplits, [], "evaluate shows what the job would hide")

        let fit = try LabelingJob(input: .task(task), labelsOutput: .none).run()
        let fitTest = try XCTUnwrap(fit.run.results.first { $0.name == "test" })
        XCTAssertEqual(evaluation.models.map(\.key), ["label_model", "majority_vote"])
        XCTAssertEqual(evaluation.models[0].metrics, fitTest.metrics, "the same accuracy and F1, to the last digit")
        XCTAssertEqual(result.labeling.run.results[2].predictions, fitTest.predictions)
        XCTAssertEqual(evaluation.models[0].confusion.itemCount, 80)

        // Majority vote is the fit with model: mv and the same settings.
        var majority = ModelChoices()
        majority.model = .mv
        let mv = try LabelingJob(input: .task(task), model: majority, labelsOutput: .none).run()
        XCTAssertEqual(evaluation.models[1].metrics, mv.run.results.first { $0.name == "test" }?.metrics)
    }

    func testEachLookAtTheTestSplitIsCountedBesideTheVoteCache() throws {
        let task = try SupportTicketsExample.ruleTask(in: temporaryDirectory(self))
        let job = EvaluationJob(labeling: LabelingJob(input: .task(task)))
        XCTAssertEqual(try job.run().evaluation.timesEvaluated, 1)
        XCTAssertEqual(try job.run().evaluation.timesEvaluated, 2)
        let counts = try EvaluationCounter(url: task.deletingLastPathComponent().appendingPathComponent("evaluations.json")).counts()
        XCTAssertEqual(counts, ["test": 2])

        // dev is not held out: not counted, and said to have chosen the model variant.
        let dev = try EvaluationJob(labeling: LabelingJob(input: .task(task)), split: "dev").run().evaluation
        XCTAssertNil(dev.timesEvaluated)
        XCTAssertEqual(dev.notes, ["majority vote: ties: random among voters; uncovered rows: class prior from dev gold (dev)",
                                   "dev is the dev split: its gold labels chose the model variant, so these scores flatter the label model"])
        var uncounted = job
        uncounted.countsEvaluations = false
        XCTAssertNil(try uncounted.run().evaluation.timesEvaluated)
        XCTAssertEqual(try EvaluationCounter(url: task.deletingLastPathComponent().appendingPathComponent("evaluations.json")).counts(), ["test": 2])
    }

    func testAnUnknownSplitFailsBeforeAnyLFRuns() throws {
        let task = try SupportTicketsExample.ruleTask(in: temporaryDirectory(self))
        let recorder = EventRecorder()
        XCTAssertThrowsError(try EvaluationJob(labeling: LabelingJob(input: .task(task)), split: "holdout").run(events: recorder.record)) { error in
            XCTAssertEqual(error.localizedDescription, "no split holdout to evaluate; the task's splits are train, dev, test")
        }
        XCTAssertFalse(recorder.steps.contains("applying"), "\(recorder.steps)")
    }
}
