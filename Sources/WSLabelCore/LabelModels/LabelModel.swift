/// A model that turns a vote matrix into probabilistic labels.
///
/// Majority vote and the generative EM model both conform, and everything a report, a saved
/// model file or a benchmark needs is on the protocol, so no caller asks which one it has.
///
/// ```swift
/// let model: any LabelModel = MajorityVote(lfCount: 3, classCount: 2)
/// let labels = try model.predict(votes, tiePolicy: model.tiePolicy(seed: 0))
/// model.fitSummary        // nil: majority vote fits nothing
/// ```
public protocol LabelModel: Sendable {
    /// Which model this is (the `kind` of a saved model file).
    var kind: LabelModelKind { get }
    /// Number of classes the model labels.
    var classCount: Int { get }
    /// Number of LFs the model expects per row.
    var lfCount: Int { get }
    /// How the fit on the training votes went; `nil` for a model with nothing to fit.
    var fitSummary: LabelModelFitReport? { get }
    /// What the model learned about each LF; `nil` for a model that learns nothing.
    var learnedParameters: LearnedLFParameters? { get }
    /// The model's parameters as a saved model file holds them.
    var savedParameters: SavedLabelModelParameters { get }

    /// The model's own rule for ties between equally probable classes.
    /// - Parameter seed: the seed of a rule that draws at random; without one, such a rule
    ///   leaves ties unlabeled.
    func tiePolicy(seed: UInt64?) -> TiePolicy

    /// A probability distribution over the classes for each row of `votes`.
    /// - Throws: ``WSLabelError/incompatibleModel(_:)`` when `votes` has another shape.
    func predictProbabilities(_ votes: VoteMatrix) throws -> ProbabilisticLabels
}

/// The label models wslabel has: what a saved model file's `kind` names.
public enum LabelModelKind: String, Sendable, Codable, CaseIterable {
    /// The generative model fit by EM (``GenerativeLabelModel``).
    case em
    /// Majority vote (``MajorityVote``).
    case mv
}

/// A label model's parameters in the form a saved model file holds them.
public enum SavedLabelModelParameters: Sendable, Equatable {
    /// Majority vote: its shape and the prior of the items no LF votes on.
    case majorityVote(MajorityVote)
    /// The generative model, every parameter and how it was fit.
    case generative(GenerativeLabelModel)

    /// The model these parameters describe.
    public var labelModel: any LabelModel {
        switch self {
        case let .majorityVote(model): return model
        case let .generative(model): return model
        }
    }
}

/// What a label model learned about each LF.
public struct LearnedLFParameters: Sendable, Equatable {
    /// Per LF: probability of being right when it votes, under the learned class prior.
    public var accuracies: [Double]
    /// `P(λ_j = outcome | Y = class)` per LF, abstain as outcome 0.
    public var tables: ConditionalTables
    /// The learned class prior.
    public var classPrior: [Double]

    public init(accuracies: [Double], tables: ConditionalTables, classPrior: [Double]) {
        self.accuracies = accuracies
        self.tables = tables
        self.classPrior = classPrior
    }
}

extension LabelModel {
    /// The label of each row (argmax of the probabilities, ties settled by `tiePolicy`).
    public func predict(_ votes: VoteMatrix, tiePolicy: TiePolicy = .abstain) throws -> [Int] {
        try predictProbabilities(votes).predictions(tiePolicy: tiePolicy, votes: votes)
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
