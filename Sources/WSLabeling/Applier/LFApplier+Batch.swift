import Foundation
import WSLabelCore
import WSLabelData

/// One batch through the applier, stage by stage: outcomes from the cache, the per-item LFs on
/// every thread, the batch LFs, new outcomes back to the cache, then the batch's rows of the
/// vote matrix and its report.
extension LFApplier {
    /// Every (item, LF) slot of a batch, row-major: slot `row * lfCount + lf`.
    struct BatchSlots {
        let lfCount: Int
        let slotCount: Int
        /// Every slot's outcome once known, when every outcome is kept: with a cache (to store
        /// them) or batch LFs (to hand them their uncached items). Empty otherwise.
        var outcomes: [LFOutcome?]
        /// Without ``outcomes``, the only outcomes kept, by slot: failures and votes for labels
        /// the task does not have, whose messages the report keeps. Rare, so a table.
        var keptOutcomes: [Int: LFOutcome] = [:]
        /// Each slot's ``SlotCode`` or class index, once classified.
        var codes: [Int16]
        /// Which slots came from the cache (empty without a cache).
        var fromCache: [Bool] = []
        /// Cache hits per LF.
        var cacheHits: [Int]

        init(itemCount: Int, lfCount: Int, keepsEveryOutcome: Bool) {
            self.lfCount = lfCount
            slotCount = itemCount * lfCount
            outcomes = keepsEveryOutcome ? [LFOutcome?](repeating: nil, count: slotCount) : []
            codes = [Int16](repeating: SlotCode.abstain, count: slotCount)
            cacheHits = [Int](repeating: 0, count: lfCount)
        }

        var keepsEveryOutcome: Bool { !outcomes.isEmpty || slotCount == 0 }

        /// The outcome of `slot`, where it was kept.
        func outcome(at slot: Int) -> LFOutcome? { outcomes.isEmpty ? keptOutcomes[slot] : outcomes[slot] }
    }

    /// Evaluates the batch (cache first), writes new outcomes back, and appends its rows.
    func applyBatch(_ batch: ArraySlice<Item>, into result: inout AppliedVotes) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let items = Array(batch)  // no copy when the slice is a whole array (the usual batch)
        let gold = try goldClasses(of: items)
        var slots = BatchSlots(itemCount: items.count, lfCount: catalog.functions.count,
                               keepsEveryOutcome: cache != nil || !batchLFs.isEmpty)
        let lfFingerprints = result.report.lfs.map(\.fingerprint)
        var itemFingerprints: [ItemFingerprint] = []
        if let cache {
            itemFingerprints = fingerprints(of: items)
            try readCache(cache, lfFingerprints: lfFingerprints, itemFingerprints: itemFingerprints, into: &slots)
        }
        evaluateItemLFs(on: items, into: &slots)
        evaluateBatchLFs(on: items, into: &slots)
        if let cache {
            try storeNewOutcomes(slots, in: cache, lfFingerprints: lfFingerprints, itemFingerprints: itemFingerprints)
        }
        var report = ApplyReport(lfs: appendRows(of: items, slots: slots, into: &result))
        // Ids and texts read in place: iterating the items (or mapping a key path over them)
        // copies each whole item, retaining and releasing its four strings and tables.
        items.withUnsafeBufferPointer { items in
            for row in items.indices {
                result.itemIDs.append(items[row].id)
                result.textHashes.append(TextHash.hash(items[row].text))
            }
        }
        result.gold.append(contentsOf: gold)
        report.itemCount = items.count
        report.seconds = (clock.now - start).seconds
        result.report.merge(report)
    }

    /// Fills the slots the cache knows; failures are left to run again with ``retryFailures``.
    private func readCache(_ cache: VoteCache, lfFingerprints: [String], itemFingerprints: [ItemFingerprint],
                           into slots: inout BatchSlots) throws {
        let lfCount = slots.lfCount
        let cached = try cache.outcomes(of: lfFingerprints, on: itemFingerprints)
        slots.fromCache = [Bool](repeating: false, count: slots.outcomes.count)
        for row in itemFingerprints.indices {
            for lf in 0..<lfCount {
                guard let outcome = cached[row][lf] else { continue }
                if retryFailures, case .failed = outcome { continue }
                slots.outcomes[row * lfCount + lf] = outcome
                slots.fromCache[row * lfCount + lf] = true
                slots.cacheHits[lf] += 1
            }
        }
    }

    /// Evaluates what the cache did not have of the per-item LFs, and classifies their slots, on
    /// all threads. Row `row` owns slots `row * lfCount ..< (row + 1) * lfCount` of both buffers.
    ///
    /// Without a cache, a slot's outcome is kept only when the report needs its message (a
    /// failure, a label the task does not have): each block lists those, and the lists are
    /// taken in block order. The rest are classified as they come.
    private func evaluateItemLFs(on items: [Item], into slots: inout BatchSlots) {
        let lfCount = slots.lfCount, slotCount = slots.slotCount
        let keepsEveryOutcome = slots.keepsEveryOutcome
        let blocks = ParallelBlocks(itemCount: items.count, blockSize: 32)
        var keptByBlock = [[(slot: Int, outcome: LFOutcome)]](repeating: [], count: keepsEveryOutcome ? 0 : blocks.blockCount)
        // The LFs are read from a per-batch copy of the list: copying an LF out of an array
        // retains what it holds, and two threads retaining the same objects per item cost more
        // than the LFs themselves.
        var functionList = catalog.functions
        slots.outcomes.withUnsafeMutableBufferPointer { outcomeBuffer in
            slots.codes.withUnsafeMutableBufferPointer { codeBuffer in
                functionList.withUnsafeMutableBufferPointer { functionBuffer in
                    keptByBlock.withUnsafeMutableBufferPointer { keptBuffer in
                        guard let codeBase = codeBuffer.baseAddress, let functionBase = functionBuffer.baseAddress else { return }
                        // One of these two is empty: every outcome kept, or lists of the few.
                        let outcomeSlots = outcomeBuffer.baseAddress.map { SharedMutableBuffer(base: $0, count: outcomeBuffer.count) }
                        let keptLists = keptBuffer.baseAddress.map { SharedMutableBuffer(base: $0, count: keptBuffer.count) }
                        let codeSlots = SharedMutableBuffer(base: codeBase, count: slotCount)
                        let lfs = SharedMutableBuffer(base: functionBase, count: lfCount)
                        blocks.forEach(threads: threads) { _, block, rows in
                            // One view per item, made only when some LF is not cached.
                            var views = [ItemView?](repeating: nil, count: rows.count)
                            var kept: [(slot: Int, outcome: LFOutcome)] = []
                            evaluateItemLFs(rows: rows, lfs: lfs, codes: codeSlots.base,
                                            outcomes: keepsEveryOutcome ? outcomeSlots?.base : nil, kept: &kept) { index in
                                if views[index] == nil { views[index] = ItemView(items[rows.lowerBound + index]) }
                                return views[index].unsafelyUnwrapped
                            }
                            if !kept.isEmpty { keptLists.unsafelyUnwrapped[block] = kept }
                        }
                    }
                }
            }
        }
        for list in keptByBlock {
            for (slot, outcome) in list { slots.keptOutcomes[slot] = outcome }
        }
    }

    /// Evaluates the per-item LFs on `rows`, LF by LF (each LF is taken out of `lfs` once, not
    /// once per item), and classifies their slots: row `row`'s are `row * lfCount ..< (row + 1)
    /// * lfCount` of `codes` and, when every outcome is kept, of `outcomes` (whose slots the
    /// cache filled are only classified). Otherwise only the outcomes the report needs are
    /// kept, appended to `kept`. What the batch path and the block path (``apply(_:forEachBatch:)``)
    /// share; `view(index)` is the view of row `rows.lowerBound + index`.
    @inline(__always)
    func evaluateItemLFs(rows: Range<Int>, lfs: SharedMutableBuffer<any LabelingFunction>, codes: UnsafeMutablePointer<Int16>,
                         outcomes: UnsafeMutablePointer<LFOutcome?>?, kept: inout [(slot: Int, outcome: LFOutcome)],
                         view: (Int) -> ItemView) {
        let lfCount = lfs.count, keepsEveryOutcome = outcomes != nil
        for lf in 0..<lfCount where !isBatchLF[lf] {
            let function = lfs[lf]
            for (index, row) in rows.enumerated() {
                let slot = row * lfCount + lf
                if keepsEveryOutcome, let cached = outcomes.unsafelyUnwrapped[slot] {
                    codes[slot] = code(of: cached, lf: lf)
                    continue
                }
                let (code, outcome) = evaluate(function, on: view(index), lf: lf, keepingEveryOutcome: keepsEveryOutcome)
                codes[slot] = code
                if let outcome {
                    if keepsEveryOutcome { outcomes.unsafelyUnwrapped[slot] = outcome } else { kept.append((slot, outcome)) }
                }
            }
        }
    }

    /// The slot code of `function`'s vote on `view`, and its outcome when it is to be kept:
    /// every outcome when `keepingEveryOutcome` (for the cache), else only those whose messages
    /// the report needs. What ``LabelingFunction/outcome(on:)`` and ``code(of:lf:)`` give, without
    /// making an outcome per slot.
    @inline(__always)
    private func evaluate(_ function: any LabelingFunction, on view: ItemView, lf: Int,
                          keepingEveryOutcome: Bool) -> (code: Int16, outcome: LFOutcome?) {
        do {
            guard let label = try function.vote(on: view) else {
                return (SlotCode.abstain, keepingEveryOutcome ? .abstain : nil)
            }
            let code = code(ofVote: label, lf: lf)
            return (code, keepingEveryOutcome || code == SlotCode.unknownLabel ? .vote(label) : nil)
        } catch {
            return (SlotCode.failed, .failed(LFOutcome.message(for: error)))
        }
    }

    /// Batch LFs: every uncached item of the batch at once, from this thread; then every slot
    /// of theirs, cached or not, is classified.
    private func evaluateBatchLFs(on items: [Item], into slots: inout BatchSlots) {
        let lfCount = slots.lfCount
        for lf in batchLFs {
            let rows = items.indices.filter { slots.outcomes[$0 * lfCount + lf] == nil }
            if !rows.isEmpty, let function = catalog.functions[lf] as? any BatchLabelingFunction {
                let batchOutcomes = function.outcomes(on: rows.map { ItemView(items[$0]) })
                precondition(batchOutcomes.count == rows.count, "LF \(function.name) returned \(batchOutcomes.count) outcomes for \(rows.count) items")
                for (row, outcome) in zip(rows, batchOutcomes) { slots.outcomes[row * lfCount + lf] = outcome }
            }
            for row in items.indices { slots.codes[row * lfCount + lf] = code(of: slots.outcomes[row * lfCount + lf]!, lf: lf) }
        }
    }

    /// Writes the outcomes the cache did not have back to it; failures only for LFs whose
    /// failures are worth keeping (``LabelingFunction/cachesFailures``).
    private func storeNewOutcomes(_ slots: BatchSlots, in cache: VoteCache, lfFingerprints: [String],
                                  itemFingerprints: [ItemFingerprint]) throws {
        let lfCount = slots.lfCount
        var entries: [VoteCache.Entry] = []
        entries.reserveCapacity(slots.outcomes.count - slots.cacheHits.reduce(0, +))
        let keepsFailures = catalog.functions.map(\.cachesFailures)
        let lfNames = catalog.names
        for row in itemFingerprints.indices {
            for lf in 0..<lfCount where !slots.fromCache[row * lfCount + lf] {
                guard let outcome = slots.outcomes[row * lfCount + lf] else { continue }
                if case .failed = outcome, !keepsFailures[lf] { continue }
                entries.append(.init(fingerprint: lfFingerprints[lf], name: lfNames[lf], item: itemFingerprints[row], outcome: outcome))
            }
        }
        try cache.store(entries)
    }

    /// Appends the batch's rows to the vote matrix and counts, per LF, votes, evaluations, cache
    /// hits and failures (with the first failure's message).
    private func appendRows(of items: [Item], slots: BatchSlots, into result: inout AppliedVotes) -> [ApplyReport.LFStatistics] {
        let lfCount = slots.lfCount
        var statistics = result.report.lfs.map { lf in
            var statistics = ApplyReport.LFStatistics(name: lf.name, fingerprint: lf.fingerprint, cacheStatus: lf.cacheStatus)
            statistics.lacksSourceFingerprint = lf.lacksSourceFingerprint
            return statistics
        }
        for lf in 0..<lfCount {
            statistics[lf].cacheHits = slots.cacheHits[lf]
            statistics[lf].evaluations = items.count - slots.cacheHits[lf]
        }
        slots.codes.withUnsafeBufferPointer { codes in
            items.withUnsafeBufferPointer { items in
                appendRows(items.count, codes: codes, outcome: slots.outcome(at:), id: { items[$0].id }, into: &result.votes,
                           statistics: &statistics)
            }
        }
        return statistics
    }

    /// Appends `rowCount` rows whose slot codes are `codes` (row-major, ``LFApplier/SlotCode``
    /// or class) to `votes`, and counts, per LF, votes and failures, with the first failure's
    /// message if `statistics` has none yet: `outcome(slot)` is a failed slot's outcome,
    /// `id(row)` its item's id.
    func appendRows(_ rowCount: Int, codes: UnsafeBufferPointer<Int16>, outcome: (Int) -> LFOutcome?, id: (Int) -> String,
                    into votes: inout VoteMatrix, statistics: inout [ApplyReport.LFStatistics]) {
        let lfCount = statistics.count
        // Votes counted in a buffer: counting in the statistics array checked its uniqueness per vote.
        var voteCounts = [Int](repeating: 0, count: lfCount)
        voteCounts.withUnsafeMutableBufferPointer { voteCounts in
            for row in 0..<rowCount {
                let rowCodes = UnsafeBufferPointer(rebasing: codes[row * lfCount..<(row + 1) * lfCount])
                votes.appendRow(codes: rowCodes)
                for lf in 0..<lfCount {
                    switch rowCodes[lf] {
                    case SlotCode.abstain:
                        break
                    case SlotCode.failed:
                        statistics[lf].failures += 1
                        if statistics[lf].firstFailure == nil, case let .failed(message)? = outcome(row * lfCount + lf) {
                            statistics[lf].firstFailure = "item \(id(row)): \(message)"
                        }
                    case SlotCode.unknownLabel:
                        statistics[lf].failures += 1
                        statistics[lf].unknownLabels += 1
                        if statistics[lf].firstFailure == nil, case let .vote(label)? = outcome(row * lfCount + lf) {
                            statistics[lf].firstFailure = """
                                item \(id(row)): voted "\(label)", which is not one of the task's labels \
                                (\(labels.joined(separator: ", "))); counted as an abstain
                                """
                        }
                    default:
                        voteCounts[lf] += 1
                    }
                }
            }
        }
        for lf in 0..<lfCount { statistics[lf].votes += voteCounts[lf] }
    }
}
