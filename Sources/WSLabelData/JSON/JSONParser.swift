import Foundation
import WSLabelCore

/// A strict JSON parser over UTF-8 bytes that keeps object member order and reports the line
/// and column of any error.
///
/// Besides ``parseDocument()`` it can walk the members of a top-level object one by one
/// (``forEachTopLevelMember(_:)``), so a reader can attach the line of each record to its own
/// errors.
public struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    /// Name of the source, used in error messages.
    public let sourceName: String?

    public init(bytes: [UInt8], sourceName: String? = nil) {
        self.bytes = bytes
        self.sourceName = sourceName
    }

    /// Parses the whole input as one JSON value.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` with line and column.
    public mutating func parseDocument() throws -> JSONValue {
        let value = try parseValue(depth: 0)
        try expectEnd()
        return value
    }

    /// Calls `body(key, line, value)` for each member of the top-level object, in file order.
    /// `line` is the 1-based line where the member's key starts.
    public mutating func forEachTopLevelMember(_ body: (String, Int, JSONValue) throws -> Void) throws {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw error("expected a JSON object at the top level") }
        position += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return try expectEnd()
        }
        var line = 1, lineCountedUpTo = 0
        while true {
            skipWhitespace()
            line += bytes[lineCountedUpTo..<position].lazy.filter { $0 == UInt8(ascii: "\n") }.count
            lineCountedUpTo = position
            let key = try parseString()
            try expect(UInt8(ascii: ":"))
            let value = try parseValue(depth: 1)
            try body(key, line, value)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            if peek() == UInt8(ascii: "}") { position += 1; break }
            throw error("expected ',' or '}' after an object member")
        }
        try expectEnd()
    }

    // MARK: - Grammar

    private static let maxDepth = 512

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        skipWhitespace()
        guard let byte = peek() else { throw error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(key: String, value: JSONValue)] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipWhitespace()
                let key = try parseString()
                try expect(UInt8(ascii: ":"))
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                if peek() == UInt8(ascii: ",") { position += 1; continue }
                if peek() == UInt8(ascii: "}") { position += 1; return .object(members) }
                throw error("expected ',' or '}' in an object")
            }
        case UInt8(ascii: "["):
            position += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { position += 1; return .array(elements) }
            while true {
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if peek() == UInt8(ascii: ",") { position += 1; continue }
                if peek() == UInt8(ascii: "]") { position += 1; return .array(elements) }
                throw error("expected ',' or ']' in an array")
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw error("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func parseNumber() throws -> Double {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        var integer: Int64 = 0, simple = true, digits = 0
        while let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            if digits < 18 { integer = integer * 10 + Int64(byte - UInt8(ascii: "0")) } else { simple = false }
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw error("invalid number") }
        if let byte = peek(), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            simple = false
            position += 1
            while let next = peek(), (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9"))
                || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") || next == UInt8(ascii: "+") || next == UInt8(ascii: "-")
                || next == UInt8(ascii: ".") {
                position += 1
            }
        }
        // Integers (the common case: votes and labels) skip the string round trip.
        if simple { return Double(bytes[start] == UInt8(ascii: "-") ? -integer : integer) }
        guard let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)), value.isFinite else {
            position = start
            throw error("invalid number")
        }
        return value
    }

    private mutating func parseString() throws -> String {
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a string") }
        position += 1
        let start = position
        // Fast path: no escapes.
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw error("control character in a string") }
            position += 1
        }
        guard let stop = peek() else { throw error("unterminated string") }
        if stop == UInt8(ascii: "\"") {
            position += 1
            return try decodeUTF8(bytes[start..<(position - 1)], at: start)
        }
        var scalars = Array(bytes[start..<position])
        while true {
            guard let byte = peek() else { throw error("unterminated string") }
            position += 1
            if byte == UInt8(ascii: "\"") { break }
            guard byte >= 0x20 else { position -= 1; throw error("control character in a string") }
            guard byte == UInt8(ascii: "\\") else { scalars.append(byte); continue }
            guard let escape = peek() else { throw error("unterminated string") }
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): scalars.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): scalars.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if (0xD800..<0xDC00).contains(code) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard peek() == UInt8(ascii: "\\") else { throw error("unpaired surrogate in \\u escape") }
                    position += 1
                    guard peek() == UInt8(ascii: "u") else { throw error("unpaired surrogate in \\u escape") }
                    position += 1
                    let low = try parseHex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(code) {
                    throw error("unpaired surrogate in \\u escape")
                }
                scalars.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
            default:
                position -= 2  // name the column of the backslash
                throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
            }
        }
        return try decodeUTF8(scalars[...], at: start)
    }

    private mutating func parseHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw error("unterminated \\u escape") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private func decodeUTF8(_ slice: ArraySlice<UInt8>, at start: Int) throws -> String {
        guard let string = String(validating: slice, as: UTF8.self) else {
            var copy = self
            copy.position = start
            throw copy.error("invalid UTF-8 in a string")
        }
        return string
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count,
              literal.withUTF8Buffer({ bytes[position..<(position + count)].elementsEqual($0) }) else {
            throw error("invalid literal")
        }
        position += count
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard peek() == byte else { throw error("expected '\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    private mutating func expectEnd() throws {
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected content after the JSON value") }
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    @inline(__always)
    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    /// An error at the current position, with 1-based line and column.
    private func error(_ message: String) -> WSLabelError {
        let end = min(position, bytes.count)
        var line = 1, lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return .malformedInput(SourceLocation(file: sourceName, line: line),
                               "invalid JSON at column \(end - lineStart + 1): \(message)")
    }
}
