import Foundation

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
    /// `em` or `mv`.
    public let kind: String
    /// Number of LFs the model expects.
    public let lfCount: Int
    /// The generative model's parameters (`kind == "em"`).
    public let generative: GenerativeLabelModel?

    /// Wraps a fitted model.
    public init(model: any LabelModel, labelNames: [String]) {
        precondition(labelNames.count == model.classCount, "one name per class")
        format = Self.formatName
        version = Self.formatVersion
        self.labelNames = labelNames
        lfCount = model.lfCount
        generative = model as? GenerativeLabelModel
        kind = generative == nil ? "mv" : "em"
    }

    /// The model, ready to predict.
    public var labelModel: any LabelModel {
        generative ?? MajorityVote(lfCount: lfCount, classCount: labelNames.count)
    }

    /// Writes the model as JSON with sorted keys (the same model always gives the same bytes).
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(self), to: url)
    }

    /// Reads a model written by ``save(to:)``.
    /// - Throws: ``WSLabelError`` when the file is missing, not JSON, or not a wslabel model.
    public static func load(from url: URL) throws -> SavedLabelModel {
        let data = try readData(url)
        let saved: SavedLabelModel
        do {
            saved = try JSONDecoder().decode(SavedLabelModel.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path, field: (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")),
                                              "missing; is this a model saved by wslabel?")
        } catch {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path), "not a wslabel model file: \(error.localizedDescription)")
        }
        guard saved.format == formatName, saved.version == formatVersion else {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path, field: "format"),
                                              "expected \(formatName) version \(formatVersion), found \(saved.format) version \(saved.version)")
        }
        guard saved.kind == "mv" || (saved.kind == "em" && saved.generative != nil) else {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path, field: "kind"), "unknown model kind \"\(saved.kind)\"")
        }
        if let generative = saved.generative, generative.classCount != saved.labelNames.count || generative.lfCount != saved.lfCount {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path, field: "generative"), "parameters do not match label_names / lfCount")
        }
        return saved
    }
}
