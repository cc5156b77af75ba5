/// Items of one split whose text is exactly the text of an item of an earlier split: a test
/// split that shares texts with train scores the model on what it was fit on, and scores higher
/// than it should (the raw SMS Spam Collection repeats hundreds of messages).
///
/// Texts are compared by a 64-bit hash of their bytes (``AppliedVotes/textHashes``), so the
/// texts need not be kept; two different texts share a hash with a chance of about 2⁻⁶⁴.
/// Repeats within one split are normal and not counted.
///
/// ```swift
/// let applied = try TaskApplication(task: task)
/// for duplicate in applied.duplicateTexts { print("warning: \(duplicate)") }
/// // warning: 85 test items have the same text as a train item (first: id 17 = train id 3)
/// ```
public struct DuplicateTexts: Sendable, Equatable, CustomStringConvertible {
    /// The later split, in task order.
    public var split: String
    /// The earlier split it shares texts with.
    public var otherSplit: String
    /// Items of ``split`` whose text some item of ``otherSplit`` has.
    public var count: Int
    /// The first such item of ``split``, in row order.
    public var firstID: String
    /// The first item of ``otherSplit`` with that item's text.
    public var otherID: String

    public init(split: String, otherSplit: String, count: Int, firstID: String, otherID: String) {
        self.split = split
        self.otherSplit = otherSplit
        self.count = count
        self.firstID = firstID
        self.otherID = otherID
    }

    /// `85 test items have the same text as a train item (first: id 17 = train id 3)`.
    public var description: String {
        let article = otherSplit.lowercased().first.map { "aeiou".contains($0) } == true ? "an" : "a"
        return "\(count) \(split) item\(count == 1 ? " has" : "s have") the same text as \(article) \(otherSplit) item (first: id \(firstID) = \(otherSplit) id \(otherID))"
    }

    /// The texts each split shares with each earlier one, for every pair that shares any: per
    /// split in order, per earlier split in order.
    ///
    /// - Parameter splits: each split's name, and its item ids and text hashes row by row.
    /// - Complexity: O(n) expected for n items in all, with a table of every split but the last.
    static func find(in splits: [(name: String, ids: [String], textHashes: [UInt64])]) -> [DuplicateTexts] {
        var found: [DuplicateTexts] = []
        var firstRows: [[UInt64: Int]] = []  // per earlier split: each text hash's first row
        for (index, split) in splits.enumerated() {
            precondition(split.ids.count == split.textHashes.count, "one text hash per item")
            for (other, rows) in zip(splits, firstRows) {
                var count = 0, first: (row: Int, otherRow: Int)?
                for (row, hash) in split.textHashes.enumerated() {
                    guard let otherRow = rows[hash] else { continue }
                    count += 1
                    if first == nil { first = (row, otherRow) }
                }
                if let first {
                    found.append(DuplicateTexts(split: split.name, otherSplit: other.name, count: count,
                                                firstID: split.ids[first.row], otherID: other.ids[first.otherRow]))
                }
            }
            guard index < splits.count - 1 else { break }
            var rows: [UInt64: Int] = Dictionary(minimumCapacity: split.textHashes.count)
            for (row, hash) in split.textHashes.enumerated() where rows[hash] == nil { rows[hash] = row }
            firstRows.append(rows)
        }
        return found
    }
}
