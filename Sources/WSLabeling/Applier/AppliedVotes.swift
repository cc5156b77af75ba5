import WSLabelCore

/// The result of applying a catalog to items: the vote matrix with one row per item in input
/// order, the items' ids and gold labels, and the report.
public struct AppliedVotes: Sendable {
    /// Votes, one row per item, one column per LF in catalog order.
    public var votes: VoteMatrix
    /// Item ids, row by row.
    public var itemIDs: [String]
    /// Gold class indices, row by row; `nil` where an item has no gold label.
    public var gold: [Int?]
    /// Counts per LF and timing.
    public var report: ApplyReport
    /// A 64-bit hash of each item's text, row by row: what a task keeps of its texts to find
    /// those its splits share (``DuplicateTexts``).
    public var textHashes: [UInt64]

    public init(votes: VoteMatrix, itemIDs: [String], gold: [Int?], report: ApplyReport, textHashes: [UInt64]) {
        precondition(itemIDs.count == votes.rowCount && gold.count == votes.rowCount && textHashes.count == votes.rowCount,
                     "one id, gold label and text hash per row")
        self.votes = votes
        self.itemIDs = itemIDs
        self.gold = gold
        self.report = report
        self.textHashes = textHashes
    }

    /// Whether any item has a gold label.
    public var hasGold: Bool { gold.contains { $0 != nil } }

    /// Appends the rows and counts of `other`, the result of the same catalog on later items.
    public mutating func append(_ other: AppliedVotes) {
        votes.append(other.votes)
        itemIDs.append(contentsOf: other.itemIDs)
        gold.append(contentsOf: other.gold)
        textHashes.append(contentsOf: other.textHashes)
        report.merge(other.report)
    }
}
