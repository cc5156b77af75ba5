/// The majority-vote baseline: each item's distribution is the share of votes per class.
///
/// Items on which every LF abstains get the uniform distribution, so their label is decided by
/// the tie policy, as is any tie between classes. The model's own policy
/// (``tiePolicy(seed:)``) gives those items the most likely class of ``uncoveredPrior`` and
/// draws among classes tied by voting LFs at random (seeded), as WRENCH does.
///
/// ```swift
/// let votes = try VoteMatrix(denseRows: [[1, 1, 0], [0, 1, -1], [-1, -1, -1]], classCount: 2)
/// let model = MajorityVote(lfCount: 3, classCount: 2)
/// try model.predict(votes, tiePolicy: .abstain)   // [1, -1, -1]: row 1 is a 1–1 tie, row 2 has no votes
/// let prior = ClassPrior(probabilities: [0.9, 0.1], source: .devGold(split: "valid"))
/// let withPrior = MajorityVote(lfCount: 3, classCount: 2, uncoveredPrior: prior)
/// try withPrior.predict(votes, tiePolicy: withPrior.tiePolicy(seed: 0))   // row 2 gets class 0
/// ```
public struct MajorityVote: LabelModel, Equatable {
    public let lfCount: Int
    public let classCount: Int
    /// The prior whose most likely class labels the items no LF votes on, under the model's own
    /// tie policy; `nil` makes them ties like any other (a model saved before wslabel kept it).
    public let uncoveredPrior: ClassPrior?

    /// - Precondition: `uncoveredPrior`, when given, has one probability per class.
    public init(lfCount: Int, classCount: Int, uncoveredPrior: ClassPrior? = nil) {
        precondition(uncoveredPrior.map { $0.probabilities.count == classCount } ?? true, "one prior probability per class")
        self.lfCount = lfCount
        self.classCount = classCount
        self.uncoveredPrior = uncoveredPrior
    }

    public var kind: LabelModelKind { .mv }
    /// `nil`: majority vote fits nothing.
    public var fitSummary: LabelModelFitReport? { nil }
    /// `nil`: majority vote trusts every LF alike.
    public var learnedParameters: LearnedLFParameters? { nil }
    public var savedParameters: SavedLabelModelParameters { .majorityVote(self) }

    /// Items no LF votes on take the most likely class of ``uncoveredPrior``; a tie among voting
    /// LFs is a seeded random draw, as WRENCH does, and without a seed no label. Without an
    /// ``uncoveredPrior``, vote-less items are ties like the others.
    public func tiePolicy(seed: UInt64?) -> TiePolicy {
        guard let uncoveredPrior else { return seed.map { .random(seed: $0) } ?? .abstain }
        return .uncoveredByPrior(prior: uncoveredPrior.probabilities, seed: seed)
    }

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
