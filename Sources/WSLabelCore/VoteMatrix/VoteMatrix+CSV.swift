import Foundation

/// A vote matrix with the item ids and LF names of a CSV file, as read by
/// ``init(csvFile:classCount:hasHeader:idColumn:)`` and written by ``writeCSV(to:)``.
///
/// The CSV layout: an optional header row, an optional id column, and one column per LF holding
/// a class index, with `-1` or an empty cell for abstain. Quoting follows RFC 4180.
///
/// ```
/// id,lf_keyword,lf_regex
/// doc-1,1,-1
/// "doc 2, draft",,0
/// ```
///
/// ```swift
/// let file = try CSVVotes(csvFile: URL(fileURLWithPath: "votes.csv"), classCount: 2)
/// file.ids            // ["doc-1", "doc 2, draft"]
/// file.lfNames        // ["lf_keyword", "lf_regex"]
/// file.votes.vote(row: 1, lf: 1)   // 0
/// ```
public struct CSVVotes: Sendable, Equatable {
    /// The item id of each row, when the file has an id column.
    public var ids: [String]?
    /// The name of each LF column, when the file has a header.
    public var lfNames: [String]?
    /// The votes, one row per item and one column per LF.
    public var votes: VoteMatrix

    /// Votes with optional ids and LF names.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `ids` does not have one id per row or
    ///   `lfNames` one name per LF.
    public init(votes: VoteMatrix, ids: [String]? = nil, lfNames: [String]? = nil) throws {
        try Self.validate(votes: votes, ids: ids, lfNames: lfNames)
        self.votes = votes
        self.ids = ids
        self.lfNames = lfNames
    }

    /// Reads a CSV file of votes.
    ///
    /// Rows end with LF or CRLF; blank lines and a leading UTF-8 byte-order mark are skipped.
    /// Vote cells may be quoted, padded with spaces, or written as integral decimals (`1.0`, as
    /// pandas writes integer columns that had missing values).
    ///
    /// - Parameters:
    ///   - url: The CSV file.
    ///   - classCount: The number of classes; `nil` infers the largest vote + 1 (at least 2).
    ///   - hasHeader: Whether the first row names the columns; `nil` detects a header when a cell
    ///     of the first row (other than the id column given by `idColumn`) is not an integer.
    ///   - idColumn: The 0-based column holding item ids; `nil` takes the header column named
    ///     `id` (any case), or an unnamed first column (a pandas index), and otherwise no ids.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the file cannot be read;
    ///   ``WSLabelError/malformedInput(_:_:)`` naming the file, 1-based physical line, record
    ///   (id or `row N`) and CSV column / LF of a ragged row, a cell that is not an integer, a
    ///   vote outside `-1..<classCount`, invalid UTF-8, an unclosed quote, or an empty file;
    ///   ``WSLabelError/invalidArgument(_:)`` for a `classCount` outside 2...255 or a negative
    ///   `idColumn`.
    /// - Complexity: O(file size), one pass; no allocation per vote cell.
    public init(csvFile url: URL, classCount: Int? = nil, hasHeader: Bool? = nil, idColumn: Int? = nil) throws {
        if let classCount { try VoteMatrix.validateShape(lfCount: 0, classCount: classCount) }
        if let idColumn, idColumn < 0 { throw WSLabelError.invalidArgument("the id column index must be 0 or more, not \(idColumn)") }
        let data = try readData(url)
        let file = url.path
        self = try data.withUnsafeBytes { raw in
            var reader = CSVVoteReader(bytes: raw, file: file, classCount: classCount)
            return try reader.read(hasHeader: hasHeader, idColumn: idColumn)
        }
    }

    /// Writes the votes, with an `id` column and an LF-name header when known; see
    /// ``VoteMatrix/writeCSV(to:ids:lfNames:)``.
    public func writeCSV(to url: URL) throws {
        try votes.writeCSV(to: url, ids: ids, lfNames: lfNames)
    }

    static func validate(votes: VoteMatrix, ids: [String]?, lfNames: [String]?) throws {
        if let ids, ids.count != votes.rowCount {
            throw WSLabelError.invalidArgument("expected one id per row (\(votes.rowCount)), found \(ids.count)")
        }
        if let lfNames, lfNames.count != votes.lfCount {
            throw WSLabelError.invalidArgument("expected one name per LF (\(votes.lfCount)), found \(lfNames.count)")
        }
    }
}

extension VoteMatrix {
    /// Reads the votes of a CSV file, dropping ids and LF names; see
    /// ``CSVVotes/init(csvFile:classCount:hasHeader:idColumn:)`` for the format and errors.
    ///
    /// ```swift
    /// let votes = try VoteMatrix(csvFile: URL(fileURLWithPath: "L_train.csv"), classCount: nil)
    /// ```
    public init(csvFile url: URL, classCount: Int? = nil, hasHeader: Bool? = nil, idColumn: Int? = nil) throws {
        self = try CSVVotes(csvFile: url, classCount: classCount, hasHeader: hasHeader, idColumn: idColumn).votes
    }

    /// Writes the votes as CSV, abstain as `-1`, replacing the file atomically.
    ///
    /// With `ids` or `lfNames` the file starts with a header `id,<lf names...>` (no `id` column
    /// without ids; LFs named `lf_0`, `lf_1`, ... without names), else it holds votes only.
    /// Fields with commas, quotes or line breaks are quoted (RFC 4180).
    ///
    /// ```swift
    /// try votes.writeCSV(to: URL(fileURLWithPath: "votes.csv"), ids: ["a", "b"], lfNames: ["lf_x", "lf_y"])
    /// // id,lf_x,lf_y
    /// // a,1,-1
    /// // b,-1,0
    /// ```
    ///
    /// A header whose LF names all look like integers is not detected when reading back (pass
    /// `hasHeader: true`), and without ids an LF named `id` is read back as the id column (pass
    /// an explicit `idColumn`).
    ///
    /// - Parameters:
    ///   - url: The file to write.
    ///   - ids: One id per row, written as the first column.
    ///   - lfNames: One name per LF.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `ids` or `lfNames` have the wrong
    ///   count; ``WSLabelError/fileAccess(path:_:)`` when the file cannot be written.
    /// - Complexity: O(items × LFs).
    public func writeCSV(to url: URL, ids: [String]? = nil, lfNames: [String]? = nil) throws {
        try AtomicFile.write(csvData(ids: ids, lfNames: lfNames), to: url)
    }

    /// The bytes ``writeCSV(to:ids:lfNames:)`` writes.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `ids` or `lfNames` have the wrong count.
    public func csvData(ids: [String]? = nil, lfNames: [String]? = nil) throws -> Data {
        try CSVVotes.validate(votes: self, ids: ids, lfNames: lfNames)
        var out: [UInt8] = []
        out.reserveCapacity(rowCount * (lfCount * 3 + (ids == nil ? 1 : 12)))
        func appendField(_ text: String) {
            let bytes = Array(text.utf8)
            let special: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            // Empty fields are quoted too, so that an empty id alone on a line is not a blank line.
            guard bytes.isEmpty || bytes.contains(where: special) else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(UInt8(ascii: "\""))
            for byte in bytes {
                out.append(byte)
                if byte == UInt8(ascii: "\"") { out.append(byte) }
            }
            out.append(UInt8(ascii: "\""))
        }
        if ids != nil || lfNames != nil {
            var header = ids == nil ? [] : ["id"]
            header += lfNames ?? (0..<lfCount).map { "lf_\($0)" }
            for (index, name) in header.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendField(name)
            }
            out.append(0x0A)
        }
        // Each row's votes are formatted into one buffer (at most 3 digits and a comma per LF, and
        // a line feed), then appended at once.
        var rowBytes = [UInt8](repeating: 0, count: lfCount * 4 + 1)
        for row in 0..<rowCount {
            if let ids {
                appendField(ids[row])
                if lfCount > 0 { out.append(UInt8(ascii: ",")) }
            }
            let length = rowBytes.withUnsafeMutableBufferPointer { buffer -> Int in
                var length = 0
                var next = rowStarts[row]
                let end = rowStarts[row + 1]
                for lf in 0..<lfCount {
                    if lf > 0 {
                        buffer[length] = UInt8(ascii: ",")
                        length += 1
                    }
                    guard next < end, Int(lfIndices[next]) == lf else {
                        buffer[length] = UInt8(ascii: "-")
                        buffer[length + 1] = UInt8(ascii: "1")
                        length += 2
                        continue
                    }
                    let vote = classVotes[next]
                    next += 1
                    if vote >= 100 {
                        buffer[length] = UInt8(ascii: "0") + vote / 100
                        length += 1
                    }
                    if vote >= 10 {
                        buffer[length] = UInt8(ascii: "0") + vote / 10 % 10
                        length += 1
                    }
                    buffer[length] = UInt8(ascii: "0") + vote % 10
                    length += 1
                }
                buffer[length] = 0x0A
                return length + 1
            }
            out.append(contentsOf: rowBytes[0..<length])
        }
        return Data(out)
    }
}

/// One field of a CSV record: its bytes (inside the quotes, if quoted) and where it starts.
struct CSVField {
    var start: Int
    var end: Int
    /// The field was quoted and holds doubled quotes `""` that stand for one `"`.
    var hasEscapedQuotes: Bool
    /// 1-based physical line where the field starts.
    var line: Int
}

/// Splits bytes into RFC 4180 records, tracking physical line numbers.
struct CSVRecordScanner {
    let bytes: UnsafeRawBufferPointer
    let file: String
    var position: Int
    var line = 1

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    /// Reads the next non-blank record into `fields`.
    ///
    /// - Returns: The line where the record starts, or `nil` at the end of the input.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` for an unclosed quote or text after a
    ///   closing quote.
    mutating func nextRecord(into fields: inout [CSVField]) throws -> Int? {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        while position < count, bytes[position] == Self.lineFeed || bytes[position] == Self.carriageReturn {
            skipLineEnd()
        }
        guard position < count else { return nil }
        let recordLine = line
        while true {
            let fieldLine = line
            if position < count, bytes[position] == Self.quote {
                position += 1
                let start = position
                var escaped = false
                while true {
                    guard position < count else {
                        throw WSLabelError.malformedInput(
                            SourceLocation(file: file, line: fieldLine, field: "column \(fields.count + 1)"),
                            "a quoted field is never closed (the file ends inside it)")
                    }
                    let byte = bytes[position]
                    if byte == Self.quote {
                        if position + 1 < count, bytes[position + 1] == Self.quote {
                            escaped = true
                            position += 2
                            continue
                        }
                        break
                    }
                    if byte == Self.lineFeed || (byte == Self.carriageReturn && (position + 1 == count || bytes[position + 1] != Self.lineFeed)) {
                        line += 1
                    }
                    position += 1
                }
                fields.append(CSVField(start: start, end: position, hasEscapedQuotes: escaped, line: fieldLine))
                position += 1
                if position < count, bytes[position] != Self.comma, bytes[position] != Self.lineFeed, bytes[position] != Self.carriageReturn {
                    throw WSLabelError.malformedInput(
                        SourceLocation(file: file, line: line, field: "column \(fields.count)"),
                        "unexpected text after the closing quote of a quoted field (a quote inside a quoted field must be doubled: \"\")")
                }
            } else {
                let start = position
                while position < count {
                    let byte = bytes[position]
                    if byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    position += 1
                }
                fields.append(CSVField(start: start, end: position, hasEscapedQuotes: false, line: fieldLine))
            }
            guard position < count else { return recordLine }
            if bytes[position] == Self.comma {
                position += 1
                continue
            }
            skipLineEnd()
            return recordLine
        }
    }

    /// Steps over one LF, CRLF or lone CR.
    private mutating func skipLineEnd() {
        if bytes[position] == Self.carriageReturn, position + 1 < bytes.count, bytes[position + 1] == Self.lineFeed { position += 1 }
        position += 1
        line += 1
    }
}

/// Turns the records of a CSV file into ``CSVVotes``.
struct CSVVoteReader {
    var scanner: CSVRecordScanner
    let file: String
    let classCount: Int?

    init(bytes: UnsafeRawBufferPointer, file: String, classCount: Int?) {
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        scanner = CSVRecordScanner(bytes: bytes, file: file, position: hasBOM ? 3 : 0)
        self.file = file
        self.classCount = classCount
    }

    private var bytes: UnsafeRawBufferPointer { scanner.bytes }

    mutating func read(hasHeader: Bool?, idColumn: Int?) throws -> CSVVotes {
        var fields: [CSVField] = []
        guard let firstLine = try scanner.nextRecord(into: &fields) else {
            throw WSLabelError.malformedInput(SourceLocation(file: file), "the file is empty: expected rows of votes, one column per LF")
        }
        let isHeader = hasHeader ?? fields.indices.contains { $0 != idColumn && vote(fields[$0]) == nil }
        let width = fields.count
        var names: [String]?
        if isHeader {
            names = try fields.indices.map { try text(fields[$0], record: "header", field: "column \($0 + 1)") }
        }
        var idIndex = idColumn
        if idIndex == nil, let names {
            idIndex = names.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == "id" }
                ?? (names.count > 1 && names[0].isEmpty ? 0 : nil)
        }
        if let idIndex, idIndex >= width {
            throw WSLabelError.malformedInput(SourceLocation(file: file, line: firstLine),
                                              "there is no id column \(idIndex) (0-based): the first row has \(width) fields")
        }
        let lfCount = width - (idIndex == nil ? 0 : 1)
        guard lfCount <= VoteMatrix.maxLFCount else {
            throw WSLabelError.malformedInput(SourceLocation(file: file, line: firstLine),
                                              "found \(lfCount) LF columns; a vote matrix holds at most \(VoteMatrix.maxLFCount)")
        }
        let lfNames = names.map { names in names.indices.filter { $0 != idIndex }.map { names[$0] } }

        var ids: [String]? = idIndex == nil ? nil : []
        var rowStarts = [0]
        var lfIndices: [UInt16] = []
        var classVotes: [UInt8] = []
        var largest = -1
        let limit = (classCount ?? VoteMatrix.maxClassCount) - 1
        var recordLine: Int? = firstLine
        if isHeader { recordLine = try scanner.nextRecord(into: &fields) }
        while let line = recordLine {
            let row = rowStarts.count - 1
            guard fields.count == width else {
                throw WSLabelError.malformedInput(
                    SourceLocation(file: file, line: line, record: "row \(row)"),
                    "expected \(width) fields, found \(fields.count) (as many as the \(isHeader ? "header" : "first row") has)")
            }
            if let idIndex {
                ids!.append(try text(fields[idIndex], record: "row \(row)", field: "column \(idIndex + 1) (id)"))
            }
            for column in 0..<width where column != idIndex {
                let field = fields[column]
                let lf = idIndex.map { column > $0 ? column - 1 : column } ?? column
                guard let vote = vote(field) else {
                    throw cellError(field, row: row, column: column, lf: lf, names: lfNames, ids: ids, message: { cell in
                        "expected an integer vote (-1 or empty for abstain), found \"\(cell)\""
                    })
                }
                if vote == VoteMatrix.abstain { continue }
                guard vote >= 0 && vote <= limit else {
                    let expectation = classCount.map { "a class 0..<\($0)" }
                        ?? "a class 0..<\(VoteMatrix.maxClassCount) (the most classes a vote matrix holds)"
                    throw cellError(field, row: row, column: column, lf: lf, names: lfNames, ids: ids, message: { cell in
                        "vote \(cell) is out of range: expected -1 (abstain) or \(expectation)"
                    })
                }
                lfIndices.append(UInt16(truncatingIfNeeded: lf))
                classVotes.append(UInt8(truncatingIfNeeded: vote))
                if vote > largest { largest = vote }
            }
            rowStarts.append(lfIndices.count)
            recordLine = try scanner.nextRecord(into: &fields)
        }
        var votes = try VoteMatrix(lfCount: lfCount, classCount: classCount ?? max(2, largest + 1))
        votes.rowStarts = rowStarts
        votes.lfIndices = lfIndices
        votes.classVotes = classVotes
        return try CSVVotes(votes: votes, ids: ids, lfNames: lfNames)
    }

    /// The vote in a cell: `-1` for an empty cell, `nil` when the cell is not an integer.
    /// Surrounding spaces and a zero fraction (`2.0`) are accepted; huge values saturate.
    @inline(__always)
    private func vote(_ field: CSVField) -> Int? {
        var start = field.start, end = field.end
        // Fast paths for the common cells: one digit, and "-1".
        if end - start == 1, bytes[start] &- UInt8(ascii: "0") < 10 { return Int(bytes[start] &- UInt8(ascii: "0")) }
        if end - start == 2, bytes[start] == UInt8(ascii: "-"), bytes[start + 1] == UInt8(ascii: "1") { return VoteMatrix.abstain }
        guard !field.hasEscapedQuotes else { return nil }
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start == end { return VoteMatrix.abstain }
        var negative = false
        if bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "+") {
            negative = bytes[start] == UInt8(ascii: "-")
            start += 1
        }
        var value = 0
        var digits = 0
        while start < end, bytes[start] &- UInt8(ascii: "0") < 10 {
            if value < 1 << 40 { value = value * 10 + Int(bytes[start] &- UInt8(ascii: "0")) }
            digits += 1
            start += 1
        }
        guard digits > 0 else { return nil }
        if start < end, bytes[start] == UInt8(ascii: ".") {
            start += 1
            while start < end, bytes[start] == UInt8(ascii: "0") { start += 1 }
        }
        guard start == end else { return nil }
        return negative ? -value : value
    }

    /// The text of a field, with doubled quotes undone.
    private func text(_ field: CSVField, record: String, field fieldName: String) throws -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])
        guard var text = String(validating: slice, as: UTF8.self) else {
            throw WSLabelError.malformedInput(SourceLocation(file: file, line: field.line, record: record, field: fieldName),
                                              "invalid UTF-8")
        }
        if field.hasEscapedQuotes { text = text.replacingOccurrences(of: "\"\"", with: "\"") }
        return text
    }

    /// An error about a vote cell, located by line, record (id or row) and column / LF; the cell
    /// text (quoted, shortened) goes into `message`.
    private func cellError(_ field: CSVField, row: Int, column: Int, lf: Int, names: [String]?, ids: [String]?,
                           message: (String) -> String) -> WSLabelError {
        let name = names.map { " \"\($0[lf])\"" } ?? ""
        let location = SourceLocation(file: file, line: field.line, record: ids?.last ?? "row \(row)",
                                      field: "column \(column + 1) (LF \(lf)\(name))")
        guard let cell = try? text(field, record: "", field: "") else {
            return .malformedInput(location, "invalid UTF-8 in a vote cell")
        }
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        let shown = trimmed.count > 40 ? String(trimmed.prefix(40)) + "..." : trimmed
        return .malformedInput(location, message(shown))
    }
}
