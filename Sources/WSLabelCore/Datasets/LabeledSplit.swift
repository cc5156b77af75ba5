/// One split of a dataset as the label model sees it: item ids, their votes, and gold labels
/// where known.
public struct LabeledSplit: Sendable {
    /// Split name, e.g. `train`.
    public let name: String
    /// Item ids in file order.
    public let ids: [String]
    /// The LF votes, one row per id.
    public let votes: VoteMatrix
    /// Gold class per item; `nil` where the item has none.
    public let gold: [Int?]

    public init(name: String, ids: [String], votes: VoteMatrix, gold: [Int?]) {
        precondition(ids.count == votes.rowCount && gold.count == votes.rowCount, "one id and gold entry per row")
        self.name = name
        self.ids = ids
        self.votes = votes
        self.gold = gold
    }

    /// The gold labels when every item has one, else `nil`.
    public var completeGold: [Int]? {
        gold.contains(where: { $0 == nil }) ? nil : gold.map { $0! }
    }

    /// Number of items with a gold label.
    public var goldCount: Int { gold.lazy.filter { $0 != nil }.count }

    /// Class frequencies among the gold labels (nil when there are none).
    public func goldClassBalance(classCount: Int) -> [Double]? {
        var counts = [Double](repeating: 0, count: classCount)
        for label in gold.compactMap({ $0 }) { counts[label] += 1 }
        let total = counts.reduce(0, +)
        return total > 0 ? counts.map { $0 / total } : nil
    }
}
