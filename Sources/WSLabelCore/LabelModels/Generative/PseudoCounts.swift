/// Dirichlet pseudo-counts on each LF's conditional table: the prior of MAP-EM.
///
/// The prior believes that when LF `j` votes `o`, the true class is `o` with probability `a`
/// (``EMOptions/priorAccuracy``) and each other class with `(1 − a)/(K − 1)`, and that the LF
/// votes `o` as often as it does in the data (`v_jo`, its coverage of `o`). By Bayes, with a
/// reference prior `π`:
///
///     m_j[c][o] = v_jo · r(c | o) / π_c,   r(c | o) = a if c = o else (1 − a)/(K − 1)
///     m_j[c][abstain] = 1 − Σ_o m_j[c][o]   (vote entries capped to sum to 0.999)
///
/// and the pseudo-counts are `α_j[c][·] = R_j · π_c · m_j[c][·]` for `R_j` imaginary rows, so a
/// vote cell's weight scales with the LF's coverage. This keeps an LF that fires on a handful of
/// rows from running to a certain 0 or 1. With ``EMOptions/PriorUnit/trainingRows``,
/// `R_j = λ·N` for every LF; with ``EMOptions/PriorUnit/lfVotes``, `R_j = P·N / V_j` for an LF
/// with `V_j` votes, so that its vote cells hold `P` pseudo-votes in all.
struct PseudoCounts {
    /// `[lf][trueClass][outcome]`, outcome 0 = abstain.
    let values: [Double]

    init(patterns: VotePatterns, strength: Double, unit: EMOptions.PriorUnit = .trainingRows,
         accuracy: Double, referencePrior: [Double]) {
        let classes = patterns.classCount, lfs = patterns.lfCount
        var values = [Double](repeating: 0, count: lfs * classes * (classes + 1))
        guard strength > 0 else {
            self.values = values
            return
        }
        let rows = max(1, patterns.counts.reduce(0, +))
        var coverage = [Double](repeating: 0, count: lfs * classes)
        for pattern in 0..<patterns.count {
            for index in patterns.storageRange(ofPattern: pattern) {
                coverage[Int(patterns.lfIndices[index]) * classes + Int(patterns.classVotes[index])] += patterns.counts[pattern]
            }
        }
        let k = Double(classes)
        var mean = [Double](repeating: 0, count: classes + 1)
        for lf in 0..<lfs {
            let lfVotes = (0..<classes).reduce(0.0) { $0 + coverage[lf * classes + $1] }
            let pseudoRows = unit == .lfVotes ? strength * rows / max(lfVotes, 1) : strength * rows
            for trueClass in 0..<classes {
                var voting = 0.0
                for vote in 0..<classes {
                    let share = vote == trueClass ? accuracy : (1 - accuracy) / (k - 1)
                    mean[1 + vote] = coverage[lf * classes + vote] / rows * share / referencePrior[trueClass]
                    voting += mean[1 + vote]
                }
                if voting > 0.999 {
                    for vote in 0..<classes { mean[1 + vote] *= 0.999 / voting }
                    voting = 0.999
                }
                mean[0] = 1 - voting
                let weight = pseudoRows * referencePrior[trueClass]
                let base = (lf * classes + trueClass) * (classes + 1)
                for outcome in 0...classes { values[base + outcome] = weight * mean[outcome] }
            }
        }
        self.values = values
    }
}
