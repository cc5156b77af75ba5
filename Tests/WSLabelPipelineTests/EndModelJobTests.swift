import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports
import WSLabeling
import XCTest

/// `EndModelJob`: the labeling job, then an end model trained on the label model's labels of
/// the train split's texts, scored beside it on every split.
final class EndModelJobTests: XCTestCase {
    /// Word and character n-grams as `wslabel train` uses them, on the synthetic comments
    /// (`SyntheticSpamTexts`: 300 train, 60 valid, 100 test, about one in six with no vote).
    func testOnAWrenchFolderTheEndModelLabelsEveryItemAndWritesItsFiles() throws {
        let folder = try temporaryDirectory(self)
        let written = try SyntheticSpamTexts.writeWrenchFolder(at: folder)
        let output = try temporaryDirectory(self)
        var job = EndModelJob(labeling: LabelingJob(input: .wrench(folder), labelsOutput: .none),
                              modelOutput: output.appendingPathComponent("end-model.json"),
                              labelsOutput: output.appendingPathComponent("labels.jsonl"))
        job.featuresOutput = output.appendingPathComponent("features")
        let recorder = EventRecorder()
        let result = try job.run(events: recorder.record)

        let names = ["train", "valid", "test"]
        XCTAssertEqual(result.labeling.run.results.map(\.name), names)
        XCTAssertEqual(result.results.map(\.name), names, "one end-model result per split")
        for (endModel, labelModel) in zip(result.results, result.labeling.run.results) {
            XCTAssertEqual(endModel.ids, labelModel.ids)
            XCTAssertEqual(endModel.probabilities.rowCount, written[endModel.name]?.count)
            XCTAssertFalse(endModel.predictions.contains(-1), "\(endModel.name): the end model labels every item")
            XCTAssertEqual(endModel.metrics?.coverage, 1)
            XCTAssertLessThan(labelModel.lfCoverage, 1, "\(labelModel.name): some items have no vote (else the test shows little)")
        }
        // The label model guesses on the comments no LF voted on; the end model reads their words.
        let test = try XCTUnwrap(result.report.comparison.first { $0.split == "test" })
        XCTAssertGreaterThan(try XCTUnwrap(test.endModel?.accuracy), try XCTUnwrap(test.labelModel?.accuracy))

        // Trained on the covered train items, C chosen on valid's gold labels.
        let train = try XCTUnwrap(written["train"])
        XCTAssertEqual(result.training.trainingRows, train.indices.filter { train[$0].votes.contains { $0 >= 0 } })
        XCTAssertEqual(result.training.uncoveredItems, train.count - result.training.trainingItems)
        XCTAssertEqual(result.training.heldOutItems, 0, "WRENCH's valid split is its own items")
        XCTAssertTrue(result.training.chosenOnDev)
        XCTAssertEqual(result.training.candidates.count,
                       EndModelTrainingConfiguration().inverseRegularizationGrid.count * EndModelTrainingConfiguration.weightingCandidates.count)

        // The saved model predicts what the job's model predicted.
        let saved = try SavedEndModel.load(from: output.appendingPathComponent("end-model.json"))
        XCTAssertEqual(saved.model, result.training.model)
        XCTAssertEqual(saved.model.probabilities(of: written["test"]!.map(\.text)), result.results[2].probabilities)
        XCTAssertEqual(saved.training.trainingItems, result.training.trainingItems)
        XCTAssertTrue(saved.training.chosenOnDev)
        // The labels file has one line per item, the end model's labels.
        let lines = try String(contentsOf: output.appendingPathComponent("labels.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 300 + 60 + 100)
        for name in names { XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("features/\(name).svm").path)) }

        let steps = recorder.steps.reduce(into: [String]()) { steps, step in if steps.last != step { steps.append(step) } }
        XCTAssertEqual(steps, ["readingVotes", "loaded", "fitting", "readingTexts", "trainingEndModel", "wroteLabels", "wroteFeatures", "savedModel"])
    }

    func testVotesAloneAreRefusedBeforeAnythingIsRead() throws {
        let folder = try temporaryDirectory(self)
        let model = folder.appendingPathComponent("end-model.json")
        for input in [LabelingInput.voteFiles(train: folder.appendingPathComponent("train.csv"), labelNames: ["a", "b"]),
                      .patternCounts(train: folder.appendingPathComponent("train.counts"))] {
            XCTAssertThrowsError(try EndModelJob(labeling: LabelingJob(input: input), modelOutput: model).run()) { error in
                guard case let .invalidArgument(message) = error as? WSLabelError else { return XCTFail("\(error)") }
                XCTAssertTrue(message.contains("an end model learns from item text"), message)
                XCTAssertTrue(message.contains("--config") && message.contains("--wrench"), message)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: model.path))
    }

    func testAWrenchFolderWithoutTextsNamesTheFileAndField() throws {
        let folder = try temporaryDirectory(self)
        try SyntheticSpamTexts.writeWrenchFolder(at: folder, withText: false)
        let model = folder.appendingPathComponent("end-model.json")
        XCTAssertThrowsError(try EndModelJob(labeling: LabelingJob(input: .wrench(folder), labelsOutput: .none), modelOutput: model).run()) { error in
            XCTAssertEqual((error as? WSLabelError).flatMap { if case let .malformedInput(location, _) = $0 { location } else { nil } },
                           SourceLocation(file: folder.appendingPathComponent("train.json").path, line: 1, record: "0", field: "data.text"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: model.path))
    }

    /// A task file whose dev split is sampled from train (the support-tickets example's data
    /// and rule LFs): the dev items choose C and are held out of the end model's training.
    func testADevSplitSampledFromTrainIsHeldOut() throws {
        let folder = try temporaryDirectory(self)
        let task = try SupportTicketsExample.ruleTask(in: folder, devSampledFromTrain: 40)
        var job = EndModelJob(labeling: LabelingJob(input: .task(task), labelsOutput: .none))
        job.training.features = TextFeatureSettings(wordNGrams: 1...2, characterNGrams: nil)
        var announced: Int?
        let result = try job.run { event in if case let .trainingEndModel(items) = event { announced = items } }

        let train = try XCTUnwrap(result.labeling.loaded.splits.first { $0.name == "train" })
        let dev = try XCTUnwrap(result.labeling.loaded.splits.first { $0.name == "dev" })
        XCTAssertEqual(dev.ids.count, 40)
        let devIDs = Set(dev.ids)
        XCTAssertEqual(result.training.heldOutItems, 40)
        XCTAssertTrue(result.training.trainingRows.allSatisfy { !devIDs.contains(train.ids[$0]) }, "no dev item teaches")
        XCTAssertEqual(result.training.trainingItems + result.training.uncoveredItems + result.training.heldOutItems, train.ids.count)
        XCTAssertEqual(announced, result.training.trainingItems, "the event announces the items the fit uses")
        XCTAssertTrue(result.training.chosenOnDev)
        // The task's texts, in row order: the dev rows' texts are their train items' texts.
        let texts = try XCTUnwrap(result.labeling.loaded.task).itemTexts()
        let trainText = Dictionary(zip(train.ids, texts["train"]!), uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(texts["dev"], dev.ids.map { trainText[$0]! })
        XCTAssertEqual(result.results.first { $0.name == "dev" }?.probabilities, result.training.model.probabilities(of: texts["dev"]!))
    }

    /// WRENCH youtube with `wslabel train`'s defaults (word 1–2-grams, character 2–4-grams, C
    /// chosen on valid): the end model against the label model on the test split's 250 items
    /// (one item is 0.4 points). Measured: end model 92.4%, label model 84.8%, in a release
    /// build and in a debug one alike (about 3.5 s in debug). The test asks for a lead of at
    /// least 2 points and at least 90% (6 items under what was measured), so a change of the
    /// features or the optimizer may cost a few items but not the end model's point.
    func testOnYoutubeTheEndModelBeatsTheLabelModel() throws {
        let folder = try SharedData.wrench("youtube")
        let result = try EndModelJob(labeling: LabelingJob(input: .wrench(folder), labelsOutput: .none)).run()
        let test = try XCTUnwrap(result.report.comparison.first { $0.split == "test" })
        let endModel = try XCTUnwrap(test.endModel?.accuracy), labelModel = try XCTUnwrap(test.labelModel?.accuracy)
        XCTAssertGreaterThanOrEqual(endModel, labelModel + 0.02, "end model \(endModel), label model \(labelModel)")
        XCTAssertGreaterThanOrEqual(endModel, 0.90)
        XCTAssertEqual(test.endModel?.coverage, 1)
        XCTAssertLessThan(test.lfCoverage, 1, "the label model cannot reach every item")
        XCTAssertTrue(result.training.chosenOnDev)
        XCTAssertEqual(result.training.uncoveredItems + result.training.trainingItems, 1586)
    }
}
