extension GenerativeLabelModel {
    /// Fits the model to `votes` by EM, starting from majority vote.
    ///
    /// Each iteration is one ``PatternSweep`` over the distinct vote patterns (E-step and the
    /// M-step's expected counts as BLAS products) followed by a closed-form M-step with the
    /// Dirichlet pseudo-counts of ``EMOptions/priorStrength``.
    ///
    /// - Parameters:
    ///   - votes: the training votes; no gold labels needed.
    ///   - options: model variant and stopping rule.
    ///   - clampedLabels: optional gold class per row; those rows keep their class throughout
    ///     (semi-supervised EM).
    ///   - threads: worker threads; the result is byte-identical for any value.
    /// - Returns: the fitted model with its ``FitReport``.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` for options out of range.
    /// - Complexity: O(rows + votes) once, then per iteration O(patterns × lfCount × classes²)
    ///   in the matrix products.
    public static func fit(
        _ votes: VoteMatrix, options: EMOptions = EMOptions(),
        clampedLabels: [Int?]? = nil, threads: Int? = nil
    ) throws -> GenerativeLabelModel {
        try validate(options, classCount: votes.classCount)
        if let clampedLabels {
            guard clampedLabels.count == votes.rowCount else {
                throw WSLabelError.invalidArgument("expected \(votes.rowCount) clamped labels (one per row), got \(clampedLabels.count)")
            }
            if let bad = clampedLabels.compactMap({ $0 }).first(where: { $0 < 0 || $0 >= votes.classCount }) {
                throw WSLabelError.invalidArgument("clamped label \(bad) is out of range 0..<\(votes.classCount)")
            }
        }
        let patterns = VotePatterns(votes, clampedLabels: clampedLabels)
        return fit(patterns, options: options, threads: threads ?? defaultThreadCount())
    }

    /// Fits on already grouped patterns (the patterns of several fits can be shared).
    static func fit(_ patterns: VotePatterns, options: EMOptions, threads: Int) -> GenerativeLabelModel {
        let sweep = PatternSweep(patterns: patterns, threads: threads)
        let pseudoCounts = PseudoCounts(patterns: patterns, strength: options.priorStrength, accuracy: options.priorAccuracy)
        let rows = max(1, patterns.counts.reduce(0, +))

        var statistics = sweep.run(.majorityVote, accumulate: true)
        var (prior, tables) = maximize(statistics, pseudoCounts: pseudoCounts, options: options, patterns: patterns)
        var previous = -Double.infinity
        var iterations = 0
        var converged = false
        while iterations < options.maxIterations {
            let (weights, bias) = EStepParameters.make(prior: prior, tables: tables, abstainWeight: options.abstainWeight)
            statistics = sweep.run(.model(weights: weights, bias: bias), accumulate: true)
            iterations += 1
            let perRow = statistics.logLikelihood / rows
            if abs(perRow - previous) < options.tolerance {
                converged = true
                break
            }
            previous = perRow
            (prior, tables) = maximize(statistics, pseudoCounts: pseudoCounts, options: options, patterns: patterns)
        }
        return GenerativeLabelModel(
            classPrior: prior, tables: tables, options: options,
            fitReport: FitReport(iterations: iterations, converged: converged, logLikelihood: statistics.logLikelihood,
                                 patternCount: patterns.count, rowCount: Int(rows)))
    }

    /// The M-step: prior and tables from expected counts plus pseudo-counts.
    private static func maximize(
        _ statistics: PatternSweep.Result, pseudoCounts: PseudoCounts, options: EMOptions, patterns: VotePatterns
    ) -> ([Double], ConditionalTables) {
        let classes = patterns.classCount, lfs = patterns.lfCount
        let mass = statistics.classMass
        let prior: [Double]
        switch options.classBalance {
        case let .fixed(balance):
            prior = balance
        case .estimated:
            let total = mass.reduce(0, +)
            prior = mass.map { total > 0 ? $0 / total : 1 / Double(classes) }
        }
        // counts[lf][c][outcome], abstain = class mass minus the LF's votes.
        var counts = [Double](repeating: 0, count: lfs * classes * (classes + 1))
        for lf in 0..<lfs {
            for trueClass in 0..<classes {
                let base = (lf * classes + trueClass) * (classes + 1)
                var voted = 0.0
                for vote in 0..<classes {
                    let value = statistics.voteCounts[(lf * classes + vote) * classes + trueClass]
                    counts[base + 1 + vote] = value
                    voted += value
                }
                counts[base] = max(0, mass[trueClass] - voted)
            }
        }
        var probabilities = [Double](repeating: 0, count: counts.count)
        switch options.tables {
        case .full:
            for lf in 0..<lfs {
                for trueClass in 0..<classes {
                    let base = (lf * classes + trueClass) * (classes + 1)
                    var total = 0.0
                    for outcome in 0...classes { total += counts[base + outcome] + pseudoCounts[base + outcome] }
                    for outcome in 0...classes {
                        probabilities[base + outcome] = total > 0
                            ? (counts[base + outcome] + pseudoCounts[base + outcome]) / total
                            : (outcome == 0 ? 1 : 0)
                    }
                }
            }
        case .tied:
            for lf in 0..<lfs {
                func at(_ trueClass: Int, _ outcome: Int) -> Int { (lf * classes + trueClass) * (classes + 1) + outcome }
                for vote in 0..<classes {
                    var wrong = 0.0, wrongTotal = 0.0
                    for trueClass in 0..<classes where trueClass != vote {
                        wrong += counts[at(trueClass, vote + 1)] + pseudoCounts[at(trueClass, vote + 1)]
                        wrongTotal += mass[trueClass] + pseudoCounts.total(lf: lf, trueClass: trueClass)
                    }
                    let rightTotal = mass[vote] + pseudoCounts.total(lf: lf, trueClass: vote)
                    let right = counts[at(vote, vote + 1)] + pseudoCounts[at(vote, vote + 1)]
                    let pRight = rightTotal > 0 ? right / rightTotal : 0
                    let pWrong = wrongTotal > 0 ? wrong / wrongTotal : 0
                    for trueClass in 0..<classes {
                        probabilities[at(trueClass, vote + 1)] = trueClass == vote ? pRight : pWrong
                    }
                }
                for trueClass in 0..<classes {
                    var voting = 0.0
                    for vote in 0..<classes { voting += probabilities[at(trueClass, vote + 1)] }
                    if voting > 1 - EStepParameters.floor {
                        // Tied rates can overshoot for an LF that nearly always votes; rescale.
                        let scale = (1 - EStepParameters.floor) / voting
                        for vote in 0..<classes { probabilities[at(trueClass, vote + 1)] *= scale }
                        voting = 1 - EStepParameters.floor
                    }
                    probabilities[at(trueClass, 0)] = 1 - voting
                }
            }
        }
        return (prior, ConditionalTables(lfCount: lfs, classCount: classes, probabilities: probabilities))
    }

    private static func validate(_ options: EMOptions, classCount: Int) throws {
        guard options.maxIterations >= 1 else { throw WSLabelError.invalidArgument("maxIterations must be at least 1") }
        guard options.tolerance >= 0 else { throw WSLabelError.invalidArgument("tolerance must not be negative") }
        guard options.priorStrength >= 0 else { throw WSLabelError.invalidArgument("priorStrength must not be negative") }
        guard options.priorAccuracy > 0 && options.priorAccuracy < 1 else {
            throw WSLabelError.invalidArgument("priorAccuracy must lie strictly between 0 and 1")
        }
        guard options.abstainWeight >= 0 && options.abstainWeight <= 1 else {
            throw WSLabelError.invalidArgument("abstainWeight must lie in 0...1")
        }
        if case let .fixed(balance) = options.classBalance {
            guard balance.count == classCount, balance.allSatisfy({ $0 > 0 }),
                  abs(balance.reduce(0, +) - 1) < 1e-6 else {
                throw WSLabelError.invalidArgument(
                    "a fixed class balance needs \(classCount) positive probabilities summing to 1, got \(balance)")
            }
        }
    }
}
