/// The dev-split metric that picks a model variant: the one the user will be judged on.
///
/// It matters: on a task with a rare positive class, the variant with the best accuracy can be
/// the one that never predicts the positive class.
public enum SelectionMetric: Sendable, Equatable, Codable {
    case accuracy
    /// F1 of one class (binary tasks: the positive class).
    case f1(positiveClass: Int)
    case macroF1

    /// The metrics by the names task files and command-line flags use; ``f1`` becomes a
    /// metric with a positive class.
    public enum Name: String, Sendable, CaseIterable {
        case accuracy, f1, macroF1 = "macro-f1"
    }

    /// The metric's value for `metrics`.
    public func value(of metrics: ClassificationMetrics) -> Double {
        switch self {
        case .accuracy: return metrics.accuracy
        case let .f1(positiveClass): return metrics.f1(ofClass: positiveClass)
        case .macroF1: return metrics.macroF1
        }
    }

    /// The name a person reads, with the positive class by its label: `accuracy`, `F1 of SPAM`,
    /// `macro-F1`.
    public func readableName(labelNames: [String]) -> String {
        switch self {
        case .accuracy: return "accuracy"
        case let .f1(positiveClass): return "F1 of " + (labelNames.indices.contains(positiveClass) ? labelNames[positiveClass] : "class \(positiveClass)")
        case .macroF1: return "macro-F1"
        }
    }

    /// A short name for machine-read reports (JSON), e.g. `f1[1]`.
    public var name: String {
        switch self {
        case .accuracy: return "accuracy"
        case let .f1(positiveClass): return "f1[\(positiveClass)]"
        case .macroF1: return "macro_f1"
        }
    }
}
