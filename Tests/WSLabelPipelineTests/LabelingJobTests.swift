import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports
import WSLabeling
import XCTest

/// The pipeline as library API, on the bundled example's 440 support tickets and its keyword and
/// regex LF files (a task written into a temporary folder, so the cache and outputs stay there).
final class LabelingJobTests: XCTestCase {
    /// A task over the example's data and rule LF files.
    private func supportTicketsTask() throws -> URL {
        try SupportTicketsExample.ruleTask(in: temporaryDirectory(self))
    }

    func testTheJobFitsWhatLabelingRunFitsAndWritesItsLabelsAndModel() throws {
        let task = try supportTicketsTask()
        let folder = task.deletingLastPathComponent()
        let labels = folder.appendingPathComponent("labels.jsonl"), model = folder.appendingPathComponent("model.json")
        let job = LabelingJob(input: .task(task), labelsOutput: .file(labels), modelOutput: model)
        let result = try job.run()

        // The same fit, by hand from the lower layers.
        let applied = try TaskApplication(task: try TaskFile(contentsOf: task))
        let configuration = try ModelChoices().configuration(labelNames: applied.task.labels, task: applied.task.model)
        let direct = try LabelingRun(labelNames: applied.task.labels, splits: applied.splits, configuration: configuration)
        XCTAssertEqual(result.run.results.map(\.name), ["train", "dev", "test"])
        for (ours, theirs) in zip(result.run.results, direct.results) {
            XCTAssertEqual(ours.probabilities, theirs.probabilities, ours.name)
            XCTAssertEqual(ours.predictions, theirs.predictions, ours.name)
        }
        XCTAssertEqual(result.labelsOutput, labels)
        let lines = try String(contentsOf: labels, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, result.run.results.map(\.ids.count).reduce(0, +))
        // The saved model labels the test split exactly as the fit did.
        let saved = try SavedLabelModel.load(from: model)
        let test = try XCTUnwrap(applied.splits.first { $0.name == "test" })
        XCTAssertEqual(try saved.labelModel.predictProbabilities(test.votes), result.run.results[2].probabilities)
        XCTAssertEqual(result.report.lfNames, applied.catalog.names)
        XCTAssertTrue(result.report.rendered(as: .markdown, options: ReportOptions(title: "tickets")).hasPrefix("# tickets"))
    }

    func testEventsFollowThePipelineInOrder() throws {
        let task = try supportTicketsTask()
        let folder = task.deletingLastPathComponent()
        let recorder = EventRecorder()
        _ = try LabelingJob(input: .task(task), labelsOutput: .file(folder.appendingPathComponent("l.jsonl")),
                            modelOutput: folder.appendingPathComponent("m.json")).run(events: recorder.record)
        let steps = recorder.steps.reduce(into: [String]()) { steps, step in if steps.last != step { steps.append(step) } }
        XCTAssertEqual(steps, ["readingTask", "applying", "applied", "loaded", "fitting", "wroteLabels", "savedModel"])
    }

    func testAnOutputOnAnInputIsRefusedBeforeAnyLFRuns() throws {
        let task = try supportTicketsTask()
        let before = try Data(contentsOf: task)
        let recorder = EventRecorder()
        XCTAssertThrowsError(try LabelingJob(input: .task(task), labelsOutput: .file(task)).run(events: recorder.record)) { error in
            guard case let WSLabelError.invalidArgument(message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("--output"), message)
        }
        XCTAssertFalse(recorder.steps.contains("applying"))
        XCTAssertEqual(try Data(contentsOf: task), before)
    }

    func testCallerChoicesOverTheTaskFileOverTheDefaults() throws {
        let settings = try TaskFile(contentsOf: try supportTicketsTask()).model
        let names = ["BILLING", "TECHNICAL", "ACCOUNT"]
        var choices = ModelChoices()
        var configuration = try choices.configuration(labelNames: names, task: settings)
        XCTAssertEqual(configuration.devSplit, "dev")          // the task file's
        XCTAssertEqual(configuration.model, .em)               // the default
        XCTAssertEqual(configuration.ties, .model)
        choices.devSplit = "test"
        choices.model = .mv
        choices.selectMetric = .f1
        choices.positiveClass = "ACCOUNT"
        configuration = try choices.configuration(labelNames: names, task: settings)
        XCTAssertEqual(configuration.devSplit, "test")
        XCTAssertEqual(configuration.model, .mv)
        XCTAssertEqual(configuration.selectionMetric, .f1(positiveClass: 2))
        choices.positiveClass = "SPAM"
        XCTAssertThrowsError(try choices.configuration(labelNames: names, task: settings)) { error in
            XCTAssertTrue(error.localizedDescription.contains("SPAM"), error.localizedDescription)
        }
        choices.positiveClass = nil
        choices.goldFree = true
        choices.semiSupervised = true
        XCTAssertThrowsError(try choices.validate())
    }

    func testAPredictionJobLabelsAsTheFitDid() throws {
        let task = try supportTicketsTask()
        let model = task.deletingLastPathComponent().appendingPathComponent("model.json")
        let fitted = try LabelingJob(input: .task(task), labelsOutput: .none, modelOutput: model).run()
        let predicted = try PredictionJob(input: .task(task), model: try SavedLabelModel.load(from: model), modelFile: model).run()
        XCTAssertEqual(predicted.map(\.name), fitted.run.results.map(\.name))
        for (ours, theirs) in zip(predicted, fitted.run.results) {
            XCTAssertEqual(ours.probabilities, theirs.probabilities, ours.name)
        }
    }

    func testVoteExportWritesEveryFormatAndTheWrenchLayoutReadsBack() throws {
        let task = try supportTicketsTask()
        let folder = task.deletingLastPathComponent()
        for format in VoteExport.Format.allCases {
            let out = folder.appendingPathComponent(format.rawValue)
            let applied = try VoteExport.write(task: task, format: format, to: out)
            for split in applied.splits {
                let names = format.fileNames(split: split.name)
                XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(names.votes).path), "\(format) \(split.name)")
                if let ids = names.ids { XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(ids).path)) }
            }
            if format == .wrench {
                let dataset = try WrenchDataset(directory: out)
                XCTAssertEqual(dataset.labelNames, applied.task.labels)
                XCTAssertEqual(dataset.split("train")?.votes, applied.splits[0].votes)
            }
        }
    }

    func testTheCostJobPricesTheTaskAndRecommendsWithinTheBudget() throws {
        var job = CostAnalysisJob(task: try supportTicketsTask())
        job.budget = 600
        let result = try job.run()
        XCTAssertEqual(result.analysis.evaluationSplit, "test")
        XCTAssertNil(result.learningCurve)
        let recommendation = try XCTUnwrap(result.analysis.recommendation)
        let option = try XCTUnwrap(recommendation.option)
        XCTAssertLessThanOrEqual(option.cost, 600)
        XCTAssertTrue(result.analysis.analysis.options.contains { $0.name == "label model (rule LFs)" })
    }

    func testTheReviewExportWritesTheItemsPeopleShouldLabel() throws {
        let task = try supportTicketsTask()
        var job = ReviewExportJob(task: task, output: task.deletingLastPathComponent().appendingPathComponent("review.jsonl"))
        job.format = .argilla
        job.count = 5
        let result = try job.run()
        XCTAssertEqual(result.items.count, 5)
        XCTAssertEqual(result.files, [job.output])
        let lines = try String(contentsOf: job.output, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 5)
        XCTAssertFalse(FileManager.default.fileExists(atPath: job.labelConfigFile.path), "Argilla needs no Label Studio config")
    }
}

/// Records which ``LabelingJob/Event`` cases arrive, in order (also used by `EndModelJobTests`).
final class EventRecorder: @unchecked Sendable {
    private(set) var steps: [String] = []

    var record: (LabelingJob.Event) -> Void {
        { [self] event in
            switch event {
            case .readingTask: steps.append("readingTask")
            case .warning: steps.append("warning")
            case .readingVotes: steps.append("readingVotes")
            case .applying: steps.append("applying")
            case .applied: steps.append("applied")
            case .loaded: steps.append("loaded")
            case .fitting: steps.append("fitting")
            case .wroteLabels: steps.append("wroteLabels")
            case .savedModel: steps.append("savedModel")
            case .readingTexts: steps.append("readingTexts")
            case .trainingEndModel: steps.append("trainingEndModel")
            case .wroteFeatures: steps.append("wroteFeatures")
            }
        }
    }
}
