/// One class's scores against gold labels, as scikit-learn's `classification_report` gives
/// them: precision, recall, F1 and support.
///
/// An item given no label is a miss for recall and nothing for precision; a score whose
/// denominator is zero (no item labeled the class, or none of it in the gold labels) is 0, as
/// scikit-learn's default. F1 is `2·correct / (predicted + support)`, the harmonic mean of
/// precision and recall, and the same number as ``ClassificationMetrics/classF1``.
///
/// ```swift
/// let scores = ClassScores(correct: 2, predicted: 2, support: 3)
/// scores.precision  // 1
/// scores.recall     // 2/3
/// scores.f1         // 0.8
/// ```
public struct ClassScores: Sendable, Equatable {
    /// Items of the class that were labeled it.
    public let correct: Int
    /// Items labeled the class.
    public let predicted: Int
    /// Items of the class in the gold labels.
    public let support: Int

    public init(correct: Int, predicted: Int, support: Int) {
        precondition(correct >= 0 && correct <= predicted && correct <= support, "correct items are among the predicted and the gold")
        self.correct = correct
        self.predicted = predicted
        self.support = support
    }

    /// Share of the items labeled the class that are of it; 0 when none was labeled it.
    public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    /// Share of the class's items labeled it; 0 when it has none.
    public var recall: Double { support == 0 ? 0 : Double(correct) / Double(support) }
    /// Harmonic mean of precision and recall; 0 when the class is neither predicted nor present.
    public var f1: Double { predicted + support == 0 ? 0 : 2 * Double(correct) / Double(predicted + support) }
}
