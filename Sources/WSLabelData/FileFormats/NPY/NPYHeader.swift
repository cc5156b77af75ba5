import Foundation
import WSLabelCore

/// The header of an `.npy` file: a Python dict literal such as
/// `{'descr': '<i1', 'fortran_order': False, 'shape': (3, 4), }`.
struct NPYHeader {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    private enum Value {
        case string(String)
        case bool(Bool)
        case tuple([Int])
        case other(String)
    }

    /// The first bytes of a format 1.0 `.npy` file of a C-order array: magic, version, header
    /// length and the header padded with spaces and a line feed to a multiple of 64 bytes, as
    /// NumPy writes it.
    static func encoded(descr: String, rows: Int, columns: Int) -> [UInt8] {
        var header = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(rows), \(columns)), }".utf8)
        // Magic (6) + version (2) + length (2) + header + padding + "\n", a multiple of 64.
        let unpadded = 10 + header.count + 1
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (64 - unpadded % 64) % 64))
        header.append(UInt8(ascii: "\n"))
        return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(truncatingIfNeeded: header.count), UInt8(truncatingIfNeeded: header.count >> 8)]
            + header
    }

    init(_ bytes: [UInt8], isUTF8: Bool, file: String) throws {
        func fail(_ message: String) -> WSLabelError {
            .malformedInput(SourceLocation(file: file, field: "header"), "malformed .npy header: \(message)")
        }
        var text: String
        if isUTF8 {
            guard let decoded = String(validating: bytes, as: UTF8.self) else { throw fail("invalid UTF-8") }
            text = decoded
        } else {
            text = String(bytes.map { Character(Unicode.Scalar($0)) })  // Latin-1
        }
        var scanner = PythonLiteralScanner(text: Array(text.unicodeScalars))
        var members: [String: Value] = [:]
        scanner.skipSpace()
        guard scanner.consume("{") else { throw fail("expected a dict literal, found \(text.prefix(40).debugDescription)") }
        while true {
            scanner.skipSpace()
            if scanner.consume("}") { break }
            guard let key = scanner.string() else { throw fail("expected a quoted key at offset \(scanner.position)") }
            scanner.skipSpace()
            guard scanner.consume(":") else { throw fail("expected ':' after '\(key)'") }
            scanner.skipSpace()
            let value: Value
            if let string = scanner.string() {
                value = .string(string)
            } else if scanner.peek == "(" {
                guard let tuple = scanner.intTuple() else { throw fail("the value of '\(key)' is not a tuple of integers") }
                value = .tuple(tuple)
            } else {
                let raw = scanner.rawValue()
                value = raw == "True" ? .bool(true) : raw == "False" ? .bool(false) : .other(raw)
            }
            members[key] = value
            scanner.skipSpace()
            if scanner.consume(",") { continue }
            guard scanner.consume("}") else { throw fail("expected ',' or '}' after the value of '\(key)'") }
            break
        }
        switch members["descr"] {
        case let .string(descr)?: self.descr = descr
        case let .other(raw)?:
            throw WSLabelError.malformedInput(SourceLocation(file: file, field: "descr"),
                                              "unsupported dtype \(raw) (a structured or record dtype); supported: \(NPYDecoding.supportedTypes)")
        default: throw fail("missing 'descr'")
        }
        guard case let .bool(fortranOrder)? = members["fortran_order"] else { throw fail("missing or non-boolean 'fortran_order'") }
        self.fortranOrder = fortranOrder
        guard case let .tuple(shape)? = members["shape"] else { throw fail("missing 'shape' tuple") }
        self.shape = shape
    }
}

/// Just enough of Python literal syntax for `.npy` headers: quoted strings, tuples of integers
/// (with Python 2's `L` suffix), and other values skipped as raw text.
private struct PythonLiteralScanner {
    var text: [Unicode.Scalar]
    var position = 0

    var peek: Unicode.Scalar? { position < text.count ? text[position] : nil }

    mutating func skipSpace() {
        while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { position += 1 }
    }

    mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        position += 1
        return true
    }

    /// A `'...'` or `"..."` string, with backslash escapes taken literally.
    mutating func string() -> String? {
        guard let quote = peek, quote == "'" || quote == "\"" else { return nil }
        var end = position + 1
        var result = String.UnicodeScalarView()
        while end < text.count, text[end] != quote {
            if text[end] == "\\", end + 1 < text.count { end += 1 }
            result.append(text[end])
            end += 1
        }
        guard end < text.count else { return nil }
        position = end + 1
        return String(result)
    }

    /// `(3, 4)`, `(3,)`, `()` or `(3L, 4L)`.
    mutating func intTuple() -> [Int]? {
        guard consume("(") else { return nil }
        var values: [Int] = []
        while true {
            skipSpace()
            if consume(")") { return values }
            var digits = ""
            while let scalar = peek, ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
                position += 1
            }
            guard let value = Int(digits) else { return nil }
            _ = consume("L") || consume("l")
            values.append(value)
            skipSpace()
            if consume(",") { continue }
            guard consume(")") else { return nil }
            return values
        }
    }

    /// Text up to the next `,` or `}` outside brackets and quotes (e.g. `True`, or a list).
    mutating func rawValue() -> String {
        let start = position
        var depth = 0
        while let scalar = peek {
            if depth == 0, scalar == "," || scalar == "}" { break }
            if scalar == "'" || scalar == "\"" {
                if string() == nil { position = text.count }
                continue
            }
            if scalar == "(" || scalar == "[" || scalar == "{" { depth += 1 }
            if scalar == ")" || scalar == "]" || scalar == "}" { depth -= 1 }
            position += 1
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text[start..<position])
        return String(result).trimmingCharacters(in: .whitespaces)
    }
}
