/// A classifier of item text trained on a label model's probabilistic labels: TF-IDF weights of
/// hashed n-grams (``TFIDFWeights``), optionally standardized numeric fields
/// (``NumericFeatures``), and a logistic regression over them (``SoftmaxRegression``). It labels
/// every item, LF votes or not.
///
/// ```swift
/// let training = try EndModelTraining(labelNames: names, train: trainTexts, targets: run.results[0].probabilities,
///                                     covered: covered, dev: (devTexts, devGold), configuration: .init())
/// let probabilities = training.model.probabilities(of: ["win a free phone now"])
/// ```
public struct EndModel: Sendable, Equatable {
    /// Class names by index.
    public let labelNames: [String]
    /// How text becomes features.
    public let features: TFIDFWeights
    /// Numeric fields after the text features, in this order.
    public let numeric: NumericFeatures
    /// The classifier over those features.
    public let classifier: SoftmaxRegression

    /// An end model of these parts.
    /// - Precondition: the classifier has one output per label and one input per text and numeric feature.
    public init(labelNames: [String], features: TFIDFWeights, numeric: NumericFeatures = .none, classifier: SoftmaxRegression) {
        precondition(classifier.classCount == labelNames.count && classifier.featureCount == features.featureCount + numeric.fields.count,
                     "the classifier must fit the labels and features")
        self.labelNames = labelNames
        self.features = features
        self.numeric = numeric
        self.classifier = classifier
    }

    /// The feature rows of `texts` and, per numeric field, each item's value (`numbers`,
    /// empty without numeric fields), made on `threads` threads (the rows do not depend on them).
    public func featureRows(_ texts: some Sequence<String>, numbers: [[Double?]] = [], threads: Int? = nil) -> SparseRows {
        let rows = features.rows(HashedText.hashing(Array(texts), settings: features.settings, threads: threads), threads: threads)
        precondition(numbers.count == numeric.fields.count, "one column of values per numeric field")
        return rows.appendingColumns(numeric.fields.count) { numeric.entries(item: $0, values: numbers, firstColumn: features.featureCount) }
    }

    /// Class probabilities of each item, from its text and numeric fields (as ``featureRows(_:numbers:threads:)``).
    /// - Parameter threads: worker threads; the result does not depend on them.
    public func probabilities(of texts: some Sequence<String>, numbers: [[Double?]] = [], threads: Int? = nil) -> ProbabilisticLabels {
        classifier.probabilities(featureRows(texts, numbers: numbers, threads: threads), threads: threads)
    }
}
