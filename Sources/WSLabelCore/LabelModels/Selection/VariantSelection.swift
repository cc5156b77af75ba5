/// Fits every variant of a grid on the training votes and keeps the one that scores best on a
/// dev split with gold labels.
///
/// Ties on the metric go to the variant with the lower mean negative log-likelihood of the
/// dev gold labels, then to the earlier variant in grid order, so the choice is deterministic.
///
/// Small dev sets pick noise: on 120 to 300 labeled items the best of 21 variants is often best
/// by luck. So an *incumbent* — the variant chosen without gold (``GoldFreeSelection``) — can be
/// given: the dev winner replaces it only when it scores better by at least
/// ``requiredAdvantage`` standard errors of a paired bootstrap over the dev rows
/// (``PairedBootstrap``); otherwise the incumbent stays.
///
/// ```swift
/// let grid = VariantGrid.variants(classCount: 2, devBalance: valid.goldClassBalance(classCount: 2))
/// let selection = try VariantSelection(train: train.votes, dev: valid.votes, devGold: valid.gold,
///                                      grid: grid, metric: .accuracy)
/// selection.chosen.model   // the fitted winner
/// ```
public struct VariantSelection: Sendable {
    /// One fitted variant and how it did on the dev split.
    public struct Candidate: Sendable {
        public let model: GenerativeLabelModel
        /// The selection metric on the dev rows with gold.
        public let devScore: Double
        /// Mean negative log-likelihood of the dev gold labels.
        public let devNegativeLogLikelihood: Double
    }

    /// Every variant, in grid order, then the incumbent when one was given.
    public let candidates: [Candidate]
    /// Index of the chosen variant in ``candidates``.
    public let chosenIndex: Int
    /// Index of the incumbent in ``candidates`` (the last), when one was given.
    public let incumbentIndex: Int?
    /// How far the best grid variant's dev score exceeds the incumbent's, in standard errors
    /// (``PairedBootstrap``); `nil` without an incumbent.
    public let advantageOverIncumbent: Double?

    /// Standard errors by which the dev winner must beat the incumbent to replace it: the
    /// one-standard-error rule of model selection (keep the simpler choice unless the other is
    /// better by more than the noise of the estimate).
    public static let requiredAdvantage = 1.0
    /// The metric used.
    public let metric: SelectionMetric

    /// The chosen variant.
    public var chosen: Candidate { candidates[chosenIndex] }

    /// Fits and scores every variant.
    ///
    /// - Parameters:
    ///   - train: training votes (no gold used).
    ///   - dev: dev votes.
    ///   - devGold: gold class per dev row; rows without one are ignored.
    ///   - grid: the variants, e.g. ``VariantGrid/variants(classCount:devBalance:)``.
    ///   - metric: what to maximize.
    ///   - clampedTrainLabels: gold class per training row that people labeled (semi-supervised
    ///     fit: those rows keep their class); `nil` entries and a `nil` array mean none.
    ///   - incumbent: the model to keep unless a grid variant is clearly better on the dev rows.
    ///   - threads: worker threads; the result does not depend on it.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when the dev split has no gold labels or
    ///   its shape differs from the training votes.
    public init(
        train: VoteMatrix, dev: VoteMatrix, devGold: [Int?], grid: [EMOptions],
        metric: SelectionMetric, clampedTrainLabels: [Int?]? = nil, incumbent: GenerativeLabelModel? = nil,
        threads: Int? = nil
    ) throws {
        guard !grid.isEmpty else { throw WSLabelError.invalidArgument("the variant grid is empty") }
        guard dev.lfCount == train.lfCount, dev.classCount == train.classCount, devGold.count == dev.rowCount else {
            throw WSLabelError.invalidArgument("the dev split must have the training split's LFs and classes and one gold entry per row")
        }
        let labeledRows = devGold.indices.filter { devGold[$0] != nil }
        guard !labeledRows.isEmpty else {
            throw WSLabelError.invalidArgument("the dev split has no gold labels to choose a model variant with")
        }
        for options in grid { try options.validate(classCount: train.classCount) }
        // Dev rows are grouped once and every variant scores the patterns; the model's tie
        // policy depends only on a row's probabilities, so a pattern's label is its rows' label.
        let devPatterns = VotePatterns(dev.selectingRows(labeledRows))
        let gold = labeledRows.map { devGold[$0]! }
        if let clampedTrainLabels {
            guard clampedTrainLabels.count == train.rowCount else {
                throw WSLabelError.invalidArgument("expected \(train.rowCount) clamped labels (one per training row), got \(clampedTrainLabels.count)")
            }
        }
        let patterns = VotePatterns(train, clampedLabels: clampedTrainLabels, mapsRows: false)
        let threadCount = threads ?? defaultThreadCount()
        let classes = train.classCount

        // A variant listed twice (a dev balance equal to the uniform prior) is fit once; the
        // copy gets the same candidate, so ties still go to the earlier one.
        let firstIndex = grid.indices.map { index in grid.firstIndex(of: grid[index])! }
        let distinct = grid.indices.filter { firstIndex[$0] == $0 }
        // The dev rows' predicted labels and the patterns' posteriors under `model`.
        let predict: @Sendable (GenerativeLabelModel, Int) -> (labels: [Int], probabilities: [Double]) = { model, fitThreads in
            let probabilities = model.patternProbabilities(devPatterns, threads: fitThreads)
            let patternLabels = ProbabilisticLabels(classCount: classes, values: probabilities)
                .predictions(tiePolicy: model.defaultTiePolicy)
            return (devPatterns.patternOfRow.map { patternLabels[Int($0)] }, probabilities)
        }
        let results = ResultSlots<Candidate>(count: grid.count + (incumbent == nil ? 0 : 1))
        let evaluate: @Sendable (Int, GenerativeLabelModel, Int) -> Void = { index, model, fitThreads in
            let (labels, probabilities) = predict(model, fitThreads)
            let metrics = ClassificationMetrics(predictions: labels, gold: gold, classCount: classes)
            // Summed in row order; each (pattern, class) log is taken once (NaN = not yet).
            var logs = [Double](repeating: .nan, count: probabilities.count)
            var negativeLogLikelihood = 0.0
            for (row, label) in gold.enumerated() {
                let cell = Int(devPatterns.patternOfRow[row]) * classes + label
                if logs[cell].isNaN { logs[cell] = log(max(probabilities[cell], 1e-300)) }
                negativeLogLikelihood -= logs[cell]
            }
            results[index] = Candidate(model: model, devScore: metric.value(of: metrics),
                                       devNegativeLogLikelihood: negativeLogLikelihood / Double(gold.count))
        }
        // The incumbent (index grid.count) is scored, not fit.
        let fitVariant: @Sendable (Int, Int) -> Void = { index, fitThreads in
            let model = index < grid.count ? GenerativeLabelModel.fit(patterns, options: grid[index], threads: fitThreads) : incumbent!
            evaluate(index, model, fitThreads)
        }
        VariantFits.run(distinct + (incumbent == nil ? [] : [grid.count]), patternCount: patterns.count,
                        threads: threadCount, fitVariant)
        for index in grid.indices where firstIndex[index] != index { results[index] = results[firstIndex[index]] }
        candidates = results.values
        self.metric = metric
        var best = 0
        for index in grid.indices.dropFirst() {
            let candidate = candidates[index], incumbent = candidates[best]
            if candidate.devScore > incumbent.devScore
                || (candidate.devScore == incumbent.devScore
                    && candidate.devNegativeLogLikelihood < incumbent.devNegativeLogLikelihood) {
                best = index
            }
        }
        if incumbent != nil {
            let incumbentIndex = grid.count
            let advantage = PairedBootstrap.advantage(
                of: predict(candidates[best].model, threadCount).labels, over: predict(candidates[incumbentIndex].model, threadCount).labels,
                gold: gold, classCount: classes, metric: metric)
            self.incumbentIndex = incumbentIndex
            advantageOverIncumbent = advantage
            chosenIndex = advantage >= Self.requiredAdvantage ? best : incumbentIndex
        } else {
            incumbentIndex = nil
            advantageOverIncumbent = nil
            chosenIndex = best
        }
    }
}

/// Write-once result slots filled by parallel workers, each at its own index.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    /// Every slot's value. - Precondition: all slots are filled.
    var values: [Value] { lock.withLock { slots.map { $0! } } }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
