/// Per-class counts of right answers, answers and gold labels where some answers are noisy —
/// right with a known probability — so that their scores are expectations, not one draw.
///
/// A noisy label (a person's, say, right with probability `a`) counts `a` toward its gold
/// class and `(1 − a) / (classes − 1)` toward each other class: when wrong, it is equally
/// likely to be any wrong class. Accuracy and coverage of ``metrics`` are then exactly the
/// expected accuracy and coverage; F1 is computed from the expected counts — the ratio of
/// expectations, which differs from the expected F1 by O(1/rows) — so the scores are
/// deterministic without a simulation.
///
/// ```swift
/// var counts = ExpectedLabelCounts(classCount: 2)
/// counts.add(prediction: 1, gold: 1)                  // a model's label, right
/// counts.addNoisyLabel(accuracy: 0.8, gold: 0)        // a person's: right 80% of the time
/// counts.metrics.accuracy                             // (1 + 0.8) / 2 = 0.9
/// ```
public struct ExpectedLabelCounts: Sendable, Equatable {
    /// Number of classes.
    public let classCount: Int
    private var truePositives: [Double]
    private var predicted: [Double]
    private var actual: [Double]

    /// Empty counts.
    /// - Precondition: at least two classes.
    public init(classCount: Int) {
        precondition(classCount >= 2, "at least two classes")
        self.classCount = classCount
        truePositives = [Double](repeating: 0, count: classCount)
        predicted = truePositives
        actual = truePositives
    }

    /// Counts one row whose label is `prediction` (``VoteMatrix/abstain``: no label).
    /// - Precondition: `gold` and `prediction` (unless abstain) lie in `0..<classCount`.
    public mutating func add(prediction: Int, gold: Int) {
        precondition((0..<classCount).contains(gold), "gold label \(gold) out of range")
        actual[gold] += 1
        guard prediction != VoteMatrix.abstain else { return }
        precondition((0..<classCount).contains(prediction), "label \(prediction) out of range")
        predicted[prediction] += 1
        if prediction == gold { truePositives[gold] += 1 }
    }

    /// Counts one row labeled by a source right with probability `accuracy` and otherwise
    /// equally likely to give any wrong class.
    /// - Precondition: `accuracy` in [0, 1]; `gold` in `0..<classCount`.
    public mutating func addNoisyLabel(accuracy: Double, gold: Int) {
        precondition((0...1).contains(accuracy), "an accuracy is a probability")
        precondition((0..<classCount).contains(gold), "gold label \(gold) out of range")
        actual[gold] += 1
        truePositives[gold] += accuracy
        let wrong = (1 - accuracy) / Double(classCount - 1)
        for label in 0..<classCount { predicted[label] += label == gold ? accuracy : wrong }
    }

    /// The scores of the rows counted.
    public var metrics: ClassificationMetrics {
        ClassificationMetrics(truePositives: truePositives, predicted: predicted, actual: actual)
    }
}
