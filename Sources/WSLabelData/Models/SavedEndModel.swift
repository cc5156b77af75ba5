import Foundation
import WSLabelCore

/// A trained ``EndModel`` as a JSON file, so `wslabel classify` can label new items.
///
/// The format (`wslabel-end-model`, version 1), keys sorted, snake_case:
///
/// ```json
/// {
///   "format": "wslabel-end-model", "version": 1,
///   "label_names": ["HAM", "SPAM"],
///   "features": {"word_ngrams": [1, 2], "character_ngrams": [2, 4], "hash_bits": 20,
///                "sublinear_tf": true, "min_document_frequency": 2},
///   "buckets": [17, 4711, …],                 // kept hashed n-grams, ascending
///   "idf": [3.1, 2.4, …],                     // one per bucket
///   "numeric_fields": [{"name": "price", "mean": 12.5, "standard_deviation": 4.1}],   // optional
///   "weights": [0.12, -0.12, …],              // (buckets + numeric fields) × classes, row-major
///   "biases": [0.3, -0.3],                    // one per class
///   "training": {"c": 10, "chosen_on_dev": true, "training_items": 1390, …}
/// }
/// ```
///
/// Features are the buckets, then the numeric fields (each value standardized, clipped to ±5,
/// 0 when missing: ``NumericFeatures``). A bucket is `family << hash_bits | hash`, family 0 for words and 1 for characters, the hash
/// being FNV-1a over the n-gram's Unicode scalars finished by SplitMix64's mixer
/// (``HashedText``); `training` records how the model was made and is not needed to predict.
///
/// ```swift
/// try SavedEndModel(model: training.model, training: .init(training)).save(to: url)
/// let model = try SavedEndModel.load(from: url).model
/// ```
public struct SavedEndModel: Sendable, Equatable {
    public static let formatName = "wslabel-end-model"
    public static let formatVersion = 1

    /// The model.
    public let model: EndModel
    /// How it was trained.
    public let training: TrainingRecord

    /// How a saved end model was trained, kept for the people who read the file.
    public struct TrainingRecord: Codable, Sendable, Equatable {
        /// scikit-learn's `C`: the inverse of the L2 regularization's strength.
        public var c: Double
        /// Whether a dev split's gold labels chose `c`.
        public var chosenOnDev: Bool
        /// Items the fit learned from.
        public var trainingItems: Int
        /// Train items left out because no LF voted on them.
        public var uncoveredItems: Int
        /// The item weighting (`uniform` or `confidence`).
        public var weighting: String

        public init(c: Double, chosenOnDev: Bool, trainingItems: Int, uncoveredItems: Int, weighting: String) {
            self.c = c
            self.chosenOnDev = chosenOnDev
            self.trainingItems = trainingItems
            self.uncoveredItems = uncoveredItems
            self.weighting = weighting
        }

        /// The record of `training`.
        public init(_ training: EndModelTraining) {
            self.init(c: training.inverseRegularization, chosenOnDev: training.chosenOnDev, trainingItems: training.trainingItems,
                      uncoveredItems: training.uncoveredItems, weighting: training.weighting.rawValue)
        }

        enum CodingKeys: String, CodingKey {
            case c, chosenOnDev = "chosen_on_dev", trainingItems = "training_items", uncoveredItems = "uncovered_items", weighting
        }
    }

    public init(model: EndModel, training: TrainingRecord) {
        self.model = model
        self.training = training
    }

    /// Writes the model as JSON with sorted keys: the same model always gives the same bytes.
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(File(self)), to: url)
    }

    /// Reads a model written by ``save(to:)`` and checks all of it, so that it can predict:
    /// format and version, label names, feature settings, buckets ascending and inside their
    /// families, one finite positive IDF per bucket, one finite weight per bucket and class,
    /// one finite bias per class.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the file and the field of the
    ///   first problem; ``WSLabelError/fileAccess(path:_:)`` when the file cannot be read.
    public static func load(from url: URL) throws -> SavedEndModel {
        let data = try readData(url)
        try ModelFile.checkFormat(of: data, file: url.path, name: formatName, versions: formatVersion...formatVersion)
        let file = try ModelFile.decode(File.self, from: data, file: url.path)
        func fail(_ field: String, _ message: String) -> WSLabelError {
            .malformedInput(SourceLocation(file: url.path, field: field), message)
        }
        if let problem = ClassNames.firstProblem(in: file.labelNames) {
            throw fail("label_names" + (problem.index.map { "[\($0)]" } ?? ""), problem.message)
        }
        let settings = try file.features.settings(fail: fail)
        do { try settings.validate() } catch let WSLabelError.invalidArgument(message) { throw fail("features", message) }
        let classCount = file.labelNames.count
        let familyLimit = UInt32(HashedText.Family.allCases.count) << UInt32(settings.hashBits)
        for (index, bucket) in file.buckets.enumerated() {
            guard bucket < familyLimit else { throw fail("buckets[\(index)]", "\(bucket) is outside every n-gram family of \(settings.hashBits) hash bits") }
            guard index == 0 || file.buckets[index - 1] < bucket else {
                throw fail("buckets[\(index)]", file.buckets[index - 1] == bucket ? "bucket \(bucket) appears twice" : "buckets must ascend")
            }
        }
        guard file.idf.count == file.buckets.count else {
            throw fail("idf", "\(file.idf.count) values for \(file.buckets.count) buckets")
        }
        if let bad = file.idf.firstIndex(where: { !($0.isFinite && $0 > 0) }) { throw fail("idf[\(bad)]", "must be a positive number") }
        let numericFields = file.numericFields ?? []
        for (index, field) in numericFields.enumerated() {
            guard !field.name.isEmpty, numericFields.prefix(index).allSatisfy({ $0.name != field.name }) else {
                throw fail("numeric_fields[\(index)].name", "must be a non-empty name, once")
            }
            guard field.mean.isFinite, field.standardDeviation.isFinite, field.standardDeviation > 0 else {
                throw fail("numeric_fields[\(index)]", "needs a finite mean and a positive standard deviation")
            }
        }
        let featureCount = file.buckets.count + numericFields.count
        guard file.weights.count == featureCount * classCount else {
            let features = numericFields.isEmpty ? "\(file.buckets.count) buckets" : "(\(file.buckets.count) buckets + \(numericFields.count) numeric fields)"
            throw fail("weights", "\(file.weights.count) values; \(features) × \(classCount) classes need \(featureCount * classCount)")
        }
        if let bad = file.weights.firstIndex(where: { !$0.isFinite }) { throw fail("weights[\(bad)]", "must be a finite number") }
        guard file.biases.count == classCount else { throw fail("biases", "\(file.biases.count) values for \(classCount) classes") }
        if let bad = file.biases.firstIndex(where: { !$0.isFinite }) { throw fail("biases[\(bad)]", "must be a finite number") }
        let features = TFIDFWeights(settings: settings, buckets: file.buckets, inverseDocumentFrequencies: file.idf)
        let classifier = SoftmaxRegression(classCount: classCount, featureCount: featureCount, weights: file.weights, biases: file.biases)
        let numeric = NumericFeatures(fields: numericFields.map { .init(name: $0.name, mean: $0.mean, standardDeviation: $0.standardDeviation) })
        return SavedEndModel(model: EndModel(labelNames: file.labelNames, features: features, numeric: numeric, classifier: classifier),
                             training: file.training)
    }

    /// The file's layout.
    private struct File: Codable {
        var format: String
        var version: Int
        var labelNames: [String]
        var features: FeatureSettings
        var buckets: [UInt32]
        var idf: [Double]
        /// Absent when the model reads no numeric field.
        var numericFields: [NumericField]?
        var weights: [Double]
        var biases: [Double]
        var training: TrainingRecord

        init(_ saved: SavedEndModel) {
            format = SavedEndModel.formatName
            version = SavedEndModel.formatVersion
            labelNames = saved.model.labelNames
            features = FeatureSettings(saved.model.features.settings)
            buckets = saved.model.features.buckets
            idf = saved.model.features.inverseDocumentFrequencies
            let fields = saved.model.numeric.fields
            numericFields = fields.isEmpty ? nil : fields.map { NumericField(name: $0.name, mean: $0.mean, standardDeviation: $0.standardDeviation) }
            weights = saved.model.classifier.weights
            biases = saved.model.classifier.biases
            training = saved.training
        }

        enum CodingKeys: String, CodingKey {
            case format, version, labelNames = "label_names", features, buckets, idf, numericFields = "numeric_fields", weights, biases, training
        }
    }

    /// A numeric field as the file spells it.
    private struct NumericField: Codable {
        var name: String
        var mean: Double
        var standardDeviation: Double

        enum CodingKeys: String, CodingKey {
            case name, mean, standardDeviation = "standard_deviation"
        }
    }

    /// ``TextFeatureSettings`` as the file spells them: n-gram ranges as `[low, high]` pairs.
    private struct FeatureSettings: Codable {
        var wordNGrams: [Int]?
        var characterNGrams: [Int]?
        var hashBits: Int
        var sublinearTF: Bool
        var minDocumentFrequency: Int

        init(_ settings: TextFeatureSettings) {
            wordNGrams = settings.wordNGrams.map { [$0.lowerBound, $0.upperBound] }
            characterNGrams = settings.characterNGrams.map { [$0.lowerBound, $0.upperBound] }
            hashBits = settings.hashBits
            sublinearTF = settings.sublinearTermFrequency
            minDocumentFrequency = settings.minDocumentFrequency
        }

        /// The settings, or the field and message of the first n-gram range that is not `[low, high]`.
        func settings(fail: (String, String) -> WSLabelError) throws -> TextFeatureSettings {
            func range(_ pair: [Int]?, _ field: String) throws -> ClosedRange<Int>? {
                guard let pair else { return nil }
                guard pair.count == 2, pair[0] <= pair[1] else { throw fail("features.\(field)", "expected [shortest, longest], found \(pair)") }
                return pair[0]...pair[1]
            }
            return TextFeatureSettings(wordNGrams: try range(wordNGrams, "word_ngrams"), characterNGrams: try range(characterNGrams, "character_ngrams"),
                                       hashBits: hashBits, sublinearTermFrequency: sublinearTF, minDocumentFrequency: minDocumentFrequency)
        }

        enum CodingKeys: String, CodingKey {
            case wordNGrams = "word_ngrams", characterNGrams = "character_ngrams", hashBits = "hash_bits", sublinearTF = "sublinear_tf"
            case minDocumentFrequency = "min_document_frequency"
        }
    }
}
