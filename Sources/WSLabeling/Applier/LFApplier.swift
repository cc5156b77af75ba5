import Foundation
import WSLabelCore
import WSLabelData

/// Applies a catalog of labeling functions to items and builds the vote matrix.
///
/// Items are processed in batches of ``batchSize``. Within a batch every core works: each item
/// gets one ``ItemView`` shared by all LFs, and each item's outcomes go to its own slots, so the
/// matrix, ids, gold labels and report counts are identical whatever ``threads`` is (as long as
/// the LFs themselves are deterministic). Rows come out in input order.
///
/// Fault tolerance: an LF that throws abstains on that item. An LF that votes for a label the
/// task does not have (only possible for LFs without ``LabelingFunction/possibleLabels``,
/// such as heuristics; the others are checked when the applier is made) also abstains. Both are
/// counted per LF in ``ApplyReport`` with the first message kept; neither stops the run.
///
/// With a ``VoteCache``, only the (LF, item) pairs missing from the cache are evaluated, and the
/// new outcomes are written back in one transaction per batch: a run that is killed resumes
/// from its last finished batch, and editing one LF re-runs only that LF. Failures of LFs whose
/// ``LabelingFunction/cachesFailures`` is `false` (LLM calls) are not written, so they are
/// tried again next run.
///
/// ``BatchLabelingFunction``s (LLM-prompt LFs) get each batch's uncached items at once, after
/// the other LFs have run on it; a catalog with one gets batches of
/// ``batchSizeWithBatchLFs`` items, so that progress and the cache follow its slow calls.
///
/// ```swift
/// let applier = try LFApplier(catalog: catalog, labels: ["HAM", "SPAM"],
///                             cache: VoteCache(path: ".wslabel/votes.sqlite"))
/// let result = try applier.apply(items) { done, total in bar.update(done, of: total) }
/// result.votes         // VoteMatrix, one row per item
/// result.report.lfs    // evaluations, cache hits, failures per LF
/// ```
public struct LFApplier: Sendable {
    /// The LFs, in vote-matrix column order.
    public let catalog: LFCatalog
    /// The task's label names; a label's index is its class.
    public let labels: [String]
    /// Where outcomes are read from and written to; `nil` evaluates everything.
    public var cache: VoteCache?
    /// Items per batch: the unit of cache transactions and progress reports. Defaults to
    /// ``defaultBatchSize``, or ``batchSizeWithBatchLFs`` when the catalog has a
    /// ``BatchLabelingFunction``.
    public var batchSize: Int {
        didSet { precondition(batchSize > 0, "batch size must be positive") }
    }
    /// Threads evaluating LFs; defaults to every core.
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount {
        didSet { precondition(threads > 0, "thread count must be positive") }
    }
    /// Whether cached failures (LFs that threw) are evaluated again instead of reused.
    /// Turn on when failures may be transient, e.g. an LF that calls a service.
    public var retryFailures = false

    /// The batch size of catalogs of fast LFs: large enough that threads rarely wait.
    public static let defaultBatchSize = 4096
    /// The batch size of catalogs with a ``BatchLabelingFunction``: each batch is a few
    /// seconds of LLM calls, written to the cache and reported as it ends.
    public static let batchSizeWithBatchLFs = 32

    let classOfLabel: [String: Int]
    /// Indices of the catalog's ``BatchLabelingFunction``s, and for each LF whether it is one.
    let batchLFs: [Int]
    let isBatchLF: [Bool]
    /// The classes of the labels each LF declares (``LabelingFunction/possibleLabels``), mapped
    /// once here: a vote is matched against these one or two names instead of being hashed.
    /// LF `lf`'s are `declaredClasses[declaredClassStarts[lf] ..< declaredClassStarts[lf + 1]]`
    /// (none for LFs that may vote any label): one flat array, since an array of arrays hands out
    /// each inner array with a retain of an object every applier thread shares.
    let declaredClasses: [(label: String, labelClass: Int16)]
    let declaredClassStarts: [Int]

    /// An applier of `catalog` for a task with classes `labels`.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `labels` has fewer than 2 or more than
    ///   255 names or repeats one, or when an LF declares a label the task does not have.
    public init(catalog: LFCatalog, labels: [String], cache: VoteCache? = nil) throws {
        guard (2...VoteMatrix.maxClassCount).contains(labels.count) else {
            throw WSLabelError.invalidArgument("a task needs 2 to \(VoteMatrix.maxClassCount) labels, not \(labels.count)")
        }
        var classOfLabel: [String: Int] = [:]
        for (index, label) in labels.enumerated() {
            guard classOfLabel.updateValue(index, forKey: label) == nil else {
                throw WSLabelError.invalidArgument("label \"\(label)\" is listed twice in the task's labels")
            }
        }
        guard catalog.functions.count <= VoteMatrix.maxLFCount else {
            throw WSLabelError.invalidArgument("a catalog holds at most \(VoteMatrix.maxLFCount) LFs, not \(catalog.functions.count)")
        }
        try catalog.validate(labels: labels)
        self.catalog = catalog
        self.labels = labels
        self.cache = cache
        self.classOfLabel = classOfLabel
        let declared = catalog.functions.map { function in
            (function.possibleLabels ?? []).compactMap { label in classOfLabel[label].map { (label: label, labelClass: Int16($0)) } }
        }
        declaredClasses = declared.flatMap { $0 }
        declaredClassStarts = declared.reduce(into: [0]) { starts, classes in starts.append(starts.last! + classes.count) }
        let isBatchLF = catalog.functions.map { $0 is any BatchLabelingFunction }
        self.isBatchLF = isBatchLF
        batchLFs = isBatchLF.indices.filter { isBatchLF[$0] }
        batchSize = batchLFs.isEmpty ? Self.defaultBatchSize : Self.batchSizeWithBatchLFs
    }

    /// Applies the catalog to `items`, in batches of ``batchSize``.
    ///
    /// - Parameters:
    ///   - progress: called after each batch with the items done so far and `items.count`.
    /// - Returns: one matrix row per item, in order.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` for a gold label the task does not have;
    ///   ``WSLabelError/fileAccess(path:_:)`` when the cache cannot be read or written. Errors
    ///   thrown by LFs are never rethrown.
    public func apply(_ items: [Item], progress: ((_ done: Int, _ total: Int?) -> Void)? = nil) throws -> AppliedVotes {
        try apply(batches: CollectionOfOne(items), expectedCount: items.count, progress: progress)
    }

    /// Applies the catalog to items arriving in batches of any size, e.g. from a streaming reader.
    ///
    /// Incoming batches are cut to at most ``batchSize`` items; rows keep the input order.
    /// - Parameters:
    ///   - expectedCount: the total number of items when known, passed on to `progress`.
    ///   - progress: called after each batch with the items done so far and `expectedCount`.
    public func apply(
        batches: some Sequence<[Item]>, expectedCount: Int? = nil,
        progress: ((_ done: Int, _ total: Int?) -> Void)? = nil
    ) throws -> AppliedVotes {
        var iterator = batches.makeIterator()
        return try apply(expectedCount: expectedCount, progress: progress) { iterator.next() }
    }

    /// Applies the catalog to the batches `nextBatch` returns until it returns `nil`: the form
    /// for readers that can fail part-way (their error is rethrown, nothing is returned).
    public func apply(
        expectedCount: Int? = nil, progress: ((_ done: Int, _ total: Int?) -> Void)? = nil,
        nextBatch: () throws -> [Item]?
    ) throws -> AppliedVotes {
        var result = try emptyResult()
        if let expectedCount {
            result.votes.reserveCapacity(rows: expectedCount, votes: 0)
            result.itemIDs.reserveCapacity(expectedCount)
            result.gold.reserveCapacity(expectedCount)
        }
        while let batch = try nextBatch() {
            for start in stride(from: 0, to: batch.count, by: batchSize) {
                try applyBatch(batch[start..<min(start + batchSize, batch.count)], into: &result)
                progress?(result.itemIDs.count, expectedCount)
            }
        }
        return result
    }

    /// Applies the catalog to one batch and returns its rows alone: for streaming pipelines that
    /// write each batch's votes out before reading the next. Merge results with
    /// ``AppliedVotes/append(_:)``.
    public func apply(batch: some Collection<Item>) throws -> AppliedVotes {
        var result = try emptyResult()
        let items = Array(batch)
        for start in stride(from: 0, to: items.count, by: batchSize) {
            try applyBatch(items[start..<min(start + batchSize, items.count)], into: &result)
        }
        return result
    }

    // MARK: - One batch

    /// A result with no rows yet, each LF's statistics holding what the cache holds of it now
    /// (read before the first batch of the call stores anything).
    func emptyResult() throws -> AppliedVotes {
        let statuses = try cache.map { LFCacheStatus.statuses(of: catalog.functions, stored: try $0.storedNames()) }
            ?? Array(repeating: .noCache, count: catalog.functions.count)
        let statistics = zip(catalog.functions, statuses).map { function, status in
            var statistics = ApplyReport.LFStatistics(name: function.name, fingerprint: function.fingerprint, cacheStatus: status)
            statistics.lacksSourceFingerprint = (function as? HeuristicLF).map { $0.sourceFingerprint == nil } ?? false
            return statistics
        }
        return AppliedVotes(
            votes: try VoteMatrix(lfCount: catalog.functions.count, classCount: labels.count),
            itemIDs: [], gold: [], report: ApplyReport(lfs: statistics), textHashes: [])
    }

    /// What an (item, LF) slot of a batch came to, as the vote matrix and the report need it:
    /// a class index (0 or more) or one of these codes.
    enum SlotCode {
        static let abstain: Int16 = -1
        /// The LF threw.
        static let failed: Int16 = -2
        /// The LF voted for a label the task does not have.
        static let unknownLabel: Int16 = -3
    }

    /// The slot code of `outcome`, an outcome of LF `lf`.
    func code(of outcome: LFOutcome, lf: Int) -> Int16 {
        switch outcome {
        case .abstain:
            return SlotCode.abstain
        case .failed:
            return SlotCode.failed
        case let .vote(label):
            return code(ofVote: label, lf: lf)
        }
    }

    /// The slot code of a vote for `label` by LF `lf`: its class, or ``SlotCode/unknownLabel``.
    @inline(__always)
    func code(ofVote label: String, lf: Int) -> Int16 {
        let declared = declaredClasses.withUnsafeBufferPointer { declared -> Int16? in
            for index in declaredClassStarts[lf]..<declaredClassStarts[lf + 1] where declared[index].label == label {
                return declared[index].labelClass
            }
            return nil
        }
        return declared ?? classOfLabel[label].map(Int16.init) ?? SlotCode.unknownLabel
    }

    func fingerprints(of items: [Item]) -> [ItemFingerprint] {
        var result = [ItemFingerprint](repeating: ItemFingerprint(high: 0, low: 0), count: items.count)
        result.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let slots = SharedMutableBuffer(base: base, count: items.count)
            ParallelBlocks(itemCount: items.count, blockSize: 256).forEach(threads: threads) { _, _, rows in
                for row in rows { slots[row] = ItemFingerprint(items[row]) }
            }
        }
        return result
    }

    func goldClasses(of items: [Item]) throws -> [Int?] {
        try items.map { try goldClass(of: $0.gold, id: $0.id) }
    }

    /// The class of gold label `gold` of item `id`, `nil` for none.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` for a label the task does not have.
    func goldClass(of gold: String?, id: String) throws -> Int? {
        guard let gold else { return nil }
        guard let goldClass = classOfLabel[gold] else {
            throw WSLabelError.malformedInput(
                SourceLocation(record: id, field: "gold"),
                "gold label \"\(gold)\" is not one of the task's labels (\(labels.joined(separator: ", ")))")
        }
        return goldClass
    }
}
