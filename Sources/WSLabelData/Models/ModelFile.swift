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
    /// - Returns: the file's version, one of `versions`.
    @discardableResult
    static func checkFormat(of data: Data, file: String, name: String, versions: ClosedRange<Int>) throws -> Int {
        let header = try decode(Header.self, from: data, file: file)
        guard header.format == name, let version = header.version, versions.contains(version) else {
            let expected = versions.count == 1 ? "version \(versions.lowerBound)" : "version \(versions.lowerBound) to \(versions.upperBound)"
            throw WSLabelError.malformedInput(SourceLocation(file: file, field: "format"),
                "expected \(name) \(expected), found \(header.format ?? "no format") version \(header.version.map(String.init) ?? "none")")
        }
        return version
    }

    /// `T` from JSON `data`, every decoding failure turned into an error naming `file` and the
    /// field path (`generative.tables.probabilities[7]`).
    /// - Parameter snakeCaseKeys: the file spells keys in snake_case while `T`'s coding keys
    ///   are camelCase: keys are converted when read, and back in the field paths of errors.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String, snakeCaseKeys: Bool = false) throws -> T {
        func fail(_ path: [any CodingKey], _ message: String) -> WSLabelError {
            let field = path.map { key in
                key.intValue.map { "[\($0)]" } ?? "." + (snakeCaseKeys ? snakeCase(key.stringValue) : key.stringValue)
            }.joined()
            return .malformedInput(SourceLocation(file: file, field: field.isEmpty ? nil : String(field.drop { $0 == "." })), message)
        }
        let decoder = JSONDecoder()
        if snakeCaseKeys { decoder.keyDecodingStrategy = .convertFromSnakeCase }
        do {
            return try decoder.decode(type, from: data)
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

    /// `classPrior` as a snake_case file spells it: `class_prior`.
    static func snakeCase(_ camelCase: String) -> String {
        var result = ""
        for character in camelCase {
            if character.isUppercase {
                if !result.isEmpty { result += "_" }
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
