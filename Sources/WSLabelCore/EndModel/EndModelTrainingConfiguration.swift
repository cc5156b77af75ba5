/// How ``EndModelTraining`` trains: the features, the regularization (chosen on a dev split
/// with gold labels, or fixed), which training items teach and how much.
public struct EndModelTrainingConfiguration: Sendable, Equatable {
    /// How item text becomes features.
    public var features = TextFeatureSettings()
    /// Numeric item fields to use beside the text (``NumericFeatures``).
    public var numericFields: [String] = []
    /// The values of scikit-learn's `C` (inverse regularization) tried on the dev split, from
    /// the strongest regularization up; each fit starts from the one before.
    public var inverseRegularizationGrid: [Double] = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]
    /// `C` when no dev split has gold labels, or when the caller fixes it.
    public var inverseRegularization: Double?
    /// The `C` used without a dev split: scikit-learn's default.
    public static let defaultInverseRegularization = 1.0
    /// The metric that chooses `C` on the dev split.
    public var selectionMetric: SelectionMetric = .accuracy
    /// How much each training item teaches; `nil`: chosen on the dev split with `C`, among
    /// ``Weighting/confidence`` and ``Weighting/uniform`` (ties to confidence), and
    /// ``Weighting/confidence`` without dev gold.
    public var weighting: Weighting?
    /// The weightings tried when none is fixed, the first also the choice without dev gold:
    /// a label model's confident items are its right ones far more often than its coin flips
    /// (benchmarks/RESULTS.md), so by default they teach more.
    public static let weightingCandidates: [Weighting] = [.confidence, .uniform]
    /// Worker threads (nil: every core). The model does not depend on them.
    public var threads: Int?

    /// How much each training item teaches.
    public enum Weighting: String, Sendable, CaseIterable {
        /// Every covered item counts once; its soft label says how sure it is.
        case uniform
        /// Items count by the label model's confidence above chance,
        /// `(max p − 1/k) / (1 − 1/k)` for `k` classes: a coin-flip item teaches nothing.
        case confidence

        /// The weight of an item whose target distribution is `distribution`.
        public func weight(of distribution: ArraySlice<Double>) -> Double {
            switch self {
            case .uniform: return 1
            case .confidence:
                let chance = 1 / Double(distribution.count)
                return max(0, ((distribution.max() ?? chance) - chance) / (1 - chance))
            }
        }
    }

    public init() {}

    /// Checks the settings, naming the first bad one.
    public func validate() throws {
        try features.validate()
        for value in inverseRegularizationGrid + [inverseRegularization].compactMap({ $0 }) where !(value > 0 && value.isFinite) {
            throw WSLabelError.invalidArgument("the regularization C must be a positive number, not \(value)")
        }
        guard !inverseRegularizationGrid.isEmpty else { throw WSLabelError.invalidArgument("the C grid is empty") }
        if let repeated = numericFields.first(where: { name in numericFields.filter { $0 == name }.count > 1 }) {
            throw WSLabelError.invalidArgument("numeric field \(repeated) is named twice")
        }
    }
}
