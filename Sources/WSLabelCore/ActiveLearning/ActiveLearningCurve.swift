/// Accuracy against the number of human labels: the label model refit, semi-supervised, as
/// people label the train items a strategy picks, scored on an evaluation split each time.
///
/// People are simulated by the train split's gold labels (the usual way to measure active
/// learning without paying for it). For a picking strategy the next items are chosen by the
/// model fit so far (``ReviewSelection``); for ``ReviewSelection/Strategy/random`` a seeded
/// shuffle is labeled in order, once per seed, and the curve is their mean.
///
/// ```swift
/// let curve = try ActiveLearningCurve(labelNames: names, train: train, evaluation: test, dev: dev,
///                                     steps: [0, 25, 50, 100], strategies: [.active, .random])
/// curve.points(of: .active).map(\.accuracy)
/// ```
public struct ActiveLearningCurve: Sendable {
    /// One measured point.
    public struct Point: Sendable, Equatable {
        public var strategy: ReviewSelection.Strategy
        /// Human labels the model was fit with.
        public var humanLabels: Int
        /// Accuracy on the evaluation split (the mean over seeds for random picks).
        public var accuracy: Double
        public var macroF1: Double
    }

    public let points: [Point]
    /// The evaluation split's name.
    public let evaluationSplit: String
    /// The random seeds averaged.
    public let randomSeeds: [UInt64]

    /// Measures the curve.
    /// - Parameters:
    ///   - train: the split the model is fit on; its gold labels play the people.
    ///   - evaluation: a split with complete gold labels.
    ///   - otherSplits: further splits the run needs, e.g. the dev split that chooses the variant.
    ///   - steps: numbers of human labels, ascending (0 is the model without any).
    ///   - configuration: the label model settings; it must be the EM model.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when there is no step or a negative one,
    ///   train has fewer gold labels than the last step, or the evaluation split lacks gold
    ///   labels; the fits' errors.
    public init(labelNames: [String], train: LabeledSplit, evaluation: LabeledSplit, otherSplits: [LabeledSplit] = [],
                steps: [Int], strategies: [ReviewSelection.Strategy], configuration: LabelingRunConfiguration,
                randomSeeds: [UInt64] = [0, 1, 2]) throws {
        guard let evaluationGold = evaluation.completeGold else {
            throw WSLabelError.invalidArgument("split \(evaluation.name) lacks gold labels: the curve is scored on gold labels")
        }
        let sortedSteps = Array(Set(steps)).sorted()
        guard let first = sortedSteps.first, first >= 0 else {
            throw WSLabelError.invalidArgument("the curve's steps are numbers of human labels, 0 or more; found \(sortedSteps.first.map(String.init) ?? "none")")
        }
        if let missing = Self.missingRequirement(train: train, steps: sortedSteps, configuration: configuration) {
            throw WSLabelError.invalidArgument(missing)
        }
        let labeledTrain = train.gold.indices.filter { train.gold[$0] != nil }
        // Only train items people could answer (with gold) can be picked.
        let answerable = Set(labeledTrain)
        let unanswerable = Set(train.gold.indices).subtracting(answerable)
        let splits = [train, evaluation] + otherSplits.filter { $0.name != train.name && $0.name != evaluation.name }
        let classes = labelNames.count

        func fit(_ labeled: [Int]) throws -> (LabelingRun, ClassificationMetrics) {
            var clamped = [Int?](repeating: nil, count: train.votes.rowCount)
            for row in labeled { clamped[row] = train.gold[row] }
            let run = try LabelingRun(labelNames: labelNames, splits: splits, configuration: configuration, clampedTrainLabels: labeled.isEmpty ? nil : clamped)
            let result = run.results[1]
            return (run, ClassificationMetrics(predictions: result.predictions, gold: evaluationGold, classCount: classes))
        }

        var points: [Point] = []
        for strategy in strategies {
            if strategy == .random {
                var sums = [(accuracy: Double, macroF1: Double)](repeating: (0, 0), count: sortedSteps.count)
                for seed in randomSeeds {
                    var generator = SplitMix64(seed: seed)
                    let order = labeledTrain.shuffled(using: &generator)
                    for (index, step) in sortedSteps.enumerated() {
                        let metrics = try fit(Array(order.prefix(step))).1
                        sums[index].accuracy += metrics.accuracy
                        sums[index].macroF1 += metrics.macroF1
                    }
                }
                let seeds = Double(randomSeeds.count)
                points += sortedSteps.indices.map {
                    Point(strategy: .random, humanLabels: sortedSteps[$0], accuracy: sums[$0].accuracy / seeds, macroF1: sums[$0].macroF1 / seeds)
                }
                continue
            }
            var labeled: [Int] = []
            var current = try fit(labeled)
            for step in sortedSteps {
                // Pick up to this step with the model fit on the labels so far, then refit.
                if step > labeled.count {
                    labeled += ReviewSelection.pick(step - labeled.count, strategy: strategy, probabilities: current.0.results[0].probabilities,
                                                    votes: train.votes, excluding: Set(labeled).union(unanswerable))
                    current = try fit(labeled)
                }
                points.append(Point(strategy: strategy, humanLabels: step, accuracy: current.1.accuracy, macroF1: current.1.macroF1))
            }
        }
        self.points = points
        evaluationSplit = evaluation.name
        self.randomSeeds = randomSeeds
    }

    /// Why the curve cannot be measured with these inputs, and what would make it measurable;
    /// `nil` when it can (steps and the evaluation split aside). A page that shows the curve
    /// beside other things shows this instead of failing.
    /// - Parameters:
    ///   - train: the split the model is fit on, whose gold labels play the people.
    ///   - steps: the numbers of human labels asked for.
    ///   - configuration: the label model settings.
    public static func missingRequirement(train: LabeledSplit, steps: [Int], configuration: LabelingRunConfiguration) -> String? {
        guard configuration.model == .em else {
            return "the curve refits the EM label model, and majority vote learns nothing from labels: measure it with --model em"
        }
        let needed = steps.max() ?? 0
        let labeled = train.goldCount
        guard labeled < needed else { return nil }
        if labeled == 0 {
            return "the curve simulates people with the train split's gold labels, and train has none: give train items gold labels (the task's data.gold field) — at least \(needed) — to measure it"
        }
        return "the curve simulates people with the train split's gold labels: train has \(labeled), the curve asks for up to \(needed); give more train items gold labels, or ask for fewer (wslabel review curve --steps)"
    }

    /// The points of one strategy, by number of human labels.
    public func points(of strategy: ReviewSelection.Strategy) -> [Point] { points.filter { $0.strategy == strategy } }
}
