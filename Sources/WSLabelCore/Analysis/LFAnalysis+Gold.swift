extension LFAnalysis {
    /// How often one LF's votes match gold labels.
    public struct GoldCounts: Sendable, Equatable {
        /// Votes equal to the gold label.
        public var correct: Int
        /// Votes for another class than the gold label.
        public var incorrect: Int

        public init(correct: Int, incorrect: Int) {
            self.correct = correct
            self.incorrect = incorrect
        }

        /// `correct / (correct + incorrect)`, 0 for an LF that never votes on a gold row
        /// (Snorkel's `lf_empirical_accuracies`, which maps 0/0 to 0).
        public var empiricalAccuracy: Double {
            correct + incorrect > 0 ? Double(correct) / Double(correct + incorrect) : 0
        }
    }

    /// Correct and incorrect votes of every LF against `gold` (Snorkel `lf_summary(Y)`'s
    /// Correct, Incorrect and Emp. Acc. columns).
    ///
    /// Rows whose gold label is unknown (`nil`) are left out of both counts. With complete gold
    /// this equals Snorkel, with one exception in Snorkel: it drops the first row and column of
    /// `confusion_matrix(Y, L[:, j])` to remove abstains, so for an LF that votes on every row
    /// Snorkel's Correct and Incorrect silently lose class 0; wslabel counts it.
    ///
    /// ```swift
    /// let votes = try VoteMatrix(denseRows: [[0, -1], [1, 1], [1, -1]], classCount: 2)
    /// LFAnalysis.goldCounts(votes, gold: [0, 0, 1])
    /// // [GoldCounts(correct: 2, incorrect: 1), GoldCounts(correct: 0, incorrect: 1)]
    /// ```
    ///
    /// - Precondition: `gold.count == votes.rowCount`.
    public static func goldCounts(_ votes: VoteMatrix, gold: [Int?]) -> [GoldCounts] {
        precondition(gold.count == votes.rowCount, "one gold label per row")
        var counts = [GoldCounts](repeating: GoldCounts(correct: 0, incorrect: 0), count: votes.lfCount)
        for row in 0..<votes.rowCount {
            guard let truth = gold[row] else { continue }
            for index in votes.rowStarts[row]..<votes.rowStarts[row + 1] {
                let lf = Int(votes.lfIndices[index])
                if Int(votes.classVotes[index]) == truth {
                    counts[lf].correct += 1
                } else {
                    counts[lf].incorrect += 1
                }
            }
        }
        return counts
    }
}
