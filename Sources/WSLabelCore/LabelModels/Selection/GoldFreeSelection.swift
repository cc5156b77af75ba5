/// Chooses the generative-model variant without gold labels: what `wslabel fit` uses when no
/// dev split has gold.
///
/// No fixed variant is right for every task (`benchmarks/RESULTS.md`, robustness suite): a prior
/// that counts as ten training sets keeps real LF sets with dependent, sparse LFs from drifting
/// (trec), yet costs several points where the model holds and data is plentiful, and a uniform
/// class prior fails a rare class. So several variants are fit, from a heavy fixed prior to
/// nearly maximum likelihood, and the one whose held-out-LF predictions agree best with the
/// held-out LF's votes wins (``LeaveOneLFOutAgreement``) — provided it beats the heavy-prior
/// variant by at least ``requiredAdvantage`` standard errors of the paired difference. The
/// heavy prior is the safe choice on real LF sets, so the data must show that a lighter model
/// predicts held-out LFs better; differences within the noise (imdb: 0.02 points over 40,000
/// pairs) keep it.
///
/// Variants that have *lost a class* are not eligible: a model that never predicts a class
/// which majority vote gives to at least 0.2% of the training rows, or predicts it on under a
/// twentieth as many rows, has merged that class into another (EM's classic failure with
/// sparse unipolar LFs, and the agreement score cannot see it because the lost class's LFs are
/// few). If every variant has lost a class, the heavy-prior variant, the one anchored closest
/// to the votes, is used.
///
/// ```swift
/// let selection = try GoldFreeSelection(train: votes)
/// selection.chosen.model.options.summary   // e.g. "tied P=10 prior=uniform w=1"
/// ```
public struct GoldFreeSelection: Sendable {
    /// One fitted variant and its gold-free scores.
    public struct Candidate: Sendable {
        /// The fitted variant: on the compared patterns, and the chosen one on every one.
        public let model: GenerativeLabelModel
        /// ``LeaveOneLFOutAgreement`` on the training votes, or `nil` when no row has two votes.
        public let agreement: Double?
        /// Classes the variant has lost (see the type's documentation); eligible when empty.
        public let lostClasses: [Int]
        /// How far its agreement exceeds the heavy-prior variant's (the first), in standard
        /// errors of the paired difference; 0 for the first.
        public let advantage: Double
    }

    /// The most distinct vote patterns the variants are compared on. A fit costs time per
    /// pattern, not per row, so below this every pattern is used with its full count; beyond it
    /// the variants are compared on about one pattern in k, chosen by a hash of the pattern (a
    /// deterministic sample of at most about this many, where the score's differences are
    /// already far outside its noise), and only the chosen variant is fit on every pattern. The
    /// sample depends on the patterns and counts alone, so a fit on pattern counts chooses as
    /// the fit on the items does.
    public static let comparisonPatternLimit = 100_000

    /// Training items the variants were compared on (all of them up to
    /// ``comparisonPatternLimit`` distinct patterns).
    public let comparedItemCount: Double

    /// Standard errors by which a variant must beat the first (heavy-prior) one to be chosen
    /// over it: about a 2.3% chance that noise alone makes a variant no better look better.
    public static let requiredAdvantage = 2.0

    /// Every variant, in ``variants(classCount:)`` order.
    public let candidates: [Candidate]
    /// Index of the chosen variant in ``candidates``.
    public let chosenIndex: Int

    /// The chosen variant.
    public var chosen: Candidate { candidates[chosenIndex] }

    /// The variants compared, in order; ties on the score go to the earlier one. The first is
    /// the heavy-prior fallback.
    ///
    /// - the heavy prior: tied tables, `λ = 10` training sets of pseudo-rows believing every LF
    ///   70% accurate, uniform class prior, abstain weight 0.5 — close to a majority vote that
    ///   also reads abstains;
    /// - priors of `P = 10` and `P = 100` pseudo-votes per LF (``EMOptions/PriorUnit/lfVotes``),
    ///   which wash out as an LF's votes grow, with a uniform or an estimated class prior;
    /// - textbook maximum likelihood (``EMOptions/maximumLikelihood``).
    public static func variants(classCount: Int) -> [EMOptions] {
        var variants = [EMOptions(tables: .tied, classBalance: .uniform(classCount), priorStrength: 10, abstainWeight: 0.5)]
        for strength in [10.0, 100] {
            for (balance, weight) in [(EMOptions.ClassBalance.uniform(classCount), 1.0), (.uniform(classCount), 0.5), (.estimated, 1)] {
                variants.append(EMOptions(tables: .tied, classBalance: balance, priorStrength: strength,
                                          priorUnit: .lfVotes, abstainWeight: weight))
            }
        }
        variants.append(.maximumLikelihood)
        return variants
    }

    /// Fits and scores every variant of `grid` on `train` (on a sample of its patterns beyond
    /// ``comparisonPatternLimit`` distinct ones, the chosen variant then fit on every pattern).
    ///
    /// - Parameters:
    ///   - train: the training votes; no gold needed.
    ///   - grid: the variants; ``variants(classCount:)`` by default. The first is the fallback.
    ///   - clampedTrainLabels: gold class per training row that people labeled (kept fixed in
    ///     every fit, skipped by the score); `nil` entries and a `nil` array mean none.
    ///   - threads: worker threads; the result does not depend on it.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` for an empty grid, invalid options or
    ///   clamped labels that do not match the rows.
    public init(train: VoteMatrix, grid: [EMOptions]? = nil, clampedTrainLabels: [Int?]? = nil, threads: Int? = nil) throws {
        try self.init(train: train, grid: grid, clampedTrainLabels: clampedTrainLabels, threads: threads,
                      patternLimit: Self.comparisonPatternLimit)
    }

    /// ``init(train:grid:clampedTrainLabels:threads:)`` comparing on at most about
    /// `patternLimit` patterns (tests use small limits).
    init(train: VoteMatrix, grid: [EMOptions]?, clampedTrainLabels: [Int?]?, threads: Int?, patternLimit: Int) throws {
        let grid = grid ?? Self.variants(classCount: train.classCount)
        guard !grid.isEmpty else { throw WSLabelError.invalidArgument("the variant grid is empty") }
        for options in grid {
            try options.validate(classCount: train.classCount)
            try options.validateLFWeights(lfCount: train.lfCount)
        }
        if let clampedTrainLabels, clampedTrainLabels.count != train.rowCount {
            throw WSLabelError.invalidArgument("expected \(train.rowCount) clamped labels (one per training row), got \(clampedTrainLabels.count)")
        }
        let everyPattern = VotePatterns(train, clampedLabels: clampedTrainLabels, mapsRows: false)
        let step = (everyPattern.count + patternLimit - 1) / patternLimit
        let sampled = step > 1
        let patterns = sampled ? everyPattern.sample(oneIn: step) : everyPattern
        comparedItemCount = patterns.counts.reduce(0, +)
        let threadCount = threads ?? defaultThreadCount()
        let majorityShare = Self.predictedShare(patterns: patterns, posteriors: nil)
        let results = ResultSlots<(GenerativeLabelModel, LeaveOneLFOutAgreement, [Int])>(count: grid.count)
        let evaluate: @Sendable (Int, Int) -> Void = { index, fitThreads in
            let model = GenerativeLabelModel.fit(patterns, options: grid[index], threads: fitThreads)
            let posteriors = model.patternProbabilities(patterns, threads: fitThreads)
            let share = Self.predictedShare(patterns: patterns, posteriors: posteriors)
            let lost = (0..<patterns.classCount).filter { majorityShare[$0] >= 0.002 && share[$0] < majorityShare[$0] / 20 }
            results[index] = (model, LeaveOneLFOutAgreement(model: model, patterns: patterns, posteriors: posteriors), lost)
        }
        VariantFits.run(Array(grid.indices), patternCount: patterns.count, threads: threadCount, evaluate)
        let fitted = results.values
        var candidates = fitted.enumerated().map { index, result in
            Candidate(model: result.0, agreement: result.1.value, lostClasses: result.2,
                      advantage: index == 0 ? 0 : result.1.pairedAdvantage(over: fitted[0].1, patterns: patterns))
        }
        var best = 0
        var bestScore = -Double.infinity
        for (index, candidate) in candidates.enumerated() where candidate.lostClasses.isEmpty {
            let score = candidate.agreement ?? -1
            if score > bestScore + 1e-12 {
                best = index
                bestScore = score
            }
        }
        // The heavy prior stays unless the winner beats it clearly (or the heavy prior itself
        // lost a class).
        if best != 0 && candidates[0].lostClasses.isEmpty && !(candidates[best].advantage >= Self.requiredAdvantage) {
            best = 0
        }
        if sampled {
            let chosen = candidates[best]
            // Started from its fit on the sample: the same variant, a few iterations from its
            // fixed point on every pattern.
            candidates[best] = Candidate(
                model: GenerativeLabelModel.fit(everyPattern, options: grid[best], threads: threadCount, startingFrom: chosen.model),
                agreement: chosen.agreement, lostClasses: chosen.lostClasses, advantage: chosen.advantage)
        }
        self.candidates = candidates
        chosenIndex = best
    }

    /// The share of the (unclamped) training rows each class is predicted for: by the arg-max
    /// of `posteriors`, or by majority vote when `nil`; ties share the row, and rows without
    /// votes count for majority vote as a uniform draw.
    static func predictedShare(patterns: VotePatterns, posteriors: [Double]?) -> [Double] {
        let classes = patterns.classCount
        var share = [Double](repeating: 0, count: classes)
        var scores = [Double](repeating: 0, count: classes)
        var total = 0.0
        for pattern in 0..<patterns.count where patterns.clamp(ofPattern: pattern) < 0 {
            if let posteriors {
                for label in 0..<classes { scores[label] = posteriors[pattern * classes + label] }
            } else {
                for label in 0..<classes { scores[label] = 0 }
                for index in patterns.storageRange(ofPattern: pattern) { scores[Int(patterns.classVotes[index])] += 1 }
            }
            let best = scores.max()!
            let leaders = scores.filter { best - $0 <= 1e-9 * max(best, 1e-300) }.count
            let count = patterns.counts[pattern]
            for label in 0..<classes where best - scores[label] <= 1e-9 * max(best, 1e-300) {
                share[label] += count / Double(leaders)
            }
            total += count
        }
        return total > 0 ? share.map { $0 / total } : share
    }
}
