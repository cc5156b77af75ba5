/// Which items of a split to look at, to see why an LF or the label model behaves as it does:
/// Snorkel's `get_label_buckets` and the questions users ask of their LFs.
///
/// A query names up to two LFs, a bucket and a cell of the confusion matrix; an item matches
/// when it passes every part given. With LFs named, the items are those where every named LF
/// votes, and the bucket asks about those LFs' votes; without, the bucket asks about the label
/// model.
///
/// ```swift
/// // Rows 0–3; LF 0 votes 1, 1, -, 0; LF 1 votes 1, 0, 1, -; gold 1, 1, 0, 0.
/// let votes = try VoteMatrix(denseRows: [[1, 1], [1, 0], [-1, 1], [0, -1]], classCount: 2)
/// let split = LabelBuckets.Split(votes: votes, gold: [1, 1, 0, 0], predictions: [1, 1, 1, 0],
///                                confidences: [0.9, 0.6, 0.7, 0.8], majorityVote: [1, 0, 1, 0])
/// LabelBuckets.rows(of: split, matching: .init(lfs: [1], bucket: .wrong))     // [1, 2]
/// LabelBuckets.rows(of: split, matching: .init(lfs: [0, 1], bucket: .conflicts)) // [1]
/// LabelBuckets.rows(of: split, matching: .init(bucket: .modelVsMajority))    // [1]
/// ```
public enum LabelBuckets {
    /// A kind of item worth looking at.
    public enum Bucket: String, Sendable, CaseIterable {
        /// Gold known and wrong: a named LF's vote (any of them), or else the label model's label.
        case wrong
        /// Gold known and right: every named LF's vote, or else the label model's label.
        case correct
        /// LFs disagree: with two LFs named, those two; with one, it and any other LF; with
        /// none, any two LFs.
        case conflicts
        /// The label model's label differs from majority vote's.
        case modelVsMajority = "model-vs-mv"
        /// No LF votes (only without LFs named).
        case uncovered
        /// Every item, least confident first (the label model's largest probability).
        case lowConfidence = "low-confidence"

        /// Whether the bucket needs gold labels.
        public var needsGold: Bool { self == .wrong || self == .correct }

        /// What the bucket holds, for a heading: "where keyword_free is wrong".
        public func phrase(lfNames: [String]) -> String {
            let named = lfNames.joined(separator: " and ")
            switch self {
            case .wrong: return lfNames.isEmpty ? "where the label model is wrong" : lfNames.count == 1 ? "where \(named) is wrong" : "where \(lfNames.joined(separator: " or ")) is wrong"
            case .correct: return lfNames.isEmpty ? "where the label model is right" : "where \(named) \(lfNames.count == 1 ? "is" : "are") right"
            case .conflicts: return lfNames.isEmpty ? "where LFs disagree" : lfNames.count == 1 ? "where \(named) disagrees with another LF" : "where \(named) disagree"
            case .modelVsMajority: return "where the label model and majority vote differ"
            case .uncovered: return "where no LF votes"
            case .lowConfidence: return "least confident first"
            }
        }
    }

    /// What to select. Every part given must hold.
    public struct Query: Sendable, Equatable {
        /// LF columns that must all vote (at most two).
        public var lfs: [Int]
        /// A bucket, if any.
        public var bucket: Bucket?
        /// A class the named LF (the first, when two are named) votes for.
        public var lfVote: Int?
        /// The gold class (a cell of Snorkel's `get_label_buckets`, with ``predicted``).
        public var gold: Int?
        /// The label model's class.
        public var predicted: Int?

        public init(lfs: [Int] = [], bucket: Bucket? = nil, lfVote: Int? = nil, gold: Int? = nil, predicted: Int? = nil) {
            self.lfs = lfs
            self.bucket = bucket
            self.lfVote = lfVote
            self.gold = gold
            self.predicted = predicted
        }

        /// Whether the query reads gold labels.
        public var needsGold: Bool { bucket?.needsGold == true || gold != nil }
    }

    /// One split as the query sees it, every array one entry per row.
    public struct Split: Sendable {
        public var votes: VoteMatrix
        /// Gold labels (`nil` where unknown).
        public var gold: [Int?]
        /// The label model's labels, ``VoteMatrix/abstain`` where it gave none.
        public var predictions: [Int]
        /// The label model's largest probability.
        public var confidences: [Double]
        /// Majority vote's labels, ``VoteMatrix/abstain`` where it gave none.
        public var majorityVote: [Int]

        /// - Precondition: every array has one entry per row of `votes`.
        public init(votes: VoteMatrix, gold: [Int?], predictions: [Int], confidences: [Double], majorityVote: [Int]) {
            let rows = votes.rowCount
            precondition(gold.count == rows && predictions.count == rows && confidences.count == rows && majorityVote.count == rows,
                         "one gold label, prediction, confidence and majority vote per row")
            self.votes = votes
            self.gold = gold
            self.predictions = predictions
            self.confidences = confidences
            self.majorityVote = majorityVote
        }
    }

    /// The rows of `split` that match `query`, in row order, or least confident first for
    /// ``Bucket/lowConfidence`` (ties in row order).
    ///
    /// - Complexity: O(votes of the split), plus a sort for ``Bucket/lowConfidence``.
    /// - Precondition: at most two LFs, each a column of the split's votes.
    public static func rows(of split: Split, matching query: Query) -> [Int] {
        precondition(query.lfs.count <= 2 && query.lfs.allSatisfy { (0..<split.votes.lfCount).contains($0) },
                     "at most two LF columns of the votes")
        let matching = (0..<split.votes.rowCount).filter { matches(row: $0, of: split, query: query) }
        guard query.bucket == .lowConfidence else { return matching }
        return matching.sorted { (split.confidences[$0], $0) < (split.confidences[$1], $1) }
    }

    private static func matches(row: Int, of split: Split, query: Query) -> Bool {
        let votes = split.votes
        let named = query.lfs.map { votes.vote(row: row, lf: $0) }
        if named.contains(VoteMatrix.abstain) { return false }
        if let lfVote = query.lfVote, named.first != lfVote { return false }
        let gold = split.gold[row]
        if let wanted = query.gold, gold != wanted { return false }
        if let predicted = query.predicted, split.predictions[row] != predicted { return false }
        switch query.bucket {
        case nil, .lowConfidence:
            return true
        case .wrong:
            guard let gold else { return false }
            return named.isEmpty ? split.predictions[row] != gold : named.contains { $0 != gold }
        case .correct:
            guard let gold else { return false }
            return named.isEmpty ? split.predictions[row] == gold : named.allSatisfy { $0 == gold }
        case .conflicts:
            if named.count == 2 { return named[0] != named[1] }
            let others = votes.votes(inRow: row).map(\.vote)
            if let own = named.first { return others.contains { $0 != own } }
            return Set(others).count > 1
        case .modelVsMajority:
            return split.predictions[row] != split.majorityVote[row]
        case .uncovered:
            return votes.voteCount(inRow: row) == 0
        }
    }
}
