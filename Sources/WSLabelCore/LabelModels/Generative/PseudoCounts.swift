/// Dirichlet pseudo-counts on each LF's conditional table: the MAP-EM prior.
///
/// The prior imagines that LF `j` votes for class `o` as often as it does in the data
/// (`coverage_jo`), and is right with probability `accuracy` when it votes. Under a uniform
/// class prior that means `P(λ_j = o | Y = c) = K · coverage_jo · (c == o ? a : (1 − a)/(K − 1))`,
/// and abstain takes the rest. Scaled by `strength` pseudo-rows per class, these counts keep
/// an LF that fires on a handful of rows from running to a certain 0 or 1.
struct PseudoCounts {
    private let values: [Double]        // [lf][trueClass][outcome]
    private let totals: [Double]        // [lf][trueClass]
    private let classCount: Int

    init(patterns: VotePatterns, strength: Double, accuracy: Double) {
        let classes = patterns.classCount, lfs = patterns.lfCount
        classCount = classes
        var values = [Double](repeating: 0, count: lfs * classes * (classes + 1))
        var totals = [Double](repeating: 0, count: lfs * classes)
        guard strength > 0 else {
            self.values = values
            self.totals = totals
            return
        }
        let rows = max(1, patterns.counts.reduce(0, +))
        var coverage = [Double](repeating: 0, count: lfs * classes)
        for pattern in 0..<patterns.count {
            for (lf, vote) in patterns.votes(ofPattern: pattern) {
                coverage[lf * classes + vote] += patterns.counts[pattern] / rows
            }
        }
        let k = Double(classes)
        for lf in 0..<lfs {
            for trueClass in 0..<classes {
                let base = (lf * classes + trueClass) * (classes + 1)
                var voting = 0.0
                for vote in 0..<classes {
                    let share = vote == trueClass ? accuracy : (1 - accuracy) / (k - 1)
                    let probability = min(1, k * coverage[lf * classes + vote] * share)
                    values[base + 1 + vote] = strength * probability
                    voting += probability
                }
                values[base] = strength * max(0.01, 1 - voting)
                totals[lf * classes + trueClass] = (0...classes).reduce(0) { $0 + values[base + $1] }
            }
        }
        self.values = values
        self.totals = totals
    }

    subscript(index: Int) -> Double { values[index] }

    /// Sum of the pseudo-counts of one (LF, true class) row.
    func total(lf: Int, trueClass: Int) -> Double { totals[lf * classCount + trueClass] }
}
