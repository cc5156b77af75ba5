import Foundation
import WSLabelCore

/// Decodes one line of a JSONL file into an item, knowing only the line's bytes and number:
/// what ``JSONLItemDecoder`` runs on every thread, one block of lines per thread.
///
/// Each line goes through ``JSONLRecordScanner`` straight into the item; a line it does not
/// take (an invalid one, above all) is parsed into a JSON tree instead, which names the error.
/// Duplicate ids are not checked here: that needs every earlier line, so the caller does it in
/// file order.
struct JSONLLineDecoder: Sendable {
    let source: ItemSource
    let file: String

    /// The item on line `line` (its bytes without the line feed), or `nil` for a blank line.
    ///
    /// - Parameter scanner: the calling thread's scanner (it keeps scratch memory between lines).
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the file, the line, the column of
    ///   a JSON error, the record and the field.
    func item(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, scanner: inout JSONLRecordScanner) throws -> Item? {
        guard !Self.isBlank(bytes) else { return nil }
        guard let record = scanner.record(bytes) else { return try checked(parsedItem(bytes, line: line), line: line) }
        // The fields stay in the record until asked for. The scanner took the line, so it
        // is a JSON object (kept as bytes: a string would validate them again).
        let id = record.id ?? source.numberedID(line)
        let gold = try checkedGold(record.gold, id: id, textByteCount: record.text.utf8.count, line: line)
        return Item(id: id, text: record.text, gold: gold, jsonRecord: Array(bytes))
    }

    /// The view of the item ``item(_:line:scanner:)`` gives, or `nil` for a blank line: a line
    /// the scanner takes is viewed in place (its text is never made a string, see
    /// ``RecordViews``), any other is decoded into an item first.
    ///
    /// - Parameter index: the view's place in its block, for `views` to reuse memory.
    /// - Throws: as ``item(_:line:scanner:)``.
    func view(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, scanner: inout JSONLRecordScanner,
              views: RecordViews, index: Int) throws -> ItemView? {
        guard !Self.isBlank(bytes) else { return nil }
        guard let record = scanner.borrowedRecord(bytes) else { return try ItemView(checked(parsedItem(bytes, line: line), line: line)) }
        let id = record.id ?? source.numberedID(line)
        return try scanner.unescapedText.withUnsafeBufferPointer { unescaped in
            let gold = try checkedGold(record.gold, id: id, textByteCount: record.textRange?.count ?? unescaped.count, line: line)
            return views.view(index, record: bytes, id: id, gold: gold, textRange: record.textRange, unescapedText: unescaped)
        }
    }

    /// Whether a line holds only white space (skipped).
    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D })
    }

    /// `item` after the checks every item passes: its text's size and its gold label (mapped
    /// to the task's label names).
    private func checked(_ item: Item, line: Int) throws -> Item {
        let gold = try checkedGold(item.gold, id: item.id, textByteCount: item.text.utf8.count, line: line)
        return gold == item.gold ? item : item.withGold(gold)
    }

    /// The gold label of item `id` on line `line`, mapped by the source's gold values, once its
    /// text's size is checked.
    private func checkedGold(_ gold: String?, id: String, textByteCount: Int, line: Int) throws -> String? {
        try source.checkTextSize(byteCount: textByteCount, at: location(line, record: source.idField == nil ? nil : id, field: source.textField))
        guard let goldField = source.goldField else { return gold }
        return try source.goldLabel(gold, at: location(line, record: source.idField == nil ? nil : id, field: goldField))
    }

    /// The item on a line the scanner did not take, decoded from the line's JSON tree.
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the line, the column of a JSON
    ///   error, the record and the field.
    private func parsedItem(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws -> Item {
        var parser = JSONParser(bytes: Array(bytes))
        let value: JSONValue
        do {
            value = try parser.parseDocument()
        } catch let WSLabelError.malformedInput(_, message) {
            throw WSLabelError.malformedInput(location(line), message)
        }
        guard case let .object(members) = value else {
            throw WSLabelError.malformedInput(location(line), "expected a JSON object on each line, found \(value.kindName)")
        }
        var first: [String: JSONValue] = [:]
        for (key, value) in members where first[key] == nil { first[key] = value }
        let fields = Self.fields(of: members)

        let id: String
        if let idField = source.idField {
            guard let value = first[idField], value != .null else {
                throw WSLabelError.malformedInput(location(line, field: idField), "the record has no id field \"\(idField)\"")
            }
            guard let text = Self.scalarText(of: value) else {
                throw WSLabelError.malformedInput(location(line, field: idField), "an id must be a string or a number, found \(value.kindName)")
            }
            guard !text.isEmpty else { throw WSLabelError.malformedInput(location(line, field: idField), "the id is empty") }
            id = text
        } else {
            id = source.numberedID(line)
        }
        let record = source.idField == nil ? nil : id

        let textField = source.textField
        guard let textValue = first[textField], textValue != .null else {
            throw WSLabelError.malformedInput(location(line, record: record, field: textField),
                                              "the record has no text field \"\(textField)\" (its fields: \(Self.list(members)))")
        }
        guard case let .string(text) = textValue else {
            throw WSLabelError.malformedInput(location(line, record: record, field: textField), "the text must be a string, found \(textValue.kindName)")
        }

        var gold: String?
        if let goldField = source.goldField, let value = first[goldField], value != .null {
            guard let text = Self.scalarText(of: value) else {
                throw WSLabelError.malformedInput(location(line, record: record, field: goldField),
                                                  "a gold label must be a string, number or boolean, found \(value.kindName)")
            }
            gold = text.isEmpty ? nil : text
        }
        return Item(id: id, text: text, fields: fields, gold: gold)
    }

    /// An item's fields from its record's members: the first value of each key, as text
    /// (``text(of:)``); keys whose first value is null are left out.
    static func fields(of members: [(key: String, value: JSONValue)]) -> [String: String] {
        var seen = Set<String>()
        var fields: [String: String] = [:]
        for (key, value) in members where seen.insert(key).inserted {
            if let text = text(of: value) { fields[key] = text }
        }
        return fields
    }

    private func location(_ line: Int, record: String? = nil, field: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, record: record, field: field)
    }

    /// A string, number or boolean as text; `nil` for null, arrays and objects.
    private static func scalarText(of value: JSONValue) -> String? {
        switch value {
        case let .string(string): return string
        case .number: return value.serialized
        case let .bool(flag): return flag ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    /// Any value as text: scalars as ``scalarText(of:)``, arrays and objects as compact JSON,
    /// `nil` for null.
    private static func text(of value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .array, .object: return value.serialized
        default: return scalarText(of: value)
        }
    }

    private static func list(_ members: [(key: String, value: JSONValue)]) -> String {
        members.isEmpty ? "none" : members.map(\.key).joined(separator: ", ")
    }
}
