/// How much better one set of predictions scores than another on the same gold labels, in
/// standard errors, by a paired bootstrap: a fixed number of resamples of the rows (the same
/// resample for both), the metric on each, and the mean of the differences over their standard
/// deviation.
///
/// Paired, because two variants of one label model agree on most rows: only the rows where they
/// differ carry evidence, and a paired test sees that where two separate confidence intervals
/// would overlap. Bootstrap, because F1 and macro-F1 do not decompose over rows. The resamples
/// come from a fixed seed, so the result is deterministic.
struct PairedBootstrap {
    /// Resamples drawn.
    static let resamples = 400

    /// The advantage of `candidate` over `incumbent` in standard errors: `+∞` when it scores
    /// higher on every resample (no spread), `0` when the two never differ.
    static func advantage(
        of candidate: [Int], over incumbent: [Int], gold: [Int], classCount: Int, metric: SelectionMetric
    ) -> Double {
        precondition(candidate.count == gold.count && incumbent.count == gold.count, "one prediction per gold label")
        let differing = gold.indices.filter { candidate[$0] != incumbent[$0] }
        guard !differing.isEmpty else { return 0 }
        var random = SplitMix64(seed: 0x5E1E_C7ED)
        var sum = 0.0, sumOfSquares = 0.0
        var sampleCandidate = [Int](repeating: 0, count: gold.count)
        var sampleIncumbent = sampleCandidate, sampleGold = sampleCandidate
        for _ in 0..<resamples {
            for slot in gold.indices {
                let row = Int(random.next() % UInt64(gold.count))
                sampleCandidate[slot] = candidate[row]
                sampleIncumbent[slot] = incumbent[row]
                sampleGold[slot] = gold[row]
            }
            let difference = metric.value(of: ClassificationMetrics(predictions: sampleCandidate, gold: sampleGold, classCount: classCount))
                - metric.value(of: ClassificationMetrics(predictions: sampleIncumbent, gold: sampleGold, classCount: classCount))
            sum += difference
            sumOfSquares += difference * difference
        }
        let mean = sum / Double(resamples)
        let variance = max(0, sumOfSquares / Double(resamples) - mean * mean)
        if variance == 0 { return mean > 0 ? .infinity : 0 }
        return mean / variance.squareRoot()
    }
}
