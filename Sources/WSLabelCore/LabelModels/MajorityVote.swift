/// The majority-vote baseline: each item's distribution is the share of votes per class.
///
/// Items on which every LF abstains get the uniform distribution, so their label is decided by
/// the tie policy, as is any tie between classes.
///
/// ```swift
/// let votes = try VoteMatrix(denseRows: [[1, 1, 0], [0, 1, -1], [-1, -1, -1]], classCount: 2)
/// let labels = try MajorityVote(lfCount: 3, classCount: 2).predict(votes, tiePolicy: .abstain)
/// // [1, -1, -1]: row 1 is a 1–1 tie, row 2 has no votes
/// ```
public struct MajorityVote: LabelModel, Equatable {
    public let lfCount: Int
    public let classCount: Int

    public init(lfCount: Int, classCount: Int) {
        self.lfCount = lfCount
        self.classCount = classCount
    }

    public var kind: LabelModelKind { .mv }
    /// `nil`: majority vote fits nothing.
    public var fitSummary: LabelModelFitReport? { nil }
    /// `nil`: majority vote trusts every LF alike.
    public var learnedParameters: LearnedLFParameters? { nil }
    public var savedParameters: SavedLabelModelParameters { .majorityVote(lfCount: lfCount, classCount: classCount) }

    /// A seeded random draw among the tied classes, as WRENCH does; without a seed, no label.
    public func tiePolicy(seed: UInt64?) -> TiePolicy { seed.map { .random(seed: $0) } ?? .abstain }

    /// - Complexity: O(rows × classes + votes).
    public func predictProbabilities(_ votes: VoteMatrix) throws -> ProbabilisticLabels {
        try checkShape(of: votes)
        var values = [Double](repeating: 0, count: votes.rowCount * classCount)
        for row in 0..<votes.rowCount {
            let base = row * classCount
            votes.withRow(row) { _, classVotes in
                for vote in classVotes { values[base + Int(vote)] += 1 }
            }
            let total = Double(votes.voteCount(inRow: row))
            for offset in 0..<classCount {
                values[base + offset] = total > 0 ? values[base + offset] / total : 1 / Double(classCount)
            }
        }
        return ProbabilisticLabels(classCount: classCount, values: values)
    }
}
