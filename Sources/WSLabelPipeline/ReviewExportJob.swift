import Foundation
import WSLabelCore
import WSLabelData
import WSLabeling

/// The items people should label next, written for Label Studio or Argilla: apply the task's
/// LFs, fit the label model, pick items by a strategy, write them with the model's label as a
/// suggestion. What `wslabel review export` does.
///
/// ```swift
/// var job = ReviewExportJob(task: URL(fileURLWithPath: "wslabel.yaml"), output: URL(fileURLWithPath: "review.json"))
/// job.count = 50
/// let written = try job.run()    // review.json and review.json.label-config.xml
/// ```
public struct ReviewExportJob: Sendable {
    /// The task file.
    public var task: URL
    /// Read and write the task's vote cache.
    public var useCache = true
    /// Label-model settings over the task file's.
    public var model = ModelChoices()
    /// Label Studio tasks (JSON, with the project's labeling config beside them) or Argilla records.
    public var format: TaskReview.ExportFormat = .labelStudio
    /// How many items.
    public var count = 50
    /// How items are picked.
    public var strategy: ReviewSelection.Strategy = .active
    /// Every item whose label-model confidence is below this instead of ``count`` by ``strategy``.
    public var belowConfidence: Double?
    /// The split to pick from.
    public var split = "train"
    /// Show annotators each item's gold field (biases their labels: for checking round trips only).
    public var includeGold = false
    /// The file to write.
    public var output: URL
    /// Where the Label Studio labeling config goes (default: ``output``'s path plus
    /// `.label-config.xml`).
    public var labelConfigFile: URL

    public init(task: URL, output: URL) {
        self.task = task
        self.output = output
        labelConfigFile = URL(fileURLWithPath: output.path + ".label-config.xml")
    }

    /// What was written.
    public struct Result: Sendable {
        /// The items exported.
        public let items: [ReviewItem]
        /// The files written: the items, and for Label Studio the labeling config.
        public let files: [URL]
    }

    /// Runs the export; both files are written atomically.
    /// - Throws: ``WSLabelError`` for bad input, an output clashing with an input, or a split the
    ///   task does not have.
    public func run(events: @escaping (LabelingJob.Event) -> Void = { _ in }) throws -> Result {
        try model.validate()
        let outputs = [FileRole(output, "--output")] + (format == .labelStudio ? [FileRole(labelConfigFile, "the labeling config")] : [])
        let applied = try LabelingInput.applyTask(task, useCache: useCache, threads: model.threads, outputs: { _ in outputs },
                                                  check: model.check(against:), events: events)
        let run = try LabelingJob.fit(LabelingInput.Loaded(applied), choices: model, events: events)
        let items = try TaskReview.items(applied: applied, run: run, split: split, count: count, strategy: strategy,
                                         belowConfidence: belowConfidence, seed: run.configuration.seed, includeGold: includeGold)
        switch format {
        case .labelStudio:
            try AtomicFile.write(LabelStudioFormat.tasks(items), to: output)
            try AtomicFile.write(Data(LabelStudioFormat.labelConfig(labels: applied.task.labels).utf8), to: labelConfigFile)
            return Result(items: items, files: [output, labelConfigFile])
        case .argilla:
            try AtomicFile.write(ArgillaFormat.records(items), to: output)
            return Result(items: items, files: [output])
        }
    }
}
