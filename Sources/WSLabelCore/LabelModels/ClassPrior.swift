/// A class distribution and where it comes from: what majority vote labels the items no LF
/// votes on with (``MajorityVote/uncoveredPrior``).
///
/// Without a vote, the best guess for an item is the most likely class a priori. Drawing at
/// random instead (as WRENCH does) makes majority vote a straw man on imbalanced data: on the
/// WRENCH SMS set, about 87% ham, it labels half the messages no LF votes on spam.
///
/// ```swift
/// let votes = try VoteMatrix(denseRows: [[1, -1], [1, 0], [0, 0], [-1, -1]], classCount: 2)
/// let prior = ClassPrior.majorityVoteLabels(votes, classCount: 2)
/// prior.probabilities   // [0.5, 0.5]: row 0 votes 1, row 1 is a tie (half each), row 2 votes 0
/// ```
public struct ClassPrior: Sendable, Equatable {
    /// Where the distribution comes from.
    public enum Source: Sendable, Equatable {
        /// The class balance of the gold labels of the dev split named.
        case devGold(split: String)
        /// The class balance of majority vote's own labels on the train rows some LF votes on,
        /// a tie counting equally toward each tied class: needs no gold label.
        case majorityVoteLabels
    }

    /// Probability per class; sums to 1.
    public let probabilities: [Double]
    /// Where they come from.
    public let source: Source

    /// - Precondition: `probabilities` is a distribution (non-negative, summing to 1 within 1e-6).
    public init(probabilities: [Double], source: Source) {
        precondition(!probabilities.isEmpty && probabilities.allSatisfy { $0 >= 0 }
                     && abs(probabilities.reduce(0, +) - 1) <= 1e-6, "a class prior is a distribution")
        self.probabilities = probabilities
        self.source = source
    }

    /// The class balance of majority vote's labels on the rows of `votes` some LF votes on,
    /// each row weighted by the items it stands for (``VoteMatrix/rowCounts``) and a tie split
    /// evenly among the tied classes, so no draw is needed. Uniform when no row has a vote.
    ///
    /// - Complexity: O(rows × classes + votes).
    public static func majorityVoteLabels(_ votes: VoteMatrix, classCount: Int) -> ClassPrior {
        var counts = [Double](repeating: 0, count: classCount)
        var perClass = [Int](repeating: 0, count: classCount)
        for row in 0..<votes.rowCount where votes.voteCount(inRow: row) > 0 {
            for index in perClass.indices { perClass[index] = 0 }
            votes.withRow(row) { _, classVotes in
                for vote in classVotes { perClass[Int(vote)] += 1 }
            }
            let best = perClass.max()!
            let tied = perClass.indices.filter { perClass[$0] == best }
            let weight = (votes.rowCounts?[row] ?? 1) / Double(tied.count)
            for label in tied { counts[label] += weight }
        }
        let total = counts.reduce(0, +)
        let probabilities = total > 0 ? counts.map { $0 / total } : [Double](repeating: 1 / Double(classCount), count: classCount)
        return ClassPrior(probabilities: probabilities, source: .majorityVoteLabels)
    }
}
