/// How much better one set of predictions scores than another on the same gold labels, in
/// standard errors of the paired difference.
///
/// Paired, because two variants of one label model agree on most rows: only the rows where they
/// differ carry evidence, and a paired test sees that where two separate confidence intervals
/// would overlap. For accuracy the difference is a mean over rows and its standard error is
/// exact. F1 and macro-F1 do not decompose over rows, so they take a bootstrap: a fixed number
/// of resamples of the rows (the same resample for both), counted by (candidate's prediction,
/// incumbent's prediction, gold) cell so that a resample costs one draw per row and no scoring
/// of rows; the resamples come from a fixed seed, so the result is deterministic.
struct PairedBootstrap {
    /// Resamples drawn for metrics that do not decompose over rows.
    static let resamples = 200

    /// The advantage of `candidate` over `incumbent` in standard errors: `+∞` when it is better
    /// with no spread, `0` when the two never differ.
    static func advantage(
        of candidate: [Int], over incumbent: [Int], gold: [Int], classCount: Int, metric: SelectionMetric
    ) -> Double {
        precondition(candidate.count == gold.count && incumbent.count == gold.count, "one prediction per gold label")
        let rows = gold.count
        guard gold.indices.contains(where: { candidate[$0] != incumbent[$0] }) else { return 0 }
        if metric == .accuracy {
            var difference = PairedDifference()
            for row in gold.indices {
                difference.add(Double((candidate[row] == gold[row] ? 1 : 0) - (incumbent[row] == gold[row] ? 1 : 0)))
            }
            return difference.standardErrors
        }
        // Cell of a row: (candidate, incumbent, gold), a prediction of `classCount` meaning abstain.
        let outcomes = classCount + 1
        let cells = gold.indices.map { row in
            let predicted = candidate[row] < 0 ? classCount : candidate[row], kept = incumbent[row] < 0 ? classCount : incumbent[row]
            return (predicted * outcomes + kept) * classCount + gold[row]
        }
        var counts = [Int](repeating: 0, count: outcomes * outcomes * classCount)
        var random = SplitMix64(seed: 0x5E1E_C7ED)
        var sum = 0.0, sumOfSquares = 0.0
        for _ in 0..<resamples {
            for index in counts.indices { counts[index] = 0 }
            for _ in 0..<rows { counts[cells[Int(random.next() % UInt64(rows))]] += 1 }
            let difference = score(counts, side: 0, classCount: classCount, metric: metric)
                - score(counts, side: 1, classCount: classCount, metric: metric)
            sum += difference
            sumOfSquares += difference * difference
        }
        let mean = sum / Double(resamples)
        return PairedDifference.standardized(mean: mean, variance: sumOfSquares / Double(resamples) - mean * mean)
    }

    /// The metric of one side (0 = candidate, 1 = incumbent) from the cell counts.
    private static func score(_ counts: [Int], side: Int, classCount: Int, metric: SelectionMetric) -> Double {
        let outcomes = classCount + 1
        var truePositives = [Int](repeating: 0, count: classCount)
        var predicted = truePositives, actual = truePositives
        for (cell, count) in counts.enumerated() where count > 0 {
            let truth = cell % classCount, pair = cell / classCount
            let prediction = side == 0 ? pair / outcomes : pair % outcomes
            actual[truth] += count
            guard prediction < classCount else { continue }
            predicted[prediction] += count
            if prediction == truth { truePositives[truth] += count }
        }
        return metric.value(of: ClassificationMetrics(truePositives: truePositives, predicted: predicted, actual: actual))
    }
}
