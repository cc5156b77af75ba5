#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The generative label model: a class prior and per-LF conditional tables with abstain as an
/// outcome, LFs conditionally independent given the true class, fit by EM without gold labels.
///
/// The posterior of an item with votes `λ` is
/// `P(Y = c | λ) ∝ π_c · Π_j P(λ_j | Y = c)^(w_j)`, where `w_j` is 1 for a vote and
/// ``EMOptions/abstainWeight`` for an abstain, times the LF's ``EMOptions/lfWeights`` entry
/// when there are LF weights (dependent LFs share one LF's worth of evidence). Rows on which every LF abstains still get an
/// informed posterior: the product of abstain probabilities differs by class.
///
/// ```swift
/// let model = try GenerativeLabelModel.fit(trainVotes, options: EMOptions(), threads: 2)
/// let labels = try model.predictProbabilities(testVotes)
/// try model.save(to: URL(fileURLWithPath: "model.json"))
/// ```
public struct GenerativeLabelModel: LabelModel, Equatable, Codable {
    public var lfCount: Int { tables.lfCount }
    public var classCount: Int { tables.classCount }

    /// `P(Y = c)`.
    public let classPrior: [Double]
    /// `P(λ_j = o | Y = c)` per LF.
    public let tables: ConditionalTables
    /// The options the model was fit with.
    public let options: EMOptions
    /// The expected class frequencies of the training rows under the fitted model; ties
    /// between classes go to the more frequent one.
    public let labelDistribution: [Double]
    /// How the fit went.
    public let fitReport: FitReport

    /// How an EM fit ended.
    public typealias FitReport = LabelModelFitReport

    public var kind: LabelModelKind { .em }
    public var fitSummary: LabelModelFitReport? { fitReport }
    public var learnedParameters: LearnedLFParameters? {
        LearnedLFParameters(accuracies: learnedAccuracies, tables: tables, classPrior: classPrior)
    }
    public var savedParameters: SavedLabelModelParameters { .generative(self) }

    /// Each LF's probability of being right when it votes, under the learned prior.
    public var learnedAccuracies: [Double] {
        (0..<lfCount).map { tables.accuracy(lf: $0, prior: classPrior) }
    }

    /// The tie policy that matches the model: ties go to the class with the larger expected
    /// share of the training rows, then to the lower class index.
    public var defaultTiePolicy: TiePolicy { .classPrior(labelDistribution) }

    /// ``defaultTiePolicy``: the model's rule draws nothing at random, so the seed is unused.
    public func tiePolicy(seed: UInt64?) -> TiePolicy { defaultTiePolicy }

    /// - Complexity: O(rows + votes) to group patterns, then one matrix product per pattern block.
    public func predictProbabilities(_ votes: VoteMatrix) throws -> ProbabilisticLabels {
        try predictProbabilities(votes, threads: defaultThreadCount())
    }

    /// ``predictProbabilities(_:)`` on `threads` threads (the result does not depend on it).
    public func predictProbabilities(_ votes: VoteMatrix, threads: Int) throws -> ProbabilisticLabels {
        try checkShape(of: votes)
        let patterns = VotePatterns(votes)
        return patterns.expand(patternProbabilities(patterns, threads: threads))
    }

    /// The posterior of each pattern of `patterns`, row-major `patterns × classes`.
    func patternProbabilities(_ patterns: VotePatterns, threads: Int) -> [Double] {
        let sweep = PatternSweep(patterns: patterns, threads: threads)
        let (weights, bias) = EStepParameters.make(
            prior: classPrior, tables: tables, abstainWeight: options.abstainWeight, lfWeights: options.lfWeights,
            columns: sweep.activeColumns)
        return sweep.run(.model(weights: weights, bias: bias), accumulate: false).posteriors
    }
}

extension VotePatterns {
    /// Per-row probabilities from per-pattern ones.
    /// - Precondition: the patterns were grouped with `mapsRows: true`.
    func expand(_ patternValues: [Double]) -> ProbabilisticLabels {
        if isRowAligned { return ProbabilisticLabels(classCount: classCount, values: patternValues) }
        var values = [Double](repeating: 0, count: patternOfRow.count * classCount)
        for (row, pattern) in patternOfRow.enumerated() {
            let source = Int(pattern) * classCount, target = row * classCount
            for label in 0..<classCount { values[target + label] = patternValues[source + label] }
        }
        return ProbabilisticLabels(classCount: classCount, values: values)
    }
}

/// The E-step's matrix form of a model: weights `W` and bias `b` such that the log joint of a
/// pattern with one-hot votes `a` is `a · W + b`.
enum EStepParameters {
    /// Probabilities below this are floored: a zero would make a log of -∞, and 0 · -∞ in the
    /// matrix product is NaN.
    static let floor = 1e-10

    /// `W` restricted to `columns` (full column indices `lf·classCount + vote`, one row of `W`
    /// each, in the given order) and `b`: a pattern's votes outside `columns` must not occur,
    /// so only the logs that some pattern uses are taken. `lfWeights` (``EMOptions/lfWeights``)
    /// scales LF `j`'s whole factor, its votes and its abstains, by `w_j`.
    static func make(
        prior: [Double], tables: ConditionalTables, abstainWeight: Double, lfWeights: [Double]? = nil, columns: [Int]
    ) -> (weights: [Double], bias: [Double]) {
        let classes = tables.classCount
        precondition(lfWeights == nil || lfWeights!.count == tables.lfCount, "one LF weight per LF")
        var bias = prior.map { log(max($0, floor)) }
        // Scaled log-abstain per (LF, true class), needed by every vote of the LF.
        var scaledAbstain = [Double](repeating: 0, count: tables.lfCount * classes)
        for lf in 0..<tables.lfCount {
            let lfWeight = lfWeights?[lf] ?? 1
            for trueClass in 0..<classes {
                let logAbstain = log(max(tables.abstainProbability(lf: lf, trueClass: trueClass), floor))
                bias[trueClass] += lfWeight * abstainWeight * logAbstain
                scaledAbstain[lf * classes + trueClass] = abstainWeight * logAbstain
            }
        }
        var weights = [Double](repeating: 0, count: columns.count * classes)
        for (position, column) in columns.enumerated() {
            let lf = column / classes, vote = column % classes
            let lfWeight = lfWeights?[lf] ?? 1
            for trueClass in 0..<classes {
                let logVote = log(max(tables.voteProbability(lf: lf, trueClass: trueClass, vote: vote), floor))
                weights[position * classes + trueClass] = lfWeight * (logVote - scaledAbstain[lf * classes + trueClass])
            }
        }
        return (weights, bias)
    }
}
