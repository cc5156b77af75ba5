import Foundation
import WSLabelCore
import WSLabelData
import WSLabeling

/// Writes a task's vote matrices, one set of files per split, for other tools to read: what
/// `wslabel apply` does after applying the LFs.
public enum VoteExport {
    /// A layout of the vote files.
    public enum Format: String, Sendable, CaseIterable {
        /// `<split>.csv`: an id column, one column per LF named after it, -1 = abstain.
        case csv
        /// `<split>.npy` (what Snorkel users load with `np.load`) and `<split>.ids.txt`, the ids
        /// in row order, one JSON string per line.
        case npy
        /// WRENCH's layout: `label.json` and `<split>.json` with each item's `weak_labels` and
        /// gold `label`.
        case wrench
        /// `<split>.counts`: the split's distinct vote patterns and their counts
        /// (``PatternCounts``), which shards merge into by addition.
        case patternCounts = "pattern-counts"

        /// The files of one split: `<split>.csv`, `<split>.npy` with its ids beside it, or
        /// `<split>.json`.
        public func fileNames(split: String) -> (votes: String, ids: String?) {
            switch self {
            case .csv: return ("\(split).csv", nil)
            case .npy: return ("\(split).npy", "\(split).ids.txt")
            case .wrench: return ("\(split).json", nil)
            case .patternCounts: return ("\(split).counts", nil)
            }
        }

        /// Whether the format's files hold class indices that need `label.json` beside them
        /// to be read (pattern counts name their classes themselves).
        public var writesLabelNames: Bool { self != .patternCounts }

        /// Every file written into `folder` for a task with `splits`, with the role an error
        /// names it by.
        public func files(splits: [String], in folder: URL) -> [FileRole] {
            splits.flatMap { split in
                let names = fileNames(split: split)
                return [names.votes, names.ids].compactMap { $0 }.map { FileRole(folder.appendingPathComponent($0), "--output-dir's \($0)") }
            } + (writesLabelNames ? [FileRole(folder.appendingPathComponent(LabelNamesFile.fileName), "--output-dir's \(LabelNamesFile.fileName)")] : [])
        }
    }

    /// Applies `task`'s LFs and writes every split's votes into `folder` (created when missing),
    /// and for the formats that hold class indices, `label.json` (``LabelNamesFile``): the
    /// class name of each index, which `wslabel fit --votes` reads back. The files are checked
    /// against the task's inputs before any LF runs.
    /// - Parameters:
    ///   - events: told what is read and applied, and each split written (``LabelingJob/Event``).
    ///   - written: told each split's name, rows and LF count once its files are written.
    /// - Returns: the applied task.
    /// - Throws: ``WSLabelError`` for bad input, an output clashing with an input, or a folder
    ///   that cannot be created.
    @discardableResult
    public static func write(
        task url: URL, useCache: Bool = true, format: Format, to folder: URL, threads: Int? = nil,
        events: @escaping (LabelingJob.Event) -> Void = { _ in },
        written: (_ split: String, _ rows: Int, _ lfs: Int) -> Void = { _, _, _ in }
    ) throws -> TaskApplication {
        let applied = try LabelingInput.applyTask(url, useCache: useCache, threads: threads, outputs: { task in
            format.files(splits: task?.splits.map(\.name) ?? [], in: folder)
        }, events: events)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WSLabelError.fileAccess(path: folder.path, "cannot create the folder")
        }
        if format == .wrench {
            try WrenchDataset.write(labelNames: applied.task.labels, splits: applied.splits, to: folder)
        } else if format.writesLabelNames {
            try LabelNamesFile.write(applied.task.labels, into: folder)
        }
        for split in applied.splits {
            let names = format.fileNames(split: split.name)
            let votes = folder.appendingPathComponent(names.votes)
            switch format {
            case .csv:
                try split.votes.writeCSV(to: votes, ids: split.ids, lfNames: applied.catalog.names)
            case .npy:
                try split.votes.writeNPY(to: votes)
                try ItemIDsFile.write(split.ids, to: folder.appendingPathComponent(names.ids!))
            case .wrench:
                break  // written with label.json above
            case .patternCounts:
                try PatternCounts(split: split, labelNames: applied.task.labels, lfNames: applied.catalog.names).write(to: votes)
            }
            written(split.name, split.votes.rowCount, split.votes.lfCount)
        }
        return applied
    }

    /// Applies `task`'s LFs to the items of one split read from standard input (JSON Lines) and
    /// writes its votes to `output` (`-`: standard output), as CSV vote rows or pattern counts:
    /// what one partition of a batch engine pipes through `wslabel apply --stdin`.
    /// - Parameters:
    ///   - useCache: use the task's vote cache (off by default: executors share no cache).
    /// - Returns: the applied split.
    /// - Throws: ``WSLabelError`` for bad items or a format other than csv or pattern counts.
    @discardableResult
    ///   - llmBudgetShare: the share of the task's LLM budget this process may spend.
    public static func writeStandardInput(
        task url: URL, split: String, useCache: Bool = false, llmBudgetShare: Double = 1, format: Format, to output: URL, threads: Int? = nil,
        events: @escaping (LabelingJob.Event) -> Void = { _ in }
    ) throws -> TaskApplication {
        guard format == .csv || format == .patternCounts else {
            throw WSLabelError.invalidArgument("votes read from standard input are written as csv or pattern-counts, not \(format.rawValue)")
        }
        let applied = try LabelingInput.applyTask(url, useCache: useCache, standardInputSplit: split, llmBudgetShare: llmBudgetShare, threads: threads,
                                                  outputs: { _ in [FileRole(output, "--output")] }, events: events)
        let votes = applied.splits[0]
        if format == .csv {
            try votes.votes.writeCSV(to: output, ids: votes.ids, lfNames: applied.catalog.names)
        } else {
            try PatternCounts(split: votes, labelNames: applied.task.labels, lfNames: applied.catalog.names).write(to: output)
        }
        return applied
    }
}
