/// How well predicted labels match gold labels.
///
/// Every row counts: a prediction of ``VoteMatrix/abstain`` is a wrong answer for accuracy and
/// a negative for every class's F1, and lowers ``coverage``.
///
/// ```swift
/// let metrics = ClassificationMetrics(predictions: [1, 0, -1, 1], gold: [1, 0, 1, 0], classCount: 2)
/// metrics.accuracy   // 0.5
/// metrics.coverage   // 0.75
/// metrics.f1(ofClass: 1)  // precision 1/2, recall 1/2 → 0.5
/// ```
public struct ClassificationMetrics: Sendable, Equatable, Codable {
    /// Number of rows scored.
    public let rowCount: Int
    /// Fraction of rows whose prediction equals the gold label.
    public let accuracy: Double
    /// Fraction of rows with a prediction (not abstain).
    public let coverage: Double
    /// F1 per class, 0 for a class with no gold and no predicted rows.
    public let classF1: [Double]
    /// Mean F1 over the classes that occur in the gold labels or the predictions.
    public let macroF1: Double

    /// Scores `predictions` against `gold`.
    /// - Precondition: both have the same length; gold labels lie in `0..<classCount`.
    public init(predictions: [Int], gold: [Int], classCount: Int) {
        self.init(confusion: ConfusionMatrix(predictions: predictions, gold: gold, classCount: classCount))
    }

    /// Scores from a confusion matrix: the same numbers as from the predictions it counts.
    public init(confusion: ConfusionMatrix) {
        let classes = 0..<confusion.classCount
        self.init(truePositives: classes.map(confusion.correct(of:)), predicted: classes.map(confusion.predictedCount(of:)),
                  actual: classes.map(confusion.support(of:)))
    }

    /// Scores from whole per-class counts: right predictions, predictions (abstains excluded)
    /// and gold labels of each class.
    init(truePositives: [Int], predicted: [Int], actual: [Int]) {
        self.init(truePositives: truePositives.map(Double.init), predicted: predicted.map(Double.init), actual: actual.map(Double.init))
    }

    /// Scores from per-class counts, whole or expected (``ExpectedLabelCounts``): right
    /// predictions, predictions (abstains excluded) and gold labels of each class.
    init(truePositives: [Double], predicted: [Double], actual: [Double]) {
        let classCount = actual.count
        let total = actual.reduce(0, +), count = max(total, 1)
        rowCount = Int(total.rounded())
        accuracy = truePositives.reduce(0, +) / count
        coverage = predicted.reduce(0, +) / count
        let f1 = (0..<classCount).map { label in
            let denominator = predicted[label] + actual[label]
            return denominator == 0 ? 0 : 2 * truePositives[label] / denominator
        }
        let present = (0..<classCount).filter { predicted[$0] + actual[$0] > 0 }
        classF1 = f1
        macroF1 = present.isEmpty ? 0 : present.map { f1[$0] }.reduce(0, +) / Double(present.count)
    }

    /// F1 of one class, e.g. the positive class 1 of a binary task.
    public func f1(ofClass label: Int) -> Double { classF1[label] }
}
