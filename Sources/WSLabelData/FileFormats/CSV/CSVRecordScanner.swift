import Foundation
import WSLabelCore

/// One field of a CSV record: its bytes (inside the quotes, if quoted) and where it starts.
package struct CSVField {
    package var start: Int
    package var end: Int
    /// The field was quoted and holds doubled quotes `""` that stand for one `"`.
    package var hasEscapedQuotes: Bool
    /// 1-based physical line where the field starts.
    package var line: Int

    /// The field's text: its bytes in `bytes` with each doubled quote undone, as UTF-8; `nil`
    /// when they are not UTF-8.
    ///
    /// Quotes are undone on the bytes, not on the text: in a `String`, a quote followed by a
    /// combining mark (U+0301, ...) is one character with it, which a search for `""` misses.
    package func text(in bytes: UnsafeRawBufferPointer) -> String? {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        guard hasEscapedQuotes else { return String(validating: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var afterQuote = false
        for byte in raw {
            // Quotes inside a quoted field come in pairs (a lone one ends the field): keep the first.
            if byte == UInt8(ascii: "\""), afterQuote {
                afterQuote = false
                continue
            }
            afterQuote = byte == UInt8(ascii: "\"")
            unescaped.append(byte)
        }
        return String(validating: unescaped, as: UTF8.self)
    }
}

/// Splits bytes into RFC 4180 records, tracking physical line numbers: fields split at
/// ``delimiter`` (a comma unless told), and without ``quoting`` (TSV) quotes are plain text.
///
/// The bytes may be the whole file or a window of it (a streaming reader's buffer). With
/// `isEndOfInput == false` more bytes may follow, so a record that reaches the end of the
/// window (an open quote, a last field without a line end, a CR whose LF may follow) is not
/// returned: ``nextRecord(into:)`` returns `nil` and leaves ``position`` and ``line`` at the
/// record's start, for the reader to refill its buffer and scan again from there.
package struct CSVRecordScanner {
    package let bytes: UnsafeRawBufferPointer
    package let file: String
    /// Offset in `bytes` of the next byte to scan.
    package var position: Int
    /// 1-based physical line of the byte at ``position``.
    package var line: Int
    /// `bytes` ends where the input ends; `false` when more bytes may follow.
    package let isEndOfInput: Bool
    /// The byte between fields (ASCII, not a quote or line break).
    package let delimiter: UInt8
    /// Whether a field that starts with `"` is quoted (RFC 4180). Without quoting (TSV) a quote
    /// is an ordinary byte and every record is one line.
    package let quoting: Bool

    private static let quote = UInt8(ascii: "\""), lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    package init(bytes: UnsafeRawBufferPointer, file: String, position: Int, line: Int = 1, isEndOfInput: Bool = true,
                 delimiter: UInt8 = UInt8(ascii: ","), quoting: Bool = true) {
        precondition(delimiter < 0x80 && delimiter != Self.quote && delimiter != Self.lineFeed && delimiter != Self.carriageReturn,
                     "a delimiter is an ASCII byte other than a quote or a line break")
        self.bytes = bytes
        self.file = file
        self.position = position
        self.line = line
        self.isEndOfInput = isEndOfInput
        self.delimiter = delimiter
        self.quoting = quoting
    }

    /// Reads the next non-blank record into `fields`.
    ///
    /// - Returns: The line where the record starts, or `nil` at the end of the input (or, when
    ///   `isEndOfInput` is `false`, when the bytes end before the record is known to be whole).
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` for an unclosed quote or text after a
    ///   closing quote.
    package mutating func nextRecord(into fields: inout [CSVField]) throws -> Int? {
        let startPosition = position, startLine = line
        if let recordLine = try scanRecord(into: &fields) { return recordLine }
        if !isEndOfInput {
            position = startPosition
            line = startLine
            fields.removeAll(keepingCapacity: true)
        }
        return nil
    }

    /// The body of ``nextRecord(into:)``; `nil` at the end of the bytes (whole or not).
    private mutating func scanRecord(into fields: inout [CSVField]) throws -> Int? {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        let more = !isEndOfInput
        while position < count, bytes[position] == Self.lineFeed || bytes[position] == Self.carriageReturn {
            if more, bytes[position] == Self.carriageReturn, position + 1 == count { return nil }
            skipLineEnd()
        }
        guard position < count else { return nil }
        let recordLine = line
        let delimiter = delimiter
        while true {
            let fieldLine = line
            if quoting, position < count, bytes[position] == Self.quote {
                position += 1
                let start = position
                var escaped = false
                while true {
                    guard position < count else {
                        if more { return nil }
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
                        if more, position + 1 == count { return nil }
                        break
                    }
                    if byte == Self.carriageReturn, more, position + 1 == count { return nil }
                    if byte == Self.lineFeed || (byte == Self.carriageReturn && (position + 1 == count || bytes[position + 1] != Self.lineFeed)) {
                        line += 1
                    }
                    position += 1
                }
                fields.append(CSVField(start: start, end: position, hasEscapedQuotes: escaped, line: fieldLine))
                position += 1
                if position < count, bytes[position] != delimiter, bytes[position] != Self.lineFeed, bytes[position] != Self.carriageReturn {
                    throw WSLabelError.malformedInput(
                        SourceLocation(file: file, line: line, field: "column \(fields.count)"),
                        "unexpected text after the closing quote of a quoted field (a quote inside a quoted field must be doubled: \"\")")
                }
            } else {
                let start = position
                while position < count {
                    let byte = bytes[position]
                    if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    position += 1
                }
                fields.append(CSVField(start: start, end: position, hasEscapedQuotes: false, line: fieldLine))
            }
            guard position < count else { return more ? nil : recordLine }
            if bytes[position] == delimiter {
                position += 1
                continue
            }
            if more, bytes[position] == Self.carriageReturn, position + 1 == count { return nil }
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
