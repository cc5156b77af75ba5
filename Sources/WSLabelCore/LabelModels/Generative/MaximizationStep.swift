/// The M-step: conditional tables and class prior from the expected counts of a sweep.
///
/// With `N_j[c][o]` the expected counts plus pseudo-counts and `R_j[c] = Σ_o N_j[c][o]`
/// (abstain included):
/// - full tables: `θ_j[c][o] = N_j[c][o] / R_j[c]`;
/// - tied tables: `θ_j[o][o] = N_j[o][o] / R_j[o]` and, for every `c ≠ o`,
///   `θ_j[c][o] = Σ_{c'≠o} N_j[c'][o] / Σ_{c'≠o} R_j[c']`; abstain takes the rest.
/// Every entry is floored at `1e-6` (a zero would make the E-step's log -∞).
struct MaximizationStep {
    let patterns: VotePatterns
    let options: EMOptions
    let pseudoCounts: PseudoCounts

    static let probabilityFloor = 1e-6
    static let priorFloor = 1e-4

    func tables(from statistics: PatternSweep.Result) -> ConditionalTables {
        let classes = patterns.classCount, lfs = patterns.lfCount, outcomes = classes + 1
        let tied = options.tables == .tied
        // counts[lf][c][outcome] including pseudo-counts; abstain = class mass minus the votes.
        var counts = pseudoCounts.values
        var totals = [Double](repeating: 0, count: lfs * classes)
        var probabilities = [Double](repeating: 0, count: counts.count)
        var votesFor = [Double](repeating: 0, count: classes)
        // Tied tables: each vote's shared "wrong" rate, the same for every true class but its own.
        var wrongRate = [Double](repeating: 0, count: classes)
        // This runs once per EM iteration over every table entry: raw buffers keep bounds checks
        // and copy-on-write checks out of the loops (the arithmetic and its order are unchanged).
        counts.withUnsafeMutableBufferPointer { counts in
        totals.withUnsafeMutableBufferPointer { totals in
        probabilities.withUnsafeMutableBufferPointer { probabilities in
        votesFor.withUnsafeMutableBufferPointer { votesFor in
        wrongRate.withUnsafeMutableBufferPointer { wrongRate in
        statistics.voteCounts.withUnsafeBufferPointer { voteCounts in
        statistics.classMass.withUnsafeBufferPointer { mass in
            for lf in 0..<lfs {
                for trueClass in 0..<classes {
                    let base = (lf * classes + trueClass) * outcomes
                    var voted = 0.0
                    for vote in 0..<classes {
                        let value = voteCounts[(lf * classes + vote) * classes + trueClass]
                        counts[base + 1 + vote] += value
                        voted += value
                    }
                    counts[base] += max(0, mass[trueClass] - voted)
                    var total = 0.0
                    for outcome in 0..<outcomes { total += counts[base + outcome] }
                    totals[lf * classes + trueClass] = total
                }
            }
            for lf in 0..<lfs {
                // Σ over true classes of the counts of each vote and of the row totals, so that
                // a tied "wrong" rate is a difference rather than a loop over the other classes.
                var allTotals = 0.0
                for vote in 0..<classes { votesFor[vote] = 0 }
                for trueClass in 0..<classes {
                    allTotals += totals[lf * classes + trueClass]
                    for vote in 0..<classes { votesFor[vote] += counts[(lf * classes + trueClass) * outcomes + 1 + vote] }
                }
                if tied {
                    for vote in 0..<classes {
                        let right = counts[(lf * classes + vote) * outcomes + 1 + vote]
                        wrongRate[vote] = Self.ratio(votesFor[vote] - right, allTotals - totals[lf * classes + vote])
                    }
                }
                for trueClass in 0..<classes {
                    let base = (lf * classes + trueClass) * outcomes
                    let rowTotal = totals[lf * classes + trueClass]
                    for vote in 0..<classes {
                        let value = !tied || vote == trueClass ? Self.ratio(counts[base + 1 + vote], rowTotal) : wrongRate[vote]
                        probabilities[base + 1 + vote] = max(value, Self.probabilityFloor)
                    }
                    Self.normalizeRow(probabilities.baseAddress! + base, outcomes: outcomes)
                }
            }
        }}}}}}}
        return ConditionalTables(lfCount: lfs, classCount: classes, probabilities: probabilities)
    }

    /// The class prior: held fixed, or the expected class frequencies (floored, renormalized).
    func prior(from statistics: PatternSweep.Result, current: [Double]) -> [Double] {
        guard case .estimated? = options.classBalance else { return current }
        let total = statistics.classMass.reduce(0, +)
        guard total > 0 else { return current }
        let floored = statistics.classMass.map { max($0 / total, Self.priorFloor) }
        let sum = floored.reduce(0, +)
        return floored.map { $0 / sum }
    }

    @inline(__always)
    private static func ratio(_ numerator: Double, _ denominator: Double) -> Double {
        denominator > 0 ? numerator / denominator : 0
    }

    /// Caps the vote entries of one (LF, class) row below 1 and gives abstain the rest.
    @inline(__always)
    private static func normalizeRow(_ row: UnsafeMutablePointer<Double>, outcomes: Int) {
        var voting = 0.0
        for outcome in 1..<outcomes { voting += row[outcome] }
        if voting > 1 - probabilityFloor {
            let scale = (1 - probabilityFloor) / voting
            for outcome in 1..<outcomes { row[outcome] *= scale }
            voting = 1 - probabilityFloor
        }
        row[0] = max(1 - voting, probabilityFloor)
        let sum = voting + row[0]
        for outcome in 0..<outcomes { row[outcome] /= sum }
    }
}
