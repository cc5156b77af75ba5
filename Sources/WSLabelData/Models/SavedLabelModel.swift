import Foundation
import WSLabelCore

/// A fitted label model as a JSON file, so new votes can be labeled without re-fitting.
///
/// The format (`wslabel-label-model`, version 2), keys sorted, snake_case throughout:
///
/// ```json
/// {
///   "format": "wslabel-label-model", "version": 2,
///   "kind": "em",                              // or "mv": majority vote, no "generative", and
///                                              // "ties" (``SavedMajorityVoteTies``) when saved
///   "label_names": ["HAM", "SPAM"],            // class names by class index
///   "lf_count": 10,                            // vote columns the model expects
///   "generative": {                            // kind "em" only
///     "class_prior": [0.6, 0.4],               // P(Y = c)
///     "label_distribution": [0.58, 0.42],      // expected class shares of the train rows (ties)
///     "tables": {"lf_count": 10, "class_count": 2,
///                "probabilities": [0.7, 0.25, 0.05, …]},   // [lf][true class][abstain, vote 0, vote 1, …]
///     "options": {"tables": "tied",            // or "full"
///                 "class_balance": {"kind": "fixed", "probabilities": [0.6, 0.4]},
///                                              // or {"kind": "estimated"}; absent: uniform
///                 "prior_strength": 10, "prior_unit": "training_rows",   // or "lf_votes"
///                 "prior_accuracy": 0.7, "abstain_weight": 0.5,
///                 "max_iterations": 500, "tolerance": 1e-06,
///                 "lf_weights": [1, 0.5, …]},  // optional
///     "fit_report": {"iterations": 22, "converged": true, "log_likelihood": -119.9,
///                    "pattern_count": 22, "row_count": 30}
///   }
/// }
/// ```
///
/// Version 1 (wslabel before issue 15) held the same values with camelCase keys
/// (`labelNames`, `classPrior`, …), the class balance as `{"fixed": {"_0": […]}}` or
/// `{"estimated": {}}` and the prior unit as `trainingRows` / `lfVotes`; ``load(from:)`` still
/// reads it, and ``save(to:)`` always writes version 2.
///
/// ```swift
/// try SavedLabelModel(model: fitted, labelNames: ["HAM", "SPAM"]).save(to: url)
/// let loaded = try SavedLabelModel.load(from: url)
/// let labels = try loaded.labelModel.predictProbabilities(newVotes)
/// ```
public struct SavedLabelModel: Codable, Sendable {
    /// The format's name and the version ``save(to:)`` writes, checked on load.
    public static let formatName = "wslabel-label-model"
    public static let formatVersion = 2
    /// The versions ``load(from:)`` reads.
    public static let readableVersions = 1...formatVersion

    public let format: String
    /// The version of the file the model was read from (``formatVersion`` for a new model).
    public let version: Int
    /// Class names by index.
    public let labelNames: [String]
    /// The model's ``LabelModelKind``, as its raw value (`em` or `mv`), so that a file naming
    /// an unknown kind is reported by name on load.
    public let kind: String
    /// Number of LFs the model expects.
    public let lfCount: Int
    /// The generative model's parameters (`kind == "em"`).
    public let generative: GenerativeLabelModel?
    /// Majority vote's rule for the items it cannot decide (`kind == "mv"`). Absent from files
    /// written before wslabel saved it: those models leave every tie unlabeled in `predict`, as
    /// they always did.
    public let ties: SavedMajorityVoteTies?

    private enum CodingKeys: String, CodingKey {
        case format, version, labelNames, kind, lfCount, generative, ties
    }

    /// Wraps a fitted model.
    /// - Parameters:
    ///   - seed: the seed of the run's random tie-breaks, saved with a majority-vote model so
    ///     that `predict` draws the same classes among tied voters as the fit did.
    public init(model: any LabelModel, labelNames: [String], seed: UInt64? = nil) {
        precondition(labelNames.count == model.classCount, "one name per class")
        format = Self.formatName
        version = Self.formatVersion
        self.labelNames = labelNames
        lfCount = model.lfCount
        kind = model.kind.rawValue
        switch model.savedParameters {
        case let .majorityVote(majority):
            generative = nil
            ties = majority.uncoveredPrior.map { SavedMajorityVoteTies(prior: $0, seed: seed) }
        case let .generative(parameters):
            generative = parameters
            ties = nil
        }
    }

    /// The model's parameters (checked by ``load(from:)``).
    public var parameters: SavedLabelModelParameters {
        generative.map { .generative($0) }
            ?? .majorityVote(MajorityVote(lfCount: lfCount, classCount: labelNames.count, uncoveredPrior: ties?.classPrior))
    }

    /// The model, ready to predict.
    public var labelModel: any LabelModel { parameters.labelModel }

    /// The model's own tie policy as the fit applied it: majority vote's with the saved seed.
    public var tiePolicy: TiePolicy { labelModel.tiePolicy(seed: ties?.seed) }

    /// Writes the model as JSON in the current format (version ``formatVersion``, snake_case
    /// keys), sorted, so the same model always gives the same bytes.
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try AtomicFile.write(try encoder.encode(self), to: url)
    }

    /// Encodes the model in the current format, whatever version it was read from.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatName, forKey: .format)
        try container.encode(Self.formatVersion, forKey: .version)
        try container.encode(labelNames, forKey: .labelNames)
        try container.encode(kind, forKey: .kind)
        try container.encode(lfCount, forKey: .lfCount)
        try container.encodeIfPresent(generative, forKey: .generative)
        try container.encodeIfPresent(ties, forKey: .ties)
    }

    /// Reads a model written by ``save(to:)``, in the current format or version 1, and checks
    /// all of it, so that the model can predict: the format and version, 2 to ``VoteMatrix/maxClassCount`` distinct, non-empty
    /// label names, `lfCount` within ``VoteMatrix/maxLFCount``, the kind, and for `em` every
    /// table and distribution (see ``GenerativeLabelModel/init(from:)``: shapes implied by the
    /// class and LF counts, probabilities in [0, 1], distributions summing to 1 within 1e-6).
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the file and the field path of the
    ///   first problem as the file spells it (e.g. `model.json: field generative.tables.probabilities[7]: …`);
    ///   ``WSLabelError/fileAccess(path:_:)`` when the file cannot be read.
    public static func load(from url: URL) throws -> SavedLabelModel {
        let data = try readData(url)
        let version = try ModelFile.checkFormat(of: data, file: url.path, name: formatName, versions: readableVersions)
        // Fields are named in errors as the file spells them: camelCase in version 1.
        func spelled(_ field: String) -> String {
            version == 1 ? field : field.split(separator: ".").map { ModelFile.snakeCase(String($0)) }.joined(separator: ".")
        }
        func fail(_ field: String, _ message: String) -> WSLabelError {
            .malformedInput(SourceLocation(file: url.path, field: spelled(field)), message)
        }
        let saved = try ModelFile.decode(SavedLabelModel.self, from: data, file: url.path, snakeCaseKeys: version >= 2)
        if let problem = ClassNames.firstProblem(in: saved.labelNames) {
            throw fail("labelNames" + (problem.index.map { "[\($0)]" } ?? ""), problem.message)
        }
        guard (0...VoteMatrix.maxLFCount).contains(saved.lfCount) else {
            throw fail("lfCount", "\(saved.lfCount) LFs: a model holds 0 to \(VoteMatrix.maxLFCount)")
        }
        switch (LabelModelKind(rawValue: saved.kind), saved.generative) {
        case (.mv?, nil), (.em?, _?): break
        case (.mv?, _?): throw fail("generative", "a majority-vote model (kind mv) has no generative parameters")
        case (.em?, nil): throw fail("generative", "missing: an em model needs its parameters")
        case (nil, _): throw fail("kind", "unknown model kind \"\(saved.kind)\"; expected \(LabelModelKind.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        if let ties = saved.ties {
            guard saved.kind == LabelModelKind.mv.rawValue else { throw fail("ties", "only a majority-vote model (kind mv) has saved ties") }
            try ties.check(classCount: saved.labelNames.count) { fail($0, $1) }
        }
        if let tables = saved.generative?.tables {
            guard tables.lfCount == saved.lfCount else {
                throw fail("generative.tables.lfCount", "\(tables.lfCount) LFs, but \(spelled("lfCount")) is \(saved.lfCount)")
            }
            guard tables.classCount == saved.labelNames.count else {
                throw fail("generative.tables.classCount", "\(tables.classCount) classes, but \(spelled("labelNames")) has \(saved.labelNames.count)")
            }
        }
        return saved
    }
}
