import Foundation
import WSLabelCore

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
        var registry = ItemIDRegistry(file: file, field: idIndex.map { "column \($0 + 1) (id)" })
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
                let id = try text(fields[idIndex], record: "row \(row)", field: "column \(idIndex + 1) (id)")
                try registry.register(id, line: line)
                ids!.append(id)
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
        guard let text = field.text(in: bytes) else {
            throw WSLabelError.malformedInput(SourceLocation(file: file, line: field.line, record: record, field: fieldName),
                                              "invalid UTF-8")
        }
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
