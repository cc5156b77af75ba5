import Foundation
import WSLabelCore
import WSLabelData
import WSLabelReports
import WSLabeling

/// The labeling pipeline as one call: read the input (applying a task's LFs, votes reused from
/// its cache), fit the label model on the train split, label and score every split, write the
/// labels and the model, and build the LF report. `wslabel fit` and `wslabel report` are this
/// call and a rendering of its result; any Swift program can run a task the same way.
///
/// ```swift
/// var job = LabelingJob(input: .task(URL(fileURLWithPath: "wslabel.yaml")))
/// job.labelsOutput = .file(URL(fileURLWithPath: "labels.jsonl"))
/// let result = try job.run { event in print(event) }
/// result.run.results.first { $0.name == "test" }?.metrics?.accuracy
/// ```
public struct LabelingJob: Sendable {
    /// Where the items or votes come from.
    public var input: LabelingInput
    /// Label-model settings over the task file's.
    public var model: ModelChoices
    /// Whether the test splits' scores are hidden, over the task file's `evaluation:` section.
    public var testSplit = TestSplitChoices()
    /// Where the probabilistic labels of every split go: JSON Lines, or a `.npy` array with its
    /// ids and splits beside it when the file's extension is `.npy` (``ProbabilisticLabelsWriter``).
    public var labelsOutput: LabelsDestination
    /// Where a job writes its labels.
    public enum LabelsDestination: Sendable, Equatable {
        /// The task file's `output.labels`, when it has one; nowhere otherwise.
        case taskSetting
        /// This file (`-` or `/dev/stdout`: standard output).
        case file(URL)
        /// Nowhere (e.g. a report needs only the fit).
        case none
    }
    /// Where to save the fitted model as JSON, if anywhere.
    public var modelOutput: URL?
    /// Other files the caller writes (e.g. a report), checked against the inputs with the job's own.
    public var otherOutputs: [FileRole] = []

    public init(input: LabelingInput, model: ModelChoices = ModelChoices(), labelsOutput: LabelsDestination = .taskSetting,
                modelOutput: URL? = nil) {
        self.input = input
        self.model = model
        self.labelsOutput = labelsOutput
        self.modelOutput = modelOutput
    }

    /// What a job produced.
    public struct Result: Sendable {
        /// The input as read.
        public let loaded: LabelingInput.Loaded
        /// The fitted model and every split's labels and scores.
        public let run: LabelingRun
        /// Where the labels were written, if they were.
        public let labelsOutput: URL?
        /// The splits whose scores are hidden (``TestSplitChoices``), in input order: they are
        /// labeled, but ``loaded`` holds no gold labels of theirs and ``run`` no scores.
        public let hiddenSplits: [String]

        /// What a job produced.
        init(loaded: LabelingInput.Loaded, run: LabelingRun, labelsOutput: URL?, hiddenSplits: [String] = []) {
            self.loaded = loaded
            self.run = run
            self.labelsOutput = labelsOutput
            self.hiddenSplits = hiddenSplits
        }

        /// The LF report of the run (LLM costs included for a task with LLM-prompt LFs).
        public var report: LFReport {
            var report = LFReport(run: run, splits: loaded.splits, lfNames: loaded.lfNames, hiddenSplits: hiddenSplits)
            report.llmCosts = loaded.task?.llmCosts
            return report
        }

        /// The run's results without a task's sampled splits, whose items are already in their
        /// source split: what the labels file holds.
        public var resultsToWrite: [LabelingRun.SplitResult] { LabelingJob.resultsToWrite(run, loaded: loaded) }
    }

    /// Where the labels go, given the task file when there is one.
    private func labelsFile(task: TaskFile?) -> FileRole? {
        switch labelsOutput {
        case .taskSetting: return task?.labelsOutput.map { FileRole($0, "output.labels") }
        case let .file(url): return FileRole(url, "--output")
        case .none: return nil
        }
    }

    /// The files the job writes, given the task file when there is one: `.npy` labels bring
    /// their ids and splits files.
    private func outputs(task: TaskFile?) -> [FileRole] {
        (labelsFile(task: task).map(Self.labelsFiles) ?? []) + [modelOutput.map { FileRole($0, "--save-model") }].compactMap { $0 }
            + otherOutputs
    }

    /// The files labels written to `labels` take, with the role an error names each by.
    static func labelsFiles(_ labels: FileRole) -> [FileRole] {
        ProbabilisticLabelsWriter.files(for: labels.url).map { url in
            url == labels.url ? labels : FileRole(url, "\(labels.role)'s \(url.lastPathComponent)")
        }
    }

    /// Runs the pipeline.
    /// - Parameter events: told each step as it happens (see ``Event``).
    /// - Throws: ``WSLabelError`` naming the file, line and field of bad input, a clashing
    ///   output, what the model cannot be fit on, or a dev split whose scores are hidden.
    ///   Nothing is written before the fit succeeds.
    public func run(events: @escaping (Event) -> Void = { _ in }) throws -> Result {
        try model.validate()
        let read = try input.load(threads: model.threads, outputs: outputs(task:), check: model.check(against:), events: events)
        let hidden = testSplit.hiddenSplits(in: read)
        try Self.checkDevSplit(of: read, choices: model, notIn: hidden)
        let loaded = read.droppingGold(of: hidden)
        let run = try Self.fit(loaded, choices: model, events: events)
        var written: URL?
        if let output = labelsFile(task: loaded.task?.task)?.url {
            if !AtomicFile.writesToStandardOutput(output) {
                try? FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            let results = Self.resultsToWrite(run, loaded: loaded)
            try ProbabilisticLabelsWriter.write(results, labelNames: run.labelNames, to: output, threads: model.threads)
            events(.wroteLabels(items: results.map(\.ids.count).reduce(0, +), to: output))
            written = output
        }
        if let modelOutput {
            try SavedLabelModel(model: run.model, labelNames: run.labelNames, seed: run.configuration.seed).save(to: modelOutput)
            events(.savedModel(modelOutput))
        }
        return Result(loaded: loaded, run: run, labelsOutput: written, hiddenSplits: hidden)
    }

    /// Refuses a dev split whose scores are hidden: its gold labels would choose the model
    /// variant, so the split would be tuned to after all.
    static func checkDevSplit(of loaded: LabelingInput.Loaded, choices: ModelChoices, notIn hidden: [String]) throws {
        guard !hidden.isEmpty, !choices.goldFree else { return }
        let devName = choices.devSplit ?? loaded.modelSettings.devSplit ?? LabelingRunConfiguration.defaultDevSplit
        guard hidden.contains(devName), loaded.splits.contains(where: { $0.name == devName && $0.goldCount > 0 }) else { return }
        throw WSLabelError.invalidArgument(
            "the dev split \(devName) is a test split whose scores are hidden (evaluation.hide_test or --hide-test): its gold labels would choose the model variant; "
                + "give another dev split (--dev-split or model.dev_split), --gold-free, or --show-test")
    }

    private static func resultsToWrite(_ run: LabelingRun, loaded: LabelingInput.Loaded) -> [LabelingRun.SplitResult] {
        let sampled = Set(loaded.task?.task.splits.filter { $0.sample != nil }.map(\.name) ?? [])
        return run.results.filter { !sampled.contains($0.name) }
    }

    /// Fits the label model `choices` describe on a loaded input and labels every split; what
    /// ``run(events:)`` does between reading and writing, for callers that load once and fit
    /// several times.
    public static func fit(_ loaded: LabelingInput.Loaded, choices: ModelChoices,
                           events: (Event) -> Void = { _ in }) throws -> LabelingRun {
        events(.loaded(lfCount: loaded.splits[0].votes.lfCount, labelNames: loaded.labelNames,
                       splitRows: loaded.splits.map { ($0.name, Int($0.votes.itemCount)) }))
        let configuration = try choices.configuration(labelNames: loaded.labelNames, task: loaded.modelSettings)
        let clamped = configuration.model == .em ? loaded.clampedTrainLabels : nil
        events(.fitting(configuration.model, humanLabeledItems: clamped.map { $0.compactMap { $0 }.count }))
        return try LabelingRun(labelNames: loaded.labelNames, splits: loaded.splits, configuration: configuration,
                               clampedTrainLabels: clamped)
    }
}
