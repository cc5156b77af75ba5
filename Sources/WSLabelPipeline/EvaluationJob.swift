import Foundation
import WSLabelCore
import WSLabelData
import WSLabelReports
import WSLabeling

/// `wslabel evaluate` as one call: the explicit look at the test split once the LFs are
/// written. It runs the labeling job as `wslabel fit` does — same input, settings and seed, so
/// the same model and labels; the test split's gold labels never reach the fit — with the test
/// split's scores shown, writes nothing but the evaluation count, and scores one split for the
/// label model, majority vote (the same settings with `model: mv`) and, when asked, the end model.
///
/// For a task, each evaluation of a test split is counted beside its vote cache
/// (``EvaluationCounter``), and the result says how many times the split has been looked at.
///
/// ```swift
/// let job = EvaluationJob(labeling: LabelingJob(input: .task(URL(fileURLWithPath: "wslabel.yaml"))))
/// let result = try job.run()
/// print(result.evaluation.text)   // accuracy, per-class precision and recall, confusion matrices
/// ```
public struct EvaluationJob: Sendable {
    /// The labeling job to evaluate; its label and model outputs are not written, and its test
    /// split's scores are shown whatever its ``LabelingJob/testSplit`` says.
    public var labeling: LabelingJob
    /// The split to score (default: the first of the task's test splits the input has, else `test`).
    public var split: String?
    /// Also train an end model with these settings (as `wslabel train`) and score it.
    public var endModel: EndModelTrainingConfiguration?
    /// Count the evaluation of a task's test split in its cache folder.
    public var countsEvaluations = true

    public init(labeling: LabelingJob, split: String? = nil, endModel: EndModelTrainingConfiguration? = nil) {
        self.labeling = labeling
        self.split = split
        self.endModel = endModel
    }

    /// What the evaluation found.
    public struct Result: Sendable {
        /// The labeling job's result, the test split's scores shown.
        public let labeling: LabelingJob.Result
        /// The split's scores for every model.
        public let evaluation: SplitEvaluation
    }

    /// Runs the evaluation.
    /// - Parameter events: the labeling job's (and end model's) events.
    /// - Throws: the labeling job's errors; ``WSLabelError/invalidArgument(_:)`` when the split
    ///   does not exist or lacks gold labels on some items; ``WSLabelError`` when the count
    ///   cannot be written.
    public func run(events: @escaping (LabelingJob.Event) -> Void = { _ in }) throws -> Result {
        var labeling = labeling
        labeling.testSplit = TestSplitChoices(hideTest: false)
        labeling.labelsOutput = .none
        labeling.modelOutput = nil
        try checkSplitBeforeApplying(labeling.input)
        let labeled: LabelingJob.Result
        var endModelResults: [LabelingRun.SplitResult]?
        if let endModel {
            let trained = try EndModelJob(labeling: labeling, training: endModel).run(events: events)
            labeled = trained.labeling
            endModelResults = trained.results
        } else {
            labeled = try labeling.run(events: events)
        }
        let loaded = labeled.loaded, run = labeled.run
        let testSplits = loaded.evaluationSettings.resolvedTestSplits
        let name = split ?? testSplits.first { name in loaded.splits.contains { $0.name == name } } ?? TaskFile.EvaluationSettings.defaultTestSplit
        guard let target = loaded.splits.first(where: { $0.name == name }) else {
            throw WSLabelError.invalidArgument("no split \(name) to evaluate; the splits are \(loaded.splits.map(\.name).joined(separator: ", ")) (give --split)")
        }
        guard let gold = target.completeGold else {
            throw WSLabelError.invalidArgument("split \(name) has gold labels on \(target.goldCount) of its \(target.ids.count) items: an evaluation needs them on every item")
        }
        let classes = loaded.labelNames.count
        func scores(_ modelName: String, _ key: String, _ results: [LabelingRun.SplitResult]) -> SplitEvaluation.ModelScores {
            let predictions = results.first { $0.name == name }!.predictions
            return .init(name: modelName, key: key, predictions: predictions, gold: gold, classCount: classes)
        }
        var models = [scores("label model", "label_model", run.results)]
        let majorityRun = try labeled.majorityVoteRun()
        if run.configuration.model != .mv { models.append(scores("majority vote", "majority_vote", majorityRun.results)) }
        if let endModelResults { models.append(scores("end model", "end_model", endModelResults)) }

        var evaluation = SplitEvaluation(split: name, labelNames: loaded.labelNames, modelDescription: run.modelDescription, models: models)
        if run.configuration.model != .mv, let ties = MajorityVoteTies(run: majorityRun) {
            evaluation.notes.append("majority vote: \(ties.text)")
        }
        if countsEvaluations, testSplits.contains(name), let task = loaded.task?.task {
            evaluation.timesEvaluated = try EvaluationCounter(task: task).increment(split: name)
        }
        if name == run.configuration.devSplitName, run.selection != nil || run.configuration.semiSupervised {
            evaluation.notes.append("\(name) is the dev split: its gold labels chose the model variant, so these scores flatter the label model")
        }
        return Result(labeling: labeled, evaluation: evaluation)
    }

    /// For a task, checks the named split exists before its LFs are applied (a task file is
    /// quick to read; applying may not be).
    private func checkSplitBeforeApplying(_ input: LabelingInput) throws {
        guard let split, case let .task(url, _, _, _) = input else { return }
        let task = try TaskFile(contentsOf: url)
        guard task.splits.contains(where: { $0.name == split }) else {
            throw WSLabelError.invalidArgument("no split \(split) to evaluate; the task's splits are \(task.splits.map(\.name).joined(separator: ", "))")
        }
    }
}
