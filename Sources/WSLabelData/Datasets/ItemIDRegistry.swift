import WSLabelCore

/// The ids read so far and their lines, to reject duplicates: every reader of item ids (JSON
/// Lines and CSV items, WRENCH splits, vote CSVs) reports a repeated id the same way, naming
/// the file, the line, the id and the line where it first appeared.
package struct ItemIDRegistry {
    let file: String
    /// The field or column the ids are in, for messages (`nil` when the id is a record's key).
    let field: String?
    private var lines: [String: Int] = [:]

    package init(file: String, field: String?) {
        self.file = file
        self.field = field
    }

    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` when `id` was seen before, naming both lines.
    package mutating func register(_ id: String, line: Int) throws {
        if let first = lines[id] {
            throw WSLabelError.malformedInput(
                SourceLocation(file: file, line: line, record: id, field: field),
                "duplicate id: line \(line) repeats the id of line \(first) (ids must be unique)")
        }
        lines[id] = line
    }
}
