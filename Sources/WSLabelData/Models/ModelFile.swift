import Foundation
import WSLabelCore

/// What saved models (``SavedLabelModel``, ``SavedEndModel``) share: a format name and version
/// read first, and JSON decoding whose failures name the file and the field path.
enum ModelFile {
    /// The fields that say what a file is.
    struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    /// Checks the format name and version first, so a file of another version fails on that,
    /// not on a field it lacks.
    static func checkFormat(of data: Data, file: String, name: String, version: Int) throws {
        let header = try decode(Header.self, from: data, file: file)
        guard header.format == name, header.version == version else {
            throw WSLabelError.malformedInput(SourceLocation(file: file, field: "format"),
                "expected \(name) version \(version), found \(header.format ?? "no format") version \(header.version.map(String.init) ?? "none")")
        }
    }

    /// `T` from JSON `data`, every decoding failure turned into an error naming `file` and the
    /// field path (`generative.tables.probabilities[7]`).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        func fail(_ path: [any CodingKey], _ message: String) -> WSLabelError {
            let field = path.map { key in key.intValue.map { "[\($0)]" } ?? "." + key.stringValue }.joined()
            return .malformedInput(SourceLocation(file: file, field: field.isEmpty ? nil : String(field.drop { $0 == "." })), message)
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw fail(context.codingPath + [key], "missing; is this a model saved by wslabel?")
        } catch let DecodingError.typeMismatch(expected, context) where !context.codingPath.isEmpty {
            let wanted = expected == Double.self || expected == Int.self ? "a number" : "\(expected)"
            throw fail(context.codingPath, "expected \(wanted): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw fail(context.codingPath, "missing (null)")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw fail(context.codingPath, context.debugDescription)
        } catch DecodingError.dataCorrupted {
            // At the top level: the bytes are not JSON at all.
            throw fail([], "not a wslabel model file: not valid JSON")
        } catch {
            throw fail([], "not a wslabel model file: \(error.localizedDescription)")
        }
    }
}
