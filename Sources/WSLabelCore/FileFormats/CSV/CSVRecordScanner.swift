import Foundation

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
