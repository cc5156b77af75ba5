/// Items counted by gold class (rows) and predicted class (columns), with one more column for
/// the items given no label (a prediction of ``VoteMatrix/abstain``).
///
/// Every per-class and dataset-level score of a split follows from these counts:
/// ``classScores`` gives each class's precision, recall, F1 and support, and
/// ``ClassificationMetrics/init(confusion:)`` the accuracy, coverage and macro-F1.
///
/// A worked example (the unit tests check every number): three classes A, B, C and eight items,
/// one of them unlabeled.
///
/// ```swift
/// //  gold:       A A A  B B  C C C
/// //  predicted:  A A B  B –  C A C
/// let matrix = ConfusionMatrix(predictions: [0, 0, 1, 1, -1, 2, 0, 2],
///                              gold: [0, 0, 0, 1, 1, 2, 2, 2], classCount: 3)
/// //            A  B  C  (none)
/// //  gold A    2  1  0  0
/// //  gold B    0  1  0  1
/// //  gold C    1  0  2  0
/// matrix.count(gold: 2, predicted: 0)  // 1: one C item labeled A
/// matrix.unlabeled(gold: 1)            // 1
/// matrix.classScores[0]  // A: precision 2/3 (2 of 3 items labeled A), recall 2/3, F1 2/3, support 3
/// matrix.classScores[1]  // B: precision 1/2, recall 1/2 (the unlabeled B counts as missed), F1 1/2, support 2
/// matrix.classScores[2]  // C: precision 2/2, recall 2/3, F1 2·2/(2+3) = 0.8, support 3
/// ClassificationMetrics(confusion: matrix).accuracy  // 5/8
/// ```
public struct ConfusionMatrix: Sendable, Equatable {
    /// Number of classes; the matrix has one more column, for unlabeled items.
    public let classCount: Int
    /// Row-major counts: `classCount` rows of `classCount + 1` columns, the last the unlabeled.
    private var counts: [Int]

    /// Counts `predictions` against `gold`.
    /// - Parameters:
    ///   - predictions: a class per item, or ``VoteMatrix/abstain`` for no label.
    ///   - gold: the true class per item.
    ///   - classCount: the number of classes.
    /// - Precondition: both have the same length; gold labels and predictions other than
    ///   abstain lie in `0..<classCount`.
    /// - Complexity: O(items + classCount²).
    public init(predictions: [Int], gold: [Int], classCount: Int) {
        precondition(predictions.count == gold.count, "one prediction per gold label")
        self.classCount = classCount
        counts = [Int](repeating: 0, count: classCount * (classCount + 1))
        for (prediction, truth) in zip(predictions, gold) {
            precondition(truth >= 0 && truth < classCount, "gold label \(truth) out of range")
            precondition(prediction == VoteMatrix.abstain || (0..<classCount).contains(prediction), "prediction \(prediction) out of range")
            let column = prediction == VoteMatrix.abstain ? classCount : prediction
            counts[truth * (classCount + 1) + column] += 1
        }
    }

    /// Items of gold class `gold` labeled `predicted`.
    public func count(gold: Int, predicted: Int) -> Int { counts[gold * (classCount + 1) + predicted] }

    /// Items of gold class `gold` given no label.
    public func unlabeled(gold: Int) -> Int { counts[gold * (classCount + 1) + classCount] }

    /// Items of gold class `label` (the class's support).
    public func support(of label: Int) -> Int {
        (0...classCount).reduce(0) { $0 + counts[label * (classCount + 1) + $1] }
    }

    /// Items labeled `label`, whatever their gold class.
    public func predictedCount(of label: Int) -> Int {
        (0..<classCount).reduce(0) { $0 + count(gold: $1, predicted: label) }
    }

    /// Items of class `label` labeled `label`.
    public func correct(of label: Int) -> Int { count(gold: label, predicted: label) }

    /// Number of items counted.
    public var itemCount: Int { counts.reduce(0, +) }

    /// Whether any item was given no label (the unlabeled column is worth showing).
    public var hasUnlabeled: Bool { (0..<classCount).contains { unlabeled(gold: $0) > 0 } }

    /// Precision, recall, F1 and support of every class, by class index.
    public var classScores: [ClassScores] {
        (0..<classCount).map { ClassScores(correct: correct(of: $0), predicted: predictedCount(of: $0), support: support(of: $0)) }
    }
}
