import Foundation
import WSLabelCore
import WSLabelData
import WSLabelReports
import WSLabeling

/// From probabilistic labels to a classifier in one call: run the labeling job (read, apply,
/// fit the label model), then train an ``EndModel`` on the train split's texts and the label
/// model's labels, and score both models on every split. `wslabel train` is this call.
///
/// ```swift
/// var job = EndModelJob(labeling: LabelingJob(input: .wrench(URL(fileURLWithPath: "data/wrench/sms"))))
/// job.modelOutput = URL(fileURLWithPath: "end-model.json")
/// let result = try job.run()
/// result.report.comparison.first { $0.split == "test" }?.endModel?.accuracy
/// ```
public struct EndModelJob: Sendable {
    /// The labeling job whose labels the end model learns from (its own outputs are written too).
    public var labeling: LabelingJob
    /// Features, regularization grid, weighting; the selection metric is the label model's
    /// (``LabelingRunConfiguration/selectionMetric``) unless ``selectionMetric`` is set.
    public var training: EndModelTrainingConfiguration
    /// The dev-split metric that chooses `C`, when it should differ from the label model's.
    public var selectionMetric: SelectionMetric?
    /// Where to save the end model (``SavedEndModel``), if anywhere.
    public var modelOutput: URL?
    /// Where to write the end model's probabilistic labels of every split, if anywhere.
    public var labelsOutput: URL?
    /// A folder to write the features to, for training other models on them (``FeatureExport``).
    public var featuresOutput: URL?

    public init(labeling: LabelingJob, training: EndModelTrainingConfiguration = .init(), modelOutput: URL? = nil, labelsOutput: URL? = nil) {
        self.labeling = labeling
        self.training = training
        self.modelOutput = modelOutput
        self.labelsOutput = labelsOutput
    }

    /// What the job produced.
    public struct Result: Sendable {
        /// The labeling job's result: the input and the label model's run.
        public let labeling: LabelingJob.Result
        /// How the end model was trained.
        public let training: EndModelTraining
        /// The end model's labels and scores, one per split of the run, in its order.
        public let results: [LabelingRun.SplitResult]

        /// Label model and end model side by side: what `wslabel train` prints.
        public var report: EndModelReport {
            EndModelReport(run: labeling.run, training: training, endModelResults: results, hiddenSplits: labeling.hiddenSplits)
        }
    }

    /// Runs the job.
    /// - Parameter events: the labeling job's events, then ``LabelingJob/Event/trainingEndModel(items:)``
    ///   and the files written.
    /// - Throws: the labeling job's errors; ``WSLabelError/invalidArgument(_:)`` when the input
    ///   has no item text (vote files, pattern counts) or no train item has a vote.
    public func run(events: @escaping (LabelingJob.Event) -> Void = { _ in }) throws -> Result {
        var labeling = labeling
        labeling.otherOutputs += [modelOutput.map { FileRole($0, "--save-end-model") }, labelsOutput.map { FileRole($0, "--end-model-output") }]
            .compactMap { $0 }
        switch labeling.input {
        case .task, .wrench: break
        case .voteFiles, .patternCounts:
            throw WSLabelError.invalidArgument("an end model learns from item text: train on a task file (--config) or a WRENCH folder (--wrench), not on votes alone")
        }
        let labeled = try labeling.run(events: events)
        let run = labeled.run
        events(.readingTexts)
        let (texts, numbers) = try labeled.loaded.itemContents(input: labeling.input, numericFields: training.numericFields)
        var configuration = training
        configuration.selectionMetric = selectionMetric ?? run.configuration.selectionMetric
        configuration.threads = configuration.threads ?? labeling.model.threads
        let devName = run.configuration.devSplitName
        let devIsSampleOfTrain = labeled.loaded.task?.task.splits.first(where: { $0.name == devName })?.sample?.source == "train"
        events(.trainingEndModel(items: RunEndModel.trainingRows(run: run, splits: labeled.loaded.splits, devIsSampleOfTrain: devIsSampleOfTrain)))
        let endModel = try RunEndModel(run: run, splits: labeled.loaded.splits, texts: texts, numbers: numbers,
                                       devIsSampleOfTrain: devIsSampleOfTrain, configuration: configuration)
        let training = endModel.training
        let results = endModel.results
        if let labelsOutput {
            let written = results.filter { result in labeled.resultsToWrite.contains { $0.name == result.name } }
            try ProbabilisticLabelsWriter.write(written, labelNames: run.labelNames, to: labelsOutput, threads: configuration.threads)
            events(.wroteLabels(items: written.map(\.ids.count).reduce(0, +), to: labelsOutput))
        }
        if let featuresOutput {
            let trainProbabilities = run.results.first { $0.name == "train" }!.probabilities
            try FeatureExport(model: training.model, texts: texts, numbers: numbers, splits: labeled.loaded.splits, training: training,
                              targets: trainProbabilities).write(to: featuresOutput)
            events(.wroteFeatures(featuresOutput))
        }
        if let modelOutput {
            try SavedEndModel(model: training.model, training: .init(training)).save(to: modelOutput)
            events(.savedModel(modelOutput))
        }
        return Result(labeling: labeled, training: training, results: results)
    }
}
