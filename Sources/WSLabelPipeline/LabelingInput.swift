import Foundation
import WSLabelCore
import WSLabelData
import WSLabelReports
import WSLabeling

/// Where a job's items or votes come from: a task file (its LFs are applied to its data), a
/// WRENCH folder, or plain vote files.
public enum LabelingInput: Sendable, Equatable {
    /// A task file naming labels, data, LFs and model settings; `useCache` reads and writes its
    /// vote cache and LLM response cache; with `standardInputSplit`, the items of that one split
    /// are JSON Lines read from standard input instead of the task's files, and this process
    /// spends at most `llmBudgetShare` of the task's LLM budget.
    case task(URL, useCache: Bool = true, standardInputSplit: String? = nil, llmBudgetShare: Double = 1)
    /// A WRENCH dataset folder (`label.json`, `train.json`, optional `valid.json`, `test.json`).
    case wrench(URL)
    /// Vote files: train votes (`.npy` or `.csv`), optional dev votes with their gold labels,
    /// and the class names in class-index order (``voteFileLabelNames(train:given:fallback:)``
    /// finds those `wslabel apply` wrote beside the votes).
    case voteFiles(train: URL, dev: URL? = nil, devGold: URL? = nil, labelNames: [String])
    /// Pattern-count files (``PatternCounts``): the train split's, and optionally a dev split's
    /// whose gold labels choose the variant; model settings from a task file's `model:` section
    /// when one is given (its LFs are not applied).
    case patternCounts(train: URL, dev: URL? = nil, settings: URL? = nil)

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
        /// The task's model settings (`model:`), or none.
        public var modelSettings: TaskFile.ModelSettings
        /// The task's test splits and whether their scores are hidden (`evaluation:`), or the
        /// defaults (test, shown).
        public var evaluationSettings: TaskFile.EvaluationSettings

        /// A task's LFs applied to its data, as a loaded input.
        public init(_ applied: TaskApplication) {
            self.init(labelNames: applied.task.labels, splits: applied.splits, lfNames: applied.report.lfs.map(\.name), task: applied)
        }

        /// What an input gave.
        public init(labelNames: [String], splits: [LabeledSplit], lfNames: [String], task: TaskApplication? = nil,
                    modelSettings: TaskFile.ModelSettings? = nil, evaluationSettings: TaskFile.EvaluationSettings? = nil) {
            self.labelNames = labelNames
            self.splits = splits
            self.lfNames = lfNames
            self.task = task
            self.modelSettings = modelSettings ?? task?.task.model ?? .init()
            self.evaluationSettings = evaluationSettings ?? task?.task.evaluation ?? .init()
        }

        /// The input with the gold labels of the splits named `hidden` dropped, so nothing
        /// downstream can score them; their items and votes stay.
        func droppingGold(of hidden: [String]) -> Loaded {
            guard !hidden.isEmpty else { return self }
            var loaded = self
            loaded.splits = splits.map { split in
                hidden.contains(split.name)
                    ? LabeledSplit(name: split.name, ids: split.ids, votes: split.votes, gold: [Int?](repeating: nil, count: split.gold.count))
                    : split
            }
            return loaded
        }

        /// People's labels of train items, when the input is a task whose people labeled some.
        public var clampedTrainLabels: [Int?]? { task?.clampedTrainLabels }
    }

    /// The class names of vote files: `given` when set, else those of the `label.json` beside
    /// `train` (``LabelNamesFile``, as `wslabel apply` writes it), else `fallback`, else `0, 1`.
    /// - Returns: the names and the `label.json` they came from, if they did.
    /// - Throws: ``WSLabelError`` for a `label.json` that cannot be read as class names.
    public static func voteFileLabelNames(train: URL, given: [String]?, fallback: [String]? = nil) throws -> (names: [String], file: URL?) {
        if let given { return (given, nil) }
        if let file = LabelNamesFile.beside(train) { return (try LabelNamesFile.read(file), file) }
        return (fallback ?? ["0", "1"], nil)
    }

    /// The path the input was given as, for log lines and titles.
    public var path: URL {
        switch self {
        case let .task(url, _, _, _), let .wrench(url): return url
        case let .voteFiles(train, _, _, _), let .patternCounts(train, _, _): return train
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
    ///   - check: called with a task file once it is read, before any LF runs: the caller's
    ///     settings that depend on the task (a class or split named by a flag) fail fast.
    ///   - events: told what is read, the input's warnings, and how applying LFs progresses.
    /// - Throws: ``WSLabelError`` naming the file, line and field of bad input, or the clashing
    ///   output.
    public func load(threads: Int? = nil, otherInputs: [FileRole] = [], outputs: (TaskFile?) -> [FileRole] = { _ in [] },
                     check: (TaskFile) throws -> Void = { _ in },
                     events: @escaping (LabelingJob.Event) -> Void = { _ in }) throws -> Loaded {
        switch self {
        case let .task(url, useCache, standardInputSplit, llmBudgetShare):
            let applied = try Self.applyTask(url, useCache: useCache, standardInputSplit: standardInputSplit, llmBudgetShare: llmBudgetShare,
                                             threads: threads, otherInputs: otherInputs, outputs: outputs, check: check, events: events)
            return Loaded(applied)
        case let .wrench(folder):
            events(.readingVotes(folder))
            try OutputConflicts.check(outputs: outputs(nil), inputs: WrenchDataset.inputFiles(directory: folder) + otherInputs)
            let dataset = try WrenchDataset(directory: folder)
            return Loaded(labelNames: dataset.labelNames, splits: dataset.splits,
                          lfNames: LFSummary.defaultNames(lfCount: dataset.splits[0].votes.lfCount))
        case let .voteFiles(train, dev, devGold, labelNames):
            events(.readingVotes(train))
            let voteInputs = [(Optional(train), "the --votes file"), (dev, "the --dev-votes file"), (devGold, "the --dev-gold file"),
                              (LabelNamesFile.beside(train), "the label.json beside the --votes file")]
                .compactMap { url, role in url.map { FileRole($0, role) } }
            try OutputConflicts.check(outputs: outputs(nil), inputs: voteInputs + otherInputs)
            let splits = try VoteFiles.splits(train: train, dev: dev, devGold: devGold, labelNames: labelNames)
            return Loaded(labelNames: labelNames, splits: splits, lfNames: LFSummary.defaultNames(lfCount: splits[0].votes.lfCount))
        case let .patternCounts(train, dev, settingsFile):
            events(.readingVotes(train))
            let files = [(Optional(train), "the --pattern-counts file"), (dev, "the --dev-pattern-counts file"), (settingsFile, "the --config file")]
                .compactMap { url, role in url.map { FileRole($0, role) } }
            try OutputConflicts.check(outputs: outputs(nil), inputs: files + otherInputs)
            let trainCounts = try PatternCounts.read(from: train)
            var trainSplit = trainCounts.labeledSplit
            trainSplit = LabeledSplit(name: "train", ids: trainSplit.ids, votes: trainSplit.votes, gold: trainSplit.gold.map { _ in nil })
            var splits = [trainSplit]
            let settingsTask = try settingsFile.map { try TaskFile(contentsOf: $0) }
            settingsTask?.warnings.forEach { events(.warning($0)) }
            var settings = settingsTask?.model ?? .init()
            if let dev {
                let devCounts = try PatternCounts.read(from: dev)
                guard devCounts.labelNames == trainCounts.labelNames, devCounts.lfNames == trainCounts.lfNames else {
                    throw WSLabelError.invalidArgument("\(dev.relativePath) counts another task's votes than \(train.relativePath): its labels or LFs differ")
                }
                splits.append(devCounts.expandedSplit)
                settings.devSplit = settings.devSplit ?? devCounts.split
            }
            return Loaded(labelNames: trainCounts.labelNames, splits: splits, lfNames: trainCounts.lfNames, modelSettings: settings,
                          evaluationSettings: settingsTask?.evaluation)
        }
    }

    /// Reads a task file and applies its LFs: ``load(threads:otherInputs:outputs:events:)`` for
    /// callers that need the task (costs, reviews, vote files).
    /// - Parameters: as ``load(threads:otherInputs:outputs:events:)``, with the task file's `url`
    ///   and whether its vote cache is used.
    ///   - standardInputSplit: read the items of this one split from standard input (JSON Lines)
    ///     instead of the task's files (``TaskFile/readingStandardInput(as:llmBudgetShare:)``),
    ///     spending at most `llmBudgetShare` of the task's LLM budget.
    public static func applyTask(
        _ url: URL, useCache: Bool = true, standardInputSplit: String? = nil, llmBudgetShare: Double = 1,
        threads: Int? = nil, otherInputs: [FileRole] = [],
        outputs: (TaskFile?) -> [FileRole] = { _ in [] }, check: (TaskFile) throws -> Void = { _ in },
        events: @escaping (LabelingJob.Event) -> Void = { _ in }
    ) throws -> TaskApplication {
        events(.readingTask(url))
        var task = try TaskFile(contentsOf: url)
        task.warnings.forEach { events(.warning($0)) }
        try check(task)
        if let standardInputSplit { task = task.readingStandardInput(as: standardInputSplit, llmBudgetShare: llmBudgetShare) }
        try OutputConflicts.check(outputs: outputs(task), inputs: task.inputFiles() + otherInputs)
        let applied = try TaskApplication(task: task, useCache: useCache, threads: threads) { events(.applying($0)) }
        events(.applied(applied))
        return applied
    }
}