import Foundation

/// Where in a user's input something went wrong: file, line, record and field, as far as known.
///
/// Every reader attaches one to its errors so that a message points at the exact spot to fix,
/// e.g. `train.json:46: record "45", field weak_labels[3]: vote 7 is out of range 0..<2`.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var record: String?
    public var field: String?

    public init(file: String? = nil, line: Int? = nil, record: String? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.record = record
        self.field = field
    }

    public var description: String {
        var parts: [String] = []
        switch (file, line) {
        case let (file?, line?): parts.append("\(file):\(line)")
        case let (file?, nil): parts.append(file)
        case let (nil, line?): parts.append("line \(line)")
        case (nil, nil): break
        }
        var detail: [String] = []
        if let record { detail.append("record \"\(record)\"") }
        if let field { detail.append("field \(field)") }
        if !detail.isEmpty { parts.append(detail.joined(separator: ", ")) }
        return parts.joined(separator: ": ")
    }
}

/// Every error wslabel reports to a user. The CLI maps these to messages and exit codes.
public enum WSLabelError: Error, LocalizedError, Equatable {
    /// Input that cannot be read as what it claims to be (bad JSON, ragged rows, votes out of range).
    case malformedInput(SourceLocation, String)
    /// A file or folder that cannot be opened, read or written.
    case fileAccess(path: String, String)
    /// An argument or option whose value cannot work (e.g. an unknown model name).
    case invalidArgument(String)
    /// A saved model that does not fit the votes it is asked to label.
    case incompatibleModel(String)

    public var errorDescription: String? {
        switch self {
        case let .malformedInput(location, message):
            let prefix = location.description
            return prefix.isEmpty ? message : "\(prefix): \(message)"
        case let .fileAccess(path, message):
            return "\(path): \(message)"
        case let .invalidArgument(message):
            return message
        case let .incompatibleModel(message):
            return "incompatible model: \(message)"
        }
    }

    /// A copy of a `malformedInput` error with the unknown parts of its location filled in from
    /// `outer` (a reader knows the file; the code it calls knows the row and field).
    package func locatedIn(_ outer: SourceLocation) -> WSLabelError {
        guard case let .malformedInput(inner, message) = self else { return self }
        var merged = inner
        merged.file = inner.file ?? outer.file
        merged.line = inner.line ?? outer.line
        merged.record = inner.record ?? outer.record
        merged.field = inner.field ?? outer.field
        return .malformedInput(merged, message)
    }
}
