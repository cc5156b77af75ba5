import Foundation
import WSLabelCore

/// Reads items from RFC 4180 CSV or from TSV: a header row naming the fields (unless
/// ``ItemSource/hasHeader`` is false: fields are then named `1`, `2`, … by position), then one
/// item per record.
///
/// CSV fields are split at ``ItemSource/delimiter`` (a comma by default); quoted fields may hold
/// the delimiter, doubled quotes and line breaks, so a record may span lines (and chunks).
/// TSV fields are split at tabs and never quoted (``ItemSource/Format/tsv``). Errors name the
/// physical line. The file must be UTF-8 (a byte order mark is skipped); LF, CRLF and CR line
/// ends are accepted. An empty gold cell means no gold label. Ids default to the 1-based data
/// row (the header not counted).
struct CSVItemDecoder: ItemDecoder {
    /// The header row (or, without one, the first row's width) and where the configured columns are.
    private struct Header {
        /// Fields per record.
        var width: Int
        /// Each distinct column name with its first column, in order.
        var columns: [(name: String, index: Int)]
        var id: Int?
        var text: Int
        var gold: Int?
    }

    var chunks: ByteChunks
    private let source: ItemSource
    private let file: String
    /// The byte between fields, and whether quotes quote (not in TSV).
    private let delimiter: UInt8
    private let quoting: Bool
    private var ids: ItemIDRegistry?
    private var header: Header?
    /// Physical line of the next unconsumed byte.
    private var line = 1
    /// Data rows read so far.
    private var row = 0
    var checkedByteOrderMark = false

    /// A decoder of `format`, CSV or TSV.
    init(chunks: ByteChunks, source: ItemSource, file: String, format: ItemSource.Format) {
        precondition(format == .csv || format == .tsv, "a CSV decoder reads CSV or TSV")
        self.chunks = chunks
        self.source = source
        self.file = file
        quoting = format == .csv
        delimiter = (format == .tsv ? ItemSource.Delimiter.tab : source.delimiter ?? .comma).byte
        ids = source.idField.map { ItemIDRegistry(file: file, field: $0) }
    }

    func finishInput() throws {
        // A file without a header row may be empty: it has no items.
        guard header != nil || !source.hasHeader else {
            throw WSLabelError.malformedInput(SourceLocation(file: file), "the file is empty: expected a header row naming the fields")
        }
    }

    /// Decodes the whole records in the buffer.
    mutating func decodeBuffered(upTo count: Int, into items: inout [Item]) throws {
        let buffer = chunks.buffer
        try buffer.withUnsafeBytes { bytes in
            var scanner = CSVRecordScanner(bytes: bytes, file: file, position: chunks.consumed, line: line, isEndOfInput: chunks.isAtEnd,
                                           delimiter: delimiter, quoting: quoting)
            defer {
                chunks.consumed = scanner.position
                line = scanner.line
            }
            var fields: [CSVField] = []
            while items.count < count, let recordLine = try scanner.nextRecord(into: &fields) {
                if let header {
                    items.append(try item(fields, line: recordLine, header: header, bytes: bytes))
                } else if source.hasHeader {
                    header = try makeHeader(fields, line: recordLine, bytes: bytes)
                } else {
                    let positional = try makePositionalHeader(width: fields.count, line: recordLine)
                    header = positional
                    items.append(try item(fields, line: recordLine, header: positional, bytes: bytes))
                }
            }
        }
    }

    private func makeHeader(_ fields: [CSVField], line: Int, bytes: UnsafeRawBufferPointer) throws -> Header {
        let names = try fields.indices.map { try text(fields[$0], bytes: bytes, record: "header", field: "column \($0 + 1)") }
        return try makeHeader(names: names, line: line)
    }

    /// The header of a file without a header row, whose first row (on `line`) has `width` fields:
    /// the columns are named by position, `1` to `width`.
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the file, the line and the number
    ///   of columns when the id, text or gold field names no position among them.
    private func makePositionalHeader(width: Int, line: Int) throws -> Header {
        let names = (1...width).map(String.init)  // a record has at least one field
        for case let (name?, role) in [(source.idField, "id"), (source.textField, "text"), (source.goldField, "gold")] where !names.contains(name) {
            throw WSLabelError.malformedInput(
                SourceLocation(file: file, line: line, record: "row 1", field: name),
                "no column \"\(name)\" (the \(role) field): without a header row (header: false) columns are named by position, and the first row has \(width) column\(width == 1 ? ": 1" : "s: 1 to \(width)")")
        }
        return try makeHeader(names: names, line: line)
    }

    /// The header of columns `names`, the first row being on `line`.
    private func makeHeader(names: [String], line: Int) throws -> Header {
        var columns: [(name: String, index: Int)] = []
        var firstColumn: [String: Int] = [:]
        for (index, name) in names.enumerated() where firstColumn[name] == nil {
            firstColumn[name] = index
            columns.append((name, index))
        }
        func column(_ name: String, role: String) throws -> Int {
            let location = SourceLocation(file: file, line: line, record: "header", field: name)
            let matches = names.indices.filter { names[$0] == name }
            guard let index = matches.first else {
                let available = names.map { "\"\($0)\"" }.joined(separator: ", ")
                // A position for a name: most likely a file without a header row read as having one.
                let hint = source.hasHeader && Int(name) != nil ? " (if the file has no header row, say so with header: false: its columns are then named 1, 2, …)" : ""
                throw WSLabelError.malformedInput(location, "no column \"\(name)\" (the \(role) field) in the header; its columns are \(available)\(hint)")
            }
            guard matches.count == 1 else {
                throw WSLabelError.malformedInput(
                    location, "the \(role) column \"\(name)\" appears \(matches.count) times in the header (columns \(matches.map { String($0 + 1) }.joined(separator: ", ")))")
            }
            return index
        }
        return Header(width: names.count, columns: columns,
                      id: try source.idField.map { try column($0, role: "id") },
                      text: try column(source.textField, role: "text"),
                      gold: try source.goldField.map { try column($0, role: "gold") })
    }

    private mutating func item(_ fields: [CSVField], line: Int, header: Header, bytes: UnsafeRawBufferPointer) throws -> Item {
        row += 1
        guard fields.count == header.width else {
            throw WSLabelError.malformedInput(SourceLocation(file: file, line: line, record: "row \(row)"),
                                              "expected \(header.width) fields (as many as the \(source.hasHeader ? "header" : "first row") has), found \(fields.count)")
        }
        let id: String
        if let idColumn = header.id {
            id = try text(fields[idColumn], bytes: bytes, record: "row \(row)", field: source.idField!)
            guard !id.isEmpty else {
                throw WSLabelError.malformedInput(SourceLocation(file: file, line: fields[idColumn].line, record: "row \(row)", field: source.idField!),
                                                  "the id is empty")
            }
        } else {
            id = source.numberedID(row)
        }
        let record = header.id == nil ? "row \(row)" : id
        var values: [String: String] = Dictionary(minimumCapacity: header.columns.count)
        var text = "", gold: String?
        for (name, index) in header.columns {
            let value = index == header.id ? id : try self.text(fields[index], bytes: bytes, record: record, field: name)
            values[name] = value
            if index == header.text { text = value }
            if index == header.gold { gold = value.isEmpty ? nil : value }
        }
        try source.checkTextSize(text, at: SourceLocation(file: file, line: fields[header.text].line, record: record, field: source.textField))
        if let goldColumn = header.gold {
            gold = try source.goldLabel(gold, at: SourceLocation(file: file, line: fields[goldColumn].line, record: record, field: source.goldField))
        }
        try ids?.register(id, line: line)
        return Item(id: id, text: text, fields: values, gold: gold)
    }

    /// The text of a field, with doubled quotes undone.
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` at the line of the first invalid UTF-8 byte.
    private func text(_ field: CSVField, bytes: UnsafeRawBufferPointer, record: String, field name: String) throws -> String {
        guard let text = field.text(in: bytes) else {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])
            let (offset, byte) = firstInvalidUTF8(in: slice) ?? (0, slice.first ?? 0)
            let line = field.line + slice[..<offset].lazy.filter { $0 == 0x0A }.count
            let hex = String(byte, radix: 16, uppercase: true)
            throw WSLabelError.malformedInput(
                SourceLocation(file: file, line: line, record: record, field: name),
                "invalid UTF-8 (byte 0x\(hex) at byte \(offset + 1) of the field): the file must be UTF-8 (if it is Latin-1 or Windows-1252, re-save it as UTF-8)")
        }
        return text
    }
}
