extension LabeledSplit {
    /// A split of `size` items drawn without replacement from this split's items that have
    /// gold labels, kept in this split's order: the "small hand-labeled dev set" a team carves
    /// out of its training data to choose a model variant.
    ///
    /// The draw depends only on `seed` and the split (partial Fisher–Yates over the labeled
    /// rows with ``SplitMix64``), so the same task gives the same sample on every machine.
    ///
    /// ```swift
    /// let dev = try train.sampleOfLabeledItems(named: "dev", size: 200, seed: 0)
    /// dev.goldCount   // 200
    /// ```
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when fewer than `size` items have gold
    ///   labels, or `size` is not positive.
    public func sampleOfLabeledItems(named sampleName: String, size: Int, seed: UInt64) throws -> LabeledSplit {
        var labeled = gold.indices.filter { gold[$0] != nil }
        guard size > 0 else { throw WSLabelError.invalidArgument("a sample of \(name) needs a positive size, not \(size)") }
        guard size <= labeled.count else {
            throw WSLabelError.invalidArgument("split \(name) has \(labeled.count) items with gold labels; a sample of \(size) needs at least that many")
        }
        var generator = SplitMix64(seed: seed)
        for position in 0..<size {
            // A bounded draw written out rather than `Int.random(in:using:)`, whose algorithm
            // the standard library may change: samples must not move between toolchains.
            let remaining = labeled.count - position
            let pick = position + min(remaining - 1, Int(generator.nextUnitDouble() * Double(remaining)))
            labeled.swapAt(position, pick)
        }
        let rows = labeled[..<size].sorted()
        return LabeledSplit(name: sampleName, ids: rows.map { ids[$0] }, votes: votes.selectingRows(rows),
                            gold: rows.map { gold[$0] })
    }
}
