import Foundation
import WSLabelCore

/// Reads items from JSON Lines: one JSON object per line, blank lines skipped.
///
/// Field values become text: strings as they are, numbers as JSON writes them (`3`, `0.5`),
/// booleans as `true`/`false`, arrays and nested objects as compact JSON; `null` leaves the
/// field out. The id may be a string or a number; the text must be a string; the gold label may
/// be a string, number or boolean. Ids default to the 1-based line of each record.
///
/// Each line is decoded by ``JSONLRecordScanner`` straight into the item; a line it does not
/// take (an invalid one, above all) is parsed into a JSON tree instead, which names the error.
struct JSONLItemDecoder: ItemDecoder {
    var chunks: ByteChunks
    private let source: ItemSource
    private let file: String
    private var ids: ItemIDRegistry?
    private var scanner: JSONLRecordScanner
    /// Lines consumed so far.
    private var line = 0
    /// Bytes after `chunks.consumed` already searched for a line feed.
    private var searched = 0
    var checkedByteOrderMark = false

    init(chunks: ByteChunks, source: ItemSource, file: String) {
        self.chunks = chunks
        self.source = source
        self.file = file
        ids = source.idField.map { ItemIDRegistry(file: file, field: $0) }
        scanner = JSONLRecordScanner(source: source)
    }

    /// Decodes the whole lines in the buffer (and, at the end of the file, the last line even
    /// without a line feed).
    mutating func decodeBuffered(upTo count: Int, into items: inout [Item]) throws {
        let buffer = chunks.buffer
        var start = chunks.consumed
        defer { chunks.consumed = start }
        try buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            while items.count < count, start < bytes.count {
                let end: Int
                let from = start + searched
                if let lineFeed = memchr(base + from, 0x0A, bytes.count - from) {
                    end = base.distance(to: lineFeed.assumingMemoryBound(to: UInt8.self))
                } else if chunks.isAtEnd {
                    end = bytes.count
                } else {
                    searched = bytes.count - start
                    return
                }
                line += 1
                searched = 0
                let lineStart = start
                start = min(end + 1, bytes.count)
                if let item = try decodeLine(UnsafeBufferPointer(rebasing: bytes[lineStart..<end])) {
                    items.append(item)
                }
            }
        }
    }

    /// The item on one line, or `nil` for a blank line.
    private mutating func decodeLine(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Item? {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
        var item: Item
        if let record = scanner.record(bytes) {
            item = Item(id: record.id ?? String(line), text: record.text, fields: record.fields, gold: record.gold)
        } else {
            item = try parsedItem(bytes)
        }
        let record = source.idField == nil ? nil : item.id
        try source.checkTextSize(item.text, at: location(record: record, field: source.textField))
        if let goldField = source.goldField, let label = try source.goldLabel(item.gold, at: location(record: record, field: goldField)), label != item.gold {
            item = Item(id: item.id, text: item.text, fields: item.fields, gold: label)
        }
        try ids?.register(item.id, line: line)
        return item
    }

    /// The item on a line the scanner did not take, decoded from the line's JSON tree.
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the line, the column of a JSON
    ///   error, the record and the field.
    private func parsedItem(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Item {
        var parser = JSONParser(bytes: Array(bytes))
        let value: JSONValue
        do {
            value = try parser.parseDocument()
        } catch let WSLabelError.malformedInput(_, message) {
            throw WSLabelError.malformedInput(location(), message)
        }
        guard case let .object(members) = value else {
            throw WSLabelError.malformedInput(location(), "expected a JSON object on each line, found \(value.kindName)")
        }
        var first: [String: JSONValue] = [:]
        var fields: [String: String] = [:]
        for (key, value) in members where first[key] == nil {
            first[key] = value
            if let text = Self.text(of: value) { fields[key] = text }
        }

        let id: String
        if let idField = source.idField {
            guard let value = first[idField], value != .null else {
                throw WSLabelError.malformedInput(location(field: idField), "the record has no id field \"\(idField)\"")
            }
            guard let text = Self.scalarText(of: value) else {
                throw WSLabelError.malformedInput(location(field: idField), "an id must be a string or a number, found \(value.kindName)")
            }
            guard !text.isEmpty else { throw WSLabelError.malformedInput(location(field: idField), "the id is empty") }
            id = text
        } else {
            id = String(line)
        }
        let record = source.idField == nil ? nil : id

        let textField = source.textField
        guard let textValue = first[textField], textValue != .null else {
            throw WSLabelError.malformedInput(location(record: record, field: textField),
                                              "the record has no text field \"\(textField)\" (its fields: \(Self.list(members)))")
        }
        guard case let .string(text) = textValue else {
            throw WSLabelError.malformedInput(location(record: record, field: textField), "the text must be a string, found \(textValue.kindName)")
        }

        var gold: String?
        if let goldField = source.goldField, let value = first[goldField], value != .null {
            guard let text = Self.scalarText(of: value) else {
                throw WSLabelError.malformedInput(location(record: record, field: goldField),
                                                  "a gold label must be a string, number or boolean, found \(value.kindName)")
            }
            gold = text.isEmpty ? nil : text
        }
        return Item(id: id, text: text, fields: fields, gold: gold)
    }

    private func location(record: String? = nil, field: String? = nil) -> SourceLocation {
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
