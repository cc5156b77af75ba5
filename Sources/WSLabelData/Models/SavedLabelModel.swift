import Foundation
import WSLabelCore

/// A fitted label model as a JSON file, so new votes can be labeled without re-fitting.
///
/// ```swift
/// try SavedLabelModel(model: fitted, labelNames: ["HAM", "SPAM"]).save(to: url)
/// let loaded = try SavedLabelModel.load(from: url)
/// let labels = try loaded.labelModel.predictProbabilities(newVotes)
/// ```
public struct SavedLabelModel: Codable, Sendable {
    /// The format's name and version, checked on load.
    public static let formatName = "wslabel-label-model"
    public static let formatVersion = 1

    public let format: String
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

    /// Writes the model as JSON with sorted keys (the same model always gives the same bytes).
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(self), to: url)
    }

    /// Reads a model written by ``save(to:)`` and checks all of it, so that the model can
    /// predict: the format and version, 2 to ``VoteMatrix/maxClassCount`` distinct, non-empty
    /// label names, `lfCount` within ``VoteMatrix/maxLFCount``, the kind, and for `em` every
    /// table and distribution (see ``GenerativeLabelModel/init(from:)``: shapes implied by the
    /// class and LF counts, probabilities in [0, 1], distributions summing to 1 within 1e-6).
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the file and the field path of the
    ///   first problem (e.g. `model.json: field generative.tables.probabilities[7]: …`);
    ///   ``WSLabelError/fileAccess(path:_:)`` when the file cannot be read.
    public static func load(from url: URL) throws -> SavedLabelModel {
        let data = try readData(url)
        func fail(_ field: String?, _ message: String) -> WSLabelError {
            .malformedInput(SourceLocation(file: url.path, field: field), message)
        }
        try ModelFile.checkFormat(of: data, file: url.path, name: formatName, version: formatVersion)
        let saved = try ModelFile.decode(SavedLabelModel.self, from: data, file: url.path)
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
                throw fail("generative.tables.lfCount", "\(tables.lfCount) LFs, but lfCount is \(saved.lfCount)")
            }
            guard tables.classCount == saved.labelNames.count else {
                throw fail("generative.tables.classCount", "\(tables.classCount) classes, but labelNames has \(saved.labelNames.count)")
            }
        }
        return saved
    }
}
