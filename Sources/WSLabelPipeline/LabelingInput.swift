import Foundation
import WSLabelCore
import WSLabelData
import WSLabelReports
import WSLabeling

/// Where a job's items or votes come from: a task file (its LFs are applied to its data), a
/// WRENCH folder, or plain vote files.
public enum LabelingInput: Sendable, Equatable {
    /// A task file naming labels, data, LFs and model settings; `useCache` reads and writes its
    /// vote cache.
    case task(URL, useCache: Bool = true)
    /// A WRENCH dataset folder (`label.json`, `train.json`, optional `valid.json`, `test.json`).
    case wrench(URL)
    /// Vote files: train votes (`.npy` or `.csv`), optional dev votes with their gold labels,
    /// and the class names in class-index order.
    case voteFiles(train: URL, dev: URL? = nil, devGold: URL? = nil, labelNames: [String])

    /// What an input gave: class names, splits and LF names, and for a task what applying its
    /// LFs came to.
    public struct Loaded: Sendable {
        /// Class names by index.
        public var labelNames: [String]
        /// The splits in input order; sampled splits of a task hold their items again.
        public var splits: [LabeledSplit]
        /// One name per vote column: the task's LF names, or `lf_0`, `lf_1`, … for vote files.
        public var lfNames: [String]
        /// The task file and what applying its LFs cost, when the input was a task.
        public var task: TaskApplication?

        /// A task's LFs applied to its data, as a loaded input.
        public init(_ applied: TaskApplication) {
            self.init(labelNames: applied.task.labels, splits: applied.splits, lfNames: applied.report.lfs.map(\.name), task: applied)
        }

        /// What an input gave.
        public init(labelNames: [String], splits: [LabeledSplit], lfNames: [String], task: TaskApplication? = nil) {
            self.labelNames = labelNames
            self.splits = splits
            self.lfNames = lfNames
            self.task = task
        }

        /// People's labels of train items, when the input is a task whose people labeled some.
        public var clampedTrainLabels: [Int?]? { task?.clampedTrainLabels }

        /// The task's model settings (`model:`), or none for other inputs.
        public var modelSettings: TaskFile.ModelSettings { task?.task.model ?? .init() }
    }

    /// The path the input was given as, for log lines and titles.
    public var path: URL {
        switch self {
        case let .task(url, _), let .wrench(url): return url
        case let .voteFiles(train, _, _, _): return train
        }
    }

    /// Reads the input, applying a task's LFs.
    ///
    /// Before any LF runs, the files the caller will write are checked against every file the
    /// input reads or keeps state in (``OutputConflicts``), so a mistyped output never replaces
    /// an input.
    ///
    /// - Parameters:
    ///   - threads: worker threads for applying LFs (default: every core); votes do not depend on it.
    ///   - otherInputs: files the caller reads besides the input (e.g. a saved model).
    ///   - outputs: the files the caller will write, given the task file when there is one.
    ///   - events: told what is read and how applying LFs progresses.
    /// - Throws: ``WSLabelError`` naming the file, line and field of bad input, or the clashing
    ///   output.
    public func load(threads: Int? = nil, otherInputs: [FileRole] = [], outputs: (TaskFile?) -> [FileRole] = { _ in [] },
                     events: @escaping (LabelingJob.Event) -> Void = { _ in }) throws -> Loaded {
        switch self {
        case let .task(url, useCache):
            let applied = try Self.applyTask(url, useCache: useCache, threads: threads, otherInputs: otherInputs,
                                             outputs: outputs, events: events)
            return Loaded(applied)
        case let .wrench(folder):
            events(.readingVotes(folder))
            try OutputConflicts.check(outputs: outputs(nil), inputs: WrenchDataset.inputFiles(directory: folder) + otherInputs)
            let dataset = try WrenchDataset(directory: folder)
            return Loaded(labelNames: dataset.labelNames, splits: dataset.splits,
                          lfNames: LFSummary.defaultNames(lfCount: dataset.splits[0].votes.lfCount))
        case let .voteFiles(train, dev, devGold, labelNames):
            events(.readingVotes(train))
            let voteInputs = [(Optional(train), "the --votes file"), (dev, "the --dev-votes file"), (devGold, "the --dev-gold file")]
                .compactMap { url, role in url.map { FileRole($0, role) } }
            try OutputConflicts.check(outputs: outputs(nil), inputs: voteInputs + otherInputs)
            let splits = try VoteFiles.splits(train: train, dev: dev, devGold: devGold, labelNames: labelNames)
            return Loaded(labelNames: labelNames, splits: splits, lfNames: LFSummary.defaultNames(lfCount: splits[0].votes.lfCount))
        }
    }

    /// Reads a task file and applies its LFs: ``load(threads:otherInputs:outputs:events:)`` for
    /// callers that need the task (costs, reviews, vote files).
    /// - Parameters: as ``load(threads:otherInputs:outputs:events:)``, with the task file's `url`
    ///   and whether its vote cache is used.
    public static func applyTask(
        _ url: URL, useCache: Bool = true, threads: Int? = nil, otherInputs: [FileRole] = [],
        outputs: (TaskFile?) -> [FileRole] = { _ in [] }, events: @escaping (LabelingJob.Event) -> Void = { _ in }
    ) throws -> TaskApplication {
        events(.readingTask(url))
        let task = try TaskFile(contentsOf: url)
        try OutputConflicts.check(outputs: outputs(task), inputs: task.inputFiles() + otherInputs)
        let applied = try TaskApplication(task: task, useCache: useCache, threads: threads) { events(.applying($0)) }
        events(.applied(applied))
        return applied
    }
}