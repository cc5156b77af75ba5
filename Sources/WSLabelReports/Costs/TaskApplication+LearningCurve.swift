import WSLabelCore
import WSLabelData
import WSLabeling

extension TaskApplication {
    /// The numbers of human labels a curve measures by default.
    public static let defaultCurveSteps = [0, 25, 50, 100, 200]

    /// The task's active-learning curve (``ActiveLearningCurve``): the label model refit on train
    /// as people (the train gold labels) label what each strategy picks, scored on `evaluationSplit`.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` without a train split or `evaluationSplit`;
    ///   the curve's errors.
    public func learningCurve(
        evaluationSplit: String, configuration: LabelingRunConfiguration, steps: [Int] = TaskApplication.defaultCurveSteps,
        strategies: [ReviewSelection.Strategy] = [.active, .random], seeds: [UInt64] = [0, 1, 2]
    ) throws -> ActiveLearningCurve {
        guard let train = splits.first(where: { $0.name == "train" }),
              let evaluation = splits.first(where: { $0.name == evaluationSplit }) else {
            throw WSLabelError.invalidArgument("the curve needs a train split and a split \(evaluationSplit) (the task's splits: \(splits.map(\.name).joined(separator: ", ")))")
        }
        return try ActiveLearningCurve(labelNames: task.labels, train: train, evaluation: evaluation, otherSplits: splits, steps: steps,
                                       strategies: strategies, configuration: configuration, randomSeeds: seeds)
    }

    /// Why ``learningCurve(evaluationSplit:configuration:steps:strategies:seeds:)`` cannot
    /// measure the task's curve (``ActiveLearningCurve/missingRequirement(train:steps:configuration:)``),
    /// or `nil` when it can.
    public func learningCurveMissingRequirement(configuration: LabelingRunConfiguration,
                                                steps: [Int] = TaskApplication.defaultCurveSteps) -> String? {
        guard let train = splits.first(where: { $0.name == "train" }) else { return "the curve needs a train split" }
        return ActiveLearningCurve.missingRequirement(train: train, steps: steps, configuration: configuration)
    }
}
