import Foundation

/// Which items people should label next: the ones a label from a person would teach the label
/// model most, or a random sample to compare with.
///
/// - ``Strategy/active``: uncertainty plus LF disagreement, each scaled to 0…1 — one minus the
///   label model's confidence over one minus a uniform guess's, and the entropy of the row's
///   LF votes over the entropy of an even split among the classes.
/// - ``Strategy/leastConfident``: uncertainty alone. ``Strategy/disagreement``: disagreement alone.
/// - ``Strategy/random``: a seeded shuffle.
///
/// Ties go to the earlier row, so a pick depends only on the inputs and the seed.
///
/// ```swift
/// let rows = ReviewSelection.pick(50, strategy: .active, probabilities: labels, votes: train.votes)
/// ```
public enum ReviewSelection {
    /// How items are chosen.
    public enum Strategy: String, Sendable, CaseIterable {
        case active
        case leastConfident = "least-confident"
        case disagreement
        case random
    }

    /// How worth a person's look each row is (higher first); `nil` for ``Strategy/random``.
    public static func scores(_ strategy: Strategy, probabilities: ProbabilisticLabels, votes: VoteMatrix) -> [Double]? {
        precondition(probabilities.rowCount == votes.rowCount, "one probability row per vote row")
        let classes = Double(votes.classCount)
        let uniformConfidence = 1 / classes
        func uncertainty(_ row: Int) -> Double { (1 - probabilities.confidence(row: row)) / (1 - uniformConfidence) }
        func disagreement(_ row: Int) -> Double {
            var counts = [Double](repeating: 0, count: votes.classCount)
            for (_, vote) in votes.votes(inRow: row) { counts[vote] += 1 }
            let total = counts.reduce(0, +)
            guard total > 1 else { return 0 }
            let entropy = counts.reduce(0) { sum, count in count > 0 ? sum - count / total * log(count / total) : sum }
            return entropy / log(min(classes, total))
        }
        switch strategy {
        case .active: return (0..<votes.rowCount).map { uncertainty($0) + disagreement($0) }
        case .leastConfident: return (0..<votes.rowCount).map(uncertainty)
        case .disagreement: return (0..<votes.rowCount).map(disagreement)
        case .random: return nil
        }
    }

    /// The `count` rows to label next, best first, leaving out `excluded` (rows already labeled).
    /// - Parameter seed: the shuffle of ``Strategy/random``.
    public static func pick(_ count: Int, strategy: Strategy, probabilities: ProbabilisticLabels, votes: VoteMatrix,
                            excluding excluded: Set<Int> = [], seed: UInt64 = 0) -> [Int] {
        let candidates = (0..<votes.rowCount).filter { !excluded.contains($0) }
        guard let scores = scores(strategy, probabilities: probabilities, votes: votes) else {
            var generator = SplitMix64(seed: seed)
            return Array(candidates.shuffled(using: &generator).prefix(count))
        }
        let ranked = candidates.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return Array(ranked.prefix(count))
    }
}
