/// A model that turns a vote matrix into probabilistic labels.
///
/// Majority vote and the generative EM model both conform, so every report and benchmark can
/// put any model beside the majority-vote baseline.
public protocol LabelModel: Sendable {
    /// Number of classes the model labels.
    var classCount: Int { get }
    /// Number of LFs the model expects per row.
    var lfCount: Int { get }

    /// A probability distribution over the classes for each row of `votes`.
    /// - Throws: ``WSLabelError/incompatibleModel(_:)`` when `votes` has another shape.
    func predictProbabilities(_ votes: VoteMatrix) throws -> ProbabilisticLabels
}

extension LabelModel {
    /// The label of each row (argmax of the probabilities, ties settled by `tiePolicy`).
    public func predict(_ votes: VoteMatrix, tiePolicy: TiePolicy = .abstain) throws -> [Int] {
        try predictProbabilities(votes).predictions(tiePolicy: tiePolicy)
    }

    /// Accuracy, F1 scores and coverage of the model's labels against `gold`.
    public func score(_ votes: VoteMatrix, gold: [Int], tiePolicy: TiePolicy = .abstain) throws -> ClassificationMetrics {
        ClassificationMetrics(predictions: try predict(votes, tiePolicy: tiePolicy), gold: gold, classCount: classCount)
    }

    func checkShape(of votes: VoteMatrix) throws {
        guard votes.lfCount == lfCount, votes.classCount == classCount else {
            throw WSLabelError.incompatibleModel(
                "the model was fit on \(lfCount) LFs and \(classCount) classes; the votes have \(votes.lfCount) LFs and \(votes.classCount) classes")
        }
    }
}
