import Foundation
import WSLabelCore
import WSLabelData

/// A task's LFs applied to every split of its data: the vote matrices a label model is fit on.
///
/// Items stream from the split's files batch by batch; votes come from the SQLite cache where
/// an (LF, item) pair was seen before, so editing one LF re-applies only that LF.
///
/// ```swift
/// let task = try TaskFile(contentsOf: URL(fileURLWithPath: "wslabel.yaml"))
/// let applied = try TaskApplication(task: task)
/// let run = try LabelingRun(labelNames: task.labels, splits: applied.splits, configuration: .init())
/// ```
public struct TaskApplication: Sendable {
    /// The task.
    public let task: TaskFile
    /// The LFs, in vote-matrix column order.
    public let catalog: LFCatalog
    /// One split per task split, in task order, with gold labels where the data has them;
    /// sampled splits hold their items' votes again.
    public let splits: [LabeledSplit]
    /// What applying cost, per LF, over all splits.
    public let report: ApplyReport
    /// What the LLM-prompt LFs' calls came to (cache hits, calls, tokens, dollars, failures,
    /// the budget); `nil` without LLM LFs.
    public let llmCosts: LLMRunCosts?
    /// The labels people gave items (``TaskFile/humanLabels``), by item id.
    public let humanLabels: [String: HumanLabel]
    /// Texts that a split read from files shares with an earlier one, one entry per pair of
    /// splits that share any (sampled splits are drawn from their source and not compared):
    /// what the command line warns about.
    public let duplicateTexts: [DuplicateTexts]

    /// People's labels of the train split's items as class indices, one per train row (`nil`
    /// where none), for a semi-supervised fit; `nil` when people labeled no train item.
    public var clampedTrainLabels: [Int?]? {
        guard !humanLabels.isEmpty, let train = splits.first(where: { $0.name == "train" }) else { return nil }
        let clamped = train.ids.map { id in humanLabels[id].flatMap { task.labels.firstIndex(of: $0.label) } }
        return clamped.contains { $0 != nil } ? clamped : nil
    }

    /// Applies the task's LFs.
    ///
    /// - Parameters:
    ///   - task: the task file.
    ///   - registry: where the task's Swift catalogs are looked up.
    ///   - useCache: read and write the task's vote cache (default true).
    ///   - threads: worker threads (default: every core); the votes do not depend on it.
    ///   - progress: called after each batch with the split's items done and bytes read.
    /// - Throws: ``WSLabelError`` for unreadable data, unknown gold values, bad LF sources or
    ///   an unusable cache, naming the file and line.
    public init(
        task: TaskFile, registry: LFCatalogRegistry = .shared, useCache: Bool = true, threads: Int? = nil,
        progress: ((ApplyProgress) -> Void)? = nil
    ) throws {
        let binding = try TaskLLMBinding(catalog: try task.catalog(registry: registry), task: task, useCache: useCache)
        let catalog = binding.catalog
        var cache: VoteCache?
        if useCache {
            try Self.createFolder(of: task.cache)
            cache = try VoteCache(path: task.cache.path)
        }
        var applier = try LFApplier(catalog: catalog, labels: task.labels, cache: cache)
        if let threads { applier.threads = threads }
        var splits: [LabeledSplit] = []
        var report: ApplyReport?
        var textHashes: [[UInt64]] = []
        for split in task.splits where split.sample == nil {
            let stream = SplitItemStream(split: split, task: task, threads: applier.threads)
            let totalBytes = Self.totalSize(of: split.files)
            let applied = try stream.applied(by: applier) { done in
                progress?(ApplyProgress(split: split.name, itemsDone: done, bytesRead: stream.bytesRead, totalBytes: totalBytes))
            }
            splits.append(LabeledSplit(name: split.name, ids: applied.itemIDs, votes: applied.votes, gold: applied.gold))
            textHashes.append(applied.textHashes)
            if report == nil { report = applied.report } else { report!.merge(applied.report) }
        }
        duplicateTexts = DuplicateTexts.find(in: zip(splits, textHashes).map { ($0.name, $0.ids, $1) })
        // Sampled splits come from the applied ones, and every split keeps its task-file place.
        self.splits = try task.splits.map { split in
            if let sample = split.sample {
                let source = splits.first { $0.name == sample.source }!  // TaskFile checked it exists
                guard source.goldCount >= sample.size else {
                    throw WSLabelError.malformedInput(
                        SourceLocation(file: task.url.path, record: "data", field: "splits.\(split.name).size"),
                        "a sample of \(sample.size) needs that many \(sample.source) items with gold labels; \(sample.source) has \(source.goldCount)")
                }
                return try source.sampleOfLabeledItems(named: split.name, size: sample.size, seed: sample.seed)
            }
            return splits.first { $0.name == split.name }!
        }
        self.task = task
        self.catalog = catalog
        self.report = report!
        humanLabels = try HumanLabelStore(url: task.humanLabels).load(labels: task.labels)
        llmCosts = binding.llmLFs.isEmpty ? nil : LLMRunCosts(usage: binding.usage, budget: binding.budget?.limit, spent: binding.budget?.spent)
    }

    /// The files' sizes added up, or `nil` when one cannot be read (the reader then names it).
    private static func totalSize(of files: [URL]) -> Int? {
        var total = 0
        for file in files {
            guard let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int else { return nil }
            total += size
        }
        return total
    }

    private static func createFolder(of file: URL) throws {
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WSLabelError.fileAccess(path: folder.path, "cannot create the folder for the vote cache")
        }
    }
}
