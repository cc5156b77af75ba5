import WSLabelCore
import Yams

/// Typed, located access to the fields of a YAML mapping: every error names the file, the line
/// and the key. Shared by the task-file and LF-file readers.
struct YAMLFields {
    let mapping: Node.Mapping
    let node: Node
    let file: String
    /// What the mapping describes in messages, e.g. `LF keyword_free` (nil for the top level).
    let record: String?

    init(_ node: Node, file: String, record: String? = nil, what: String) throws {
        guard let mapping = node.mapping else {
            throw Self.error(file, node, record, nil, "expected \(what) (a mapping)")
        }
        self.mapping = mapping
        self.node = node
        self.file = file
        self.record = record
    }

    static func error(_ file: String, _ node: Node, _ record: String?, _ field: String?, _ message: String) -> WSLabelError {
        .malformedInput(SourceLocation(file: file, line: node.mark?.line, record: record, field: field), message)
    }

    func error(_ key: String, _ message: String) -> WSLabelError {
        Self.error(file, mapping[key] ?? node, record, key, message)
    }

    subscript(key: String) -> Node? { mapping[key] }

    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw Self.error(file, node, record, key, "missing") }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = mapping[key] else { return nil }
        guard let scalar = value.scalar else { throw Self.error(file, value, record, key, "expected text") }
        return scalar.string
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = mapping[key] else { return nil }
        guard let bool = value.bool else { throw Self.error(file, value, record, key, "expected true or false") }
        return bool
    }

    func int(_ key: String) throws -> Int? {
        guard let value = mapping[key] else { return nil }
        guard let int = value.int else { throw Self.error(file, value, record, key, "expected a whole number") }
        return int
    }

    func double(_ key: String) throws -> Double? {
        guard let value = mapping[key] else { return nil }
        guard let number = value.float ?? value.int.map(Double.init), number.isFinite else {
            throw Self.error(file, value, record, key, "expected a number")
        }
        return number
    }

    /// One of the values of `Value`, by its raw text; the error lists them all.
    func choice<Value: CaseIterable & RawRepresentable<String>>(_ key: String, of _: Value.Type = Value.self) throws -> Value? {
        guard let text = try optionalString(key) else { return nil }
        guard let value = Value(rawValue: text) else {
            let names = Value.allCases.map(\.rawValue)
            let expected = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
            throw error(key, "expected \(expected), found \"\(text)\"")
        }
        return value
    }

    /// A list of text; a single scalar counts as a one-element list.
    func strings(_ key: String) throws -> [String]? {
        guard let value = mapping[key] else { return nil }
        if let scalar = value.scalar { return [scalar.string] }
        guard let sequence = value.sequence else { throw Self.error(file, value, record, key, "expected a list of text") }
        return try sequence.map { element in
            guard let scalar = element.scalar else { throw Self.error(file, element, record, key, "expected text") }
            return scalar.string
        }
    }

    /// Which spelling of a renamed key the mapping uses: `key`, or its old name `formerly`,
    /// which still works for one release and adds a warning naming the file, line and new key.
    /// Both at once is an error (which one would win is not obvious).
    ///
    /// ```swift
    /// let key = try model.renamedKey("positive_class", formerly: "positive_label", warnings: &warnings)
    /// let positive = try model.optionalString(key)
    /// ```
    func renamedKey(_ key: String, formerly old: String, warnings: inout [WSLabelWarning]) throws -> String {
        guard let oldKey = mapping.keys.first(where: { $0.string == old }) else { return key }
        if mapping[key] != nil {
            throw Self.error(file, oldKey, record, old, "give \(key) only: \(old) is its old name")
        }
        let place = [record, old].compactMap { $0 }.joined(separator: ".")
        warnings.append(WSLabelWarning(SourceLocation(file: file, line: oldKey.mark?.line, record: record, field: old),
                                       "\(place) is renamed \(key); the old name still works in this release and will stop working in the next"))
        return old
    }

    func rejectUnknown(_ allowed: Set<String>) throws {
        for (key, _) in mapping where !allowed.contains(key.string ?? "") {
            throw Self.error(file, key, record, key.string, "unknown key; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
    }
}
