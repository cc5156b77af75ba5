extension GenerativeLabelModel {
    /// Fits the model to `votes` by EM, starting from majority vote.
    ///
    /// Each iteration is one ``PatternSweep`` over the distinct vote patterns (E-step and the
    /// M-step's expected counts as BLAS products) followed by a closed-form M-step with the
    /// Dirichlet pseudo-counts of ``EMOptions/priorStrength``. EM stops when no parameter moves
    /// by more than ``EMOptions/tolerance`` in one EM step: with an abstain weight below 1 the
    /// iteration is a tempered fixed point rather than a likelihood ascent, so the likelihood is
    /// no stopping rule. Every second step is followed by a SQUAREM extrapolation
    /// (``SquaredExtrapolation``), which reaches the same fixed point in fewer steps.
    ///
    /// - Parameters:
    ///   - votes: the training votes; no gold labels needed.
    ///   - options: model variant and stopping rule.
    ///   - clampedLabels: optional gold class per row; those rows keep their class throughout
    ///     (semi-supervised EM).
    ///   - threads: worker threads (default: all cores); the result is byte-identical for any value.
    /// - Returns: the fitted model with its ``FitReport``.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` for options or labels out of range.
    /// - Complexity: O(rows + votes) once, then per iteration O(patterns × lfCount × classes²)
    ///   in the dense matrix products, or O(pattern votes × classes) in the sparse kernel.
    public static func fit(
        _ votes: VoteMatrix, options: EMOptions = EMOptions(),
        clampedLabels: [Int?]? = nil, threads: Int? = nil
    ) throws -> GenerativeLabelModel {
        try options.validate(classCount: votes.classCount)
        try options.validateLFWeights(lfCount: votes.lfCount)
        if let clampedLabels {
            guard clampedLabels.count == votes.rowCount else {
                throw WSLabelError.invalidArgument("expected \(votes.rowCount) clamped labels (one per row), got \(clampedLabels.count)")
            }
            if let bad = clampedLabels.compactMap({ $0 }).first(where: { $0 < 0 || $0 >= votes.classCount }) {
                throw WSLabelError.invalidArgument("clamped label \(bad) is out of range 0..<\(votes.classCount)")
            }
        }
        let patterns = VotePatterns(votes, clampedLabels: clampedLabels, mapsRows: false)
        return fit(patterns, options: options, threads: threads ?? defaultThreadCount())
    }

    /// Fits on already grouped patterns (several variants can share one grouping).
    ///
    /// - Parameters:
    ///   - accelerated: SQUAREM-accelerated EM (``SquaredExtrapolation``); `false` runs plain
    ///     EM, the reference the accelerated fit is tested against.
    ///   - start: parameters to start EM from instead of majority vote, e.g. the same variant
    ///     fit on a sample of the rows (fewer iterations to the same kind of fixed point).
    static func fit(
        _ patterns: VotePatterns, options: EMOptions, threads: Int, accelerated: Bool = true,
        startingFrom start: GenerativeLabelModel? = nil
    ) -> GenerativeLabelModel {
        let classes = patterns.classCount
        let sweep = PatternSweep(patterns: patterns, threads: threads)
        let reference = options.referencePrior(classCount: classes)
        let pseudoCounts = PseudoCounts(patterns: patterns, strength: options.priorStrength, unit: options.priorUnit,
                                        accuracy: options.priorAccuracy, referencePrior: reference)
        let step = MaximizationStep(patterns: patterns, options: options, pseudoCounts: pseudoCounts)

        var statistics: PatternSweep.Result
        var point: EMPoint
        if let start {
            statistics = PatternSweep.Result(posteriors: [], logLikelihood: 0, voteCounts: [], classMass: [])
            point = EMPoint(tables: start.tables.probabilities, prior: start.classPrior)
        } else {
            statistics = sweep.run(.majorityVote(noVotes: reference), accumulate: true, keepingPosteriors: false)
            point = EMPoint(tables: step.tables(from: statistics).probabilities, prior: reference)
        }
        // One EM step from `point`: the sweep's statistics (E-step at `point`) and the new point.
        var iterations = 0
        func emStep(_ point: EMPoint) -> (next: EMPoint, statistics: PatternSweep.Result) {
            let tables = ConditionalTables(lfCount: patterns.lfCount, classCount: classes, probabilities: point.tables)
            let (weights, bias) = EStepParameters.make(
                prior: point.prior, tables: tables, abstainWeight: options.abstainWeight, lfWeights: options.lfWeights,
                columns: sweep.activeColumns)
            let statistics = sweep.run(.model(weights: weights, bias: bias), accumulate: true, keepingPosteriors: false)
            iterations += 1
            return (EMPoint(tables: step.tables(from: statistics).probabilities,
                            prior: step.prior(from: statistics, current: point.prior)), statistics)
        }
        var acceleration = accelerated
            ? SquaredExtrapolation(objective: options.abstainWeight == 1 && options.lfWeights == nil ? pseudoCounts.values : nil) : nil
        var converged = false
        var lastStep = point
        while iterations < options.maxIterations {
            let (next, nextStatistics) = emStep(point)
            let change = next.maxDifference(from: point)
            statistics = nextStatistics
            lastStep = next
            if change < options.tolerance {
                converged = true
                break
            }
            point = acceleration?.advance(from: point, to: next, statistics: nextStatistics) ?? next
        }
        // The result is always an EM step's output (never an extrapolated point), with the
        // statistics of the E-step that led to it, as without acceleration.
        point = lastStep
        let rows = patterns.counts.reduce(0, +)
        return GenerativeLabelModel(
            classPrior: point.prior,
            tables: ConditionalTables(lfCount: patterns.lfCount, classCount: classes, probabilities: point.tables),
            options: options,
            labelDistribution: statistics.classMass.map { rows > 0 ? $0 / rows : 1 / Double(classes) },
            fitReport: FitReport(iterations: iterations, converged: converged, logLikelihood: statistics.logLikelihood,
                                 patternCount: patterns.count, rowCount: Int(rows)))
    }

}

extension EMOptions {
    func validate(classCount: Int) throws {
        guard maxIterations >= 1 else { throw WSLabelError.invalidArgument("maxIterations must be at least 1") }
        guard tolerance >= 0 else { throw WSLabelError.invalidArgument("tolerance must not be negative") }
        guard priorStrength >= 0 && priorStrength.isFinite else {
            throw WSLabelError.invalidArgument("priorStrength must be a non-negative number")
        }
        guard priorAccuracy > 0 && priorAccuracy < 1 else {
            throw WSLabelError.invalidArgument("priorAccuracy must lie strictly between 0 and 1")
        }
        guard abstainWeight >= 0 && abstainWeight <= 1 else {
            throw WSLabelError.invalidArgument("abstainWeight must lie in 0...1")
        }
        if case let .fixed(balance)? = classBalance {
            guard balance.count == classCount, balance.allSatisfy({ $0 > 0 }),
                  abs(balance.reduce(0, +) - 1) < 1e-6 else {
                throw WSLabelError.invalidArgument(
                    "a fixed class balance needs \(classCount) positive probabilities summing to 1, got \(balance)")
            }
        }
    }
}
