import Foundation
import WSLabelCore
import WSLabelData

/// Applying a reader's items where they are decoded: no item is made, moved between threads or
/// freed on the calling thread.
extension LFApplier {
    /// Applies the catalog to every item `reader` reads, calling `body` with the rows of each run
    /// of at least ``batchSize`` items, in file order (the last run may be shorter): the votes,
    /// ids, gold labels, report counts and errors of applying the reader's batches
    /// (`reader.nextBatch()`) with ``apply(expectedCount:progress:nextBatch:)``, for less work.
    ///
    /// Without a cache and batch LFs, each block of a few hundred lines is decoded and applied
    /// on the thread that read it (`ItemReader.forEachBlock`), and the LFs see views over the
    /// JSONL records: an LF that asks for the item, its text or fields gets them made then,
    /// and those that read the lowercased bytes and the word count (keywords, `.*` chains,
    /// word-count heuristics) need no string per item. The calling thread only checks ids for
    /// duplicates and appends rows. With a cache or batch LFs, the reader's batches are
    /// applied as ``apply(expectedCount:progress:nextBatch:)`` applies them.
    ///
    /// - Precondition: no item has been read from `reader` yet.
    /// - Throws: what reading throws (``WSLabelError/malformedInput(_:_:)``,
    ///   ``WSLabelError/fileAccess(path:_:)``), a gold label the task does not have, or what
    ///   `body` throws: the error the batch path throws. That is the first in file order, except
    ///   that a reader's error wins over a gold label's earlier in the same reader batch (the
    ///   reader never hands that batch out). `body` gets no rows after a gold label's error.
    public func apply(_ reader: ItemReader, forEachBatch body: (AppliedVotes) throws -> Void) throws {
        let rest = try apply(reader, readBatchSize: ItemReader.defaultBatchSize, flushingEvery: batchSize, to: body)
        if rest.votes.rowCount > 0 { try body(rest) }
    }

    /// Applies the catalog to every item `reader` reads, as ``apply(_:forEachBatch:)``, and
    /// returns all the rows.
    public func apply(_ reader: ItemReader) throws -> AppliedVotes {
        try apply(reader, readBatchSize: ItemReader.defaultBatchSize, flushingEvery: .max) { _ in }
    }

    /// Applies the catalog to `reader`'s items, handing `flush` the rows each time they reach
    /// `flushCount` items; returns the rows not handed out. The errors are those of applying
    /// `reader.nextBatch(maxCount: readBatchSize)` batch by batch.
    func apply(_ reader: ItemReader, readBatchSize: Int, flushingEvery flushCount: Int,
               to flush: (AppliedVotes) throws -> Void) throws -> AppliedVotes {
        guard cache == nil, batchLFs.isEmpty else {
            var result = try emptyResult()
            while let batch = try reader.nextBatch(maxCount: readBatchSize) {
                for start in stride(from: 0, to: batch.count, by: batchSize) {
                    try applyBatch(batch[start..<min(start + batchSize, batch.count)], into: &result)
                    if result.votes.rowCount >= flushCount {
                        try flush(result)
                        result = try emptyResult()
                    }
                }
            }
            return result
        }
        let clock = ContinuousClock()
        var result = try emptyResult(), start = clock.now
        // A gold label the task lacks fails the reader batch it is in, as in the batch path;
        // a reader's error in that batch comes first there (the batch is never handed out), so
        // the gold label's error waits for the batch's end.
        var goldError: (error: any Error, batchEnd: Int)?
        var itemCount = 0
        try reader.forEachBlock(batchSize: readBatchSize, process: { [self] views in votes(on: views) }) { block, count in
            if goldError == nil, let (row, label) = block.unknownGold, row < count {
                do {
                    _ = try goldClass(of: label, id: block.ids[row])
                } catch {
                    goldError = (error, ((itemCount + row) / readBatchSize + 1) * readBatchSize)
                }
            }
            append(block, count: count, into: &result)
            itemCount += count
            if let goldError {
                if itemCount >= goldError.batchEnd { throw goldError.error }
            } else if result.votes.rowCount >= flushCount {
                result.report.seconds = (clock.now - start).seconds
                try flush(result)
                result = try emptyResult()
                start = clock.now
            }
        }
        if let goldError { throw goldError.error }
        result.report.seconds = (clock.now - start).seconds
        return result
    }

    /// What applying the catalog to one block of views came to, on the thread that made them.
    private struct BlockVotes {
        var ids: [String] = []
        var gold: [Int?] = []
        var textHashes: [UInt64] = []
        /// The first item whose gold label the task does not have, and that label.
        var unknownGold: (row: Int, label: String)?
        /// Slot codes, row-major (see ``LFApplier/evaluateItemLFs(rows:lfs:codes:outcomes:kept:view:)``).
        var codes: [Int16]
        /// The outcomes the report needs (failures, unknown labels) by slot.
        var kept: [(slot: Int, outcome: LFOutcome)] = []
    }

    /// Evaluates every LF on `views`, and reads their ids, gold classes and text hashes.
    private func votes(on views: [ItemView]) -> BlockVotes {
        let lfCount = catalog.functions.count
        var block = BlockVotes(codes: [Int16](repeating: SlotCode.abstain, count: views.count * lfCount))
        block.ids.reserveCapacity(views.count)
        block.gold.reserveCapacity(views.count)
        block.textHashes.reserveCapacity(views.count)
        for (row, view) in views.enumerated() {
            block.ids.append(view.id)
            // From the bytes the view reads in place: no text string is made for it.
            block.textHashes.append(view.withUTF8(lowercased: false, TextHash.hash) ?? TextHash.hash(view.text))
            let gold = view.gold
            let goldClass = gold.flatMap { classOfLabel[$0] }
            if let gold, goldClass == nil, block.unknownGold == nil { block.unknownGold = (row, gold) }
            block.gold.append(goldClass)
        }
        guard lfCount > 0, !views.isEmpty else { return block }
        // A copy of the LFs per block, as the batch path makes per batch (copying an LF retains
        // what it holds: threads should not share those objects' counts item by item).
        var functionList = catalog.functions
        functionList.withUnsafeMutableBufferPointer { functions in
            block.codes.withUnsafeMutableBufferPointer { codes in
                evaluateItemLFs(rows: 0..<views.count, lfs: SharedMutableBuffer(base: functions.baseAddress!, count: lfCount),
                                codes: codes.baseAddress!, outcomes: nil, kept: &block.kept) { views[$0] }
            }
        }
        return block
    }

    /// Appends the first `count` rows of `block` to `result` (a gold label the task lacks as
    /// `nil`: its error is the caller's).
    private func append(_ block: BlockVotes, count: Int, into result: inout AppliedVotes) {
        let lfCount = catalog.functions.count
        let kept = block.kept.isEmpty ? [:] : Dictionary(block.kept, uniquingKeysWith: { first, _ in first })
        block.codes.withUnsafeBufferPointer { codes in
            appendRows(count, codes: codes, outcome: { kept[$0] },
                       id: { block.ids[$0] }, into: &result.votes, statistics: &result.report.lfs)
        }
        for lf in 0..<lfCount { result.report.lfs[lf].evaluations += count }
        result.itemIDs.append(contentsOf: block.ids[0..<count])
        result.gold.append(contentsOf: block.gold[0..<count])
        result.textHashes.append(contentsOf: block.textHashes[0..<count])
        result.report.itemCount += count
    }
}
