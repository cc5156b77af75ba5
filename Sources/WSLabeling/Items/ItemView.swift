import Synchronization

/// An item with the preprocessed views LFs share, computed once per item rather than once per
/// LF: the lowercased text and its word tokens.
///
/// ```swift
/// let view = ItemView(Item(id: "1", text: "Check out MY channel!"))
/// view.lowercasedText   // "check out my channel!"
/// view.tokens           // ["check", "out", "my", "channel"]
/// view.wordCount        // 4 (whitespace-separated words, as Python's str.split())
/// ```
public struct ItemView: Sendable {
    /// The item.
    public let item: Item
    /// `item.text` lowercased.
    public let lowercasedText: String
    /// Number of whitespace-separated words of `item.text`.
    public let wordCount: Int
    /// The tokens, made on first use (most LFs never ask) and then kept.
    private let lazyTokens = LazyTokens()

    public init(_ item: Item) {
        self.item = item
        lowercasedText = Self.lowercase(item.text)
        wordCount = Self.countWords(item.text)
    }

    /// Lowercased runs of letters and digits, in order. Computed on first use, once per view
    /// (thread-safe: views are `Sendable`).
    public var tokens: [Substring] {
        lazyTokens.storage.withLock { tokens in
            if let tokens { return tokens }
            let made = Self.tokenize(lowercasedText)
            tokens = made
            return made
        }
    }

    /// The item's text.
    public var text: String { item.text }

    /// A field of the source record.
    public subscript(field name: String) -> String? { item.fields[name] }

    // MARK: - Fast paths with the standard library's exact semantics
    //
    // Everything here is per-item work on the applier's hot path. Each helper gives exactly the
    // result of the obvious standard-library expression named in its comment; it only skips the
    // Unicode property tables for ASCII, which the standard library consults for every scalar.

    /// `text.lowercased()`: the standard library maps each Unicode scalar to its
    /// `properties.lowercaseMapping` (no context rules); ASCII scalars are mapped inline here.
    static func lowercase(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(truncatingIfNeeded: scalar.value)
                bytes.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
            } else {
                bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `character.isLetter || character.isNumber` (both read the first scalar's properties;
    /// an ASCII character is one of A–Z, a–z, 0–9 exactly when it is alphabetic or numeric).
    @inline(__always)
    static func isLetterOrNumber(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return (ascii | 0x20) &- 0x61 < 26 || ascii &- 0x30 < 10
        }
        return character.isLetter || character.isNumber
    }

    /// `text.split(whereSeparator: \.isWhitespace).count`. `Character.isWhitespace` reads the
    /// first scalar's White_Space property; the ASCII white space is U+0009–U+000D and U+0020
    /// (and "\r\n", whose `asciiValue` is the line feed).
    static func countWords(_ text: String) -> Int {
        if let count = countWordsByScalar(text) { return count }
        var count = 0
        var inWord = false
        for character in text {
            let isWhitespace: Bool
            if let ascii = character.asciiValue {
                isWhitespace = ascii == 0x20 || ascii &- 0x09 < 5
            } else {
                isWhitespace = character.isWhitespace
            }
            if isWhitespace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    /// `text.split { !isLetterOrNumber($0) }`.
    static func tokenize(_ text: String) -> [Substring] {
        if let tokens = tokenizeByScalar(text) { return tokens }
        return text.split { !isLetterOrNumber($0) }
    }

    // Scalar-level versions, used when every character of the text is a single Unicode scalar
    // (or "\r\n"), so that a character's properties are its scalar's. That holds when every
    // scalar is below U+0300 (no grapheme cluster joins two such scalars except CR LF: the
    // standard library's own fast path) or is U+FEFF (grapheme break property Control: a
    // cluster of its own); the YouTube comments, for one, end in U+FEFF. Otherwise they return
    // `nil` and the callers iterate characters. CR LF changes nothing: both are white space and
    // neither is a letter or number.

    /// Calls `body(scalar, start, end)` for each scalar of valid UTF-8 `bytes`; `false` (having
    /// stopped) at the first scalar that may share a character with a neighbour.
    @inline(__always)
    private static func forEachIsolatedScalar(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt32, Int, Int) -> Void
    ) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = UInt32(bytes[index])
            var scalar: UInt32
            var length: Int
            if lead < 0x80 {
                scalar = lead
                length = 1
            } else if lead < 0xE0 {
                scalar = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                length = 2
            } else if lead < 0xF0 {
                scalar = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                length = 3
            } else {
                return false  // U+10000 and above: never below U+0300
            }
            guard scalar < 0x300 || scalar == 0xFEFF else { return false }
            body(scalar, index, index + length)
            index += length
        }
        return true
    }

    private static func isWhitespace(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return scalar == 0x20 || scalar &- 0x09 < 5 }
        return Unicode.Scalar(scalar)!.properties.isWhitespace
    }

    private static func isLetterOrNumber(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return (scalar | 0x20) &- 0x61 < 26 || scalar &- 0x30 < 10 }
        let properties = Unicode.Scalar(scalar)!.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    private static func countWordsByScalar(_ text: String) -> Int? {
        let result = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var count = 0
            var inWord = false
            let isolated = forEachIsolatedScalar(bytes) { scalar, _, _ in
                if isWhitespace(scalar) {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    count += 1
                }
            }
            return isolated ? count : nil
        }
        return result ?? nil
    }

    private static func tokenizeByScalar(_ text: String) -> [Substring]? {
        let utf8 = text.utf8
        let result = utf8.withContiguousStorageIfAvailable { bytes -> [Substring]? in
            var tokens: [Substring] = []
            var tokenStart = -1
            func append(_ end: Int) {
                tokens.append(text[utf8.index(utf8.startIndex, offsetBy: tokenStart)..<utf8.index(utf8.startIndex, offsetBy: end)])
            }
            let isolated = forEachIsolatedScalar(bytes) { scalar, start, _ in
                if isLetterOrNumber(scalar) {
                    if tokenStart < 0 { tokenStart = start }
                } else if tokenStart >= 0 {
                    append(start)
                    tokenStart = -1
                }
            }
            guard isolated else { return nil }
            if tokenStart >= 0 { append(bytes.count) }
            return tokens
        }
        return result ?? nil
    }
}

/// The storage of ``ItemView/tokens``, filled on first use.
private final class LazyTokens: Sendable {
    let storage = Mutex<[Substring]?>(nil)
}
