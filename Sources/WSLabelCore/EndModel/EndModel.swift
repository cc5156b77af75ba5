/// A classifier of item text trained on a label model's probabilistic labels: TF-IDF weights of
/// hashed n-grams (``TFIDFWeights``) and a multinomial logistic regression over them
/// (``SoftmaxRegression``). It labels every item, LF votes or not.
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
    /// The classifier over those features.
    public let classifier: SoftmaxRegression

    /// An end model of these parts.
    /// - Precondition: the classifier has one output per label and one input per feature.
    public init(labelNames: [String], features: TFIDFWeights, classifier: SoftmaxRegression) {
        precondition(classifier.classCount == labelNames.count && classifier.featureCount == features.featureCount,
                     "the classifier must fit the labels and features")
        self.labelNames = labelNames
        self.features = features
        self.classifier = classifier
    }

    /// The feature rows of `texts`, made on `threads` threads (the rows do not depend on them).
    public func featureRows(_ texts: some Sequence<String>, threads: Int? = nil) -> SparseRows {
        features.rows(HashedText.hashing(Array(texts), settings: features.settings, threads: threads), threads: threads)
    }

    /// Class probabilities of each text.
    /// - Parameter threads: worker threads; the result does not depend on them.
    public func probabilities(of texts: some Sequence<String>, threads: Int? = nil) -> ProbabilisticLabels {
        classifier.probabilities(featureRows(texts, threads: threads), threads: threads)
    }
}
