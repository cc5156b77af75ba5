import Synchronization
import WSLabelCore

/// An item with the preprocessed views LFs share, computed once per item rather than once per
/// LF: the lowercased text and its word tokens.
///
/// ```swift
/// let view = ItemView(Item(id: "1", text: "Check out MY channel!"))
/// view.lowercasedText   // "check out my channel!"
/// view.tokens           // ["check", "out", "my", "channel"]
/// view.wordCount        // 4 (whitespace-separated words, as Python's str.split())
/// ```
public struct ItemView: @unchecked Sendable {
    // Sendable: the buffers below point into `storage`'s memory, which is never written while
    // a view of it exists (see ``ItemView/Storage``).

    /// Everything the view holds, in one object: the applier lends a view to each LF, and a
    /// copy of the view then retains one reference instead of the half-dozen strings inside.
    let storage: Storage
    /// The text's UTF-8, for a view over a record; `nil` for a view of an item, whose text
    /// string holds it.
    private let textUTF8: UnsafeBufferPointer<UInt8>?
    /// The UTF-8 of ``lowercasedText``.
    private let lowercasedUTF8: UnsafeBufferPointer<UInt8>
    /// Number of whitespace-separated words of `item.text`.
    public let wordCount: Int

    public init(_ item: Item) {
        let storage = Storage(item: item)
        var text = item.text
        // `withUTF8` makes a bridged string's UTF-8 contiguous; native strings are as they are.
        (lowercasedUTF8, wordCount) = text.withUTF8 { bytes in
            (storage.lowercase(bytes, at: 0), Self.countWords(in: bytes) { item.text })
        }
        self.storage = storage
        textUTF8 = nil
    }

    /// A view over `storage`'s record view, whose text and lowercased text are at those places of its bytes.
    init(storage: Storage, text: UnsafeBufferPointer<UInt8>, lowercased: UnsafeBufferPointer<UInt8>, wordCount: Int) {
        self.storage = storage
        textUTF8 = text
        lowercasedUTF8 = lowercased
        self.wordCount = wordCount
    }

    /// The item. A view over a record makes it on first use (the tutorial's LFs never ask).
    public var item: Item { storage.item ?? storage.recordItem(text: textUTF8.unsafelyUnwrapped) }

    /// The item's id, without making the item.
    package var id: String { storage.item?.id ?? storage.id }
    /// The item's gold label, without making the item.
    package var gold: String? { storage.item.map(\.gold) ?? storage.gold }

    /// `item.text` lowercased. Made on first use from the lowercased bytes that
    /// ``withUTF8(lowercased:_:)`` reads (LFs that search bytes never need the string).
    public var lowercasedText: String {
        storage.lazyParts.withLock { parts in
            if let text = parts.lowercasedText { return text }
            // Lowercasing well-formed UTF-8 scalar by scalar gives well-formed UTF-8: nothing to repair.
            let made = String(decoding: lowercasedUTF8, as: UTF8.self)
            parts.lowercasedText = made
            return made
        }
    }

    /// Calls `body` with the UTF-8 bytes of ``lowercasedText`` (of ``text`` when `lowercased`
    /// is false), read in place: what LFs that search bytes use.
    ///
    /// - Returns: `nil` when the text has no contiguous UTF-8 (bridged strings).
    public func withUTF8<R>(lowercased: Bool, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        if lowercased { return try body(lowercasedUTF8) }
        if let textUTF8 { return try body(textUTF8) }
        return try storage.item.unsafelyUnwrapped.text.utf8.withContiguousStorageIfAvailable(body)
    }

    /// Lowercased runs of letters and digits, in order. Computed on first use (most LFs never
    /// ask), once per view (thread-safe: views are `Sendable`).
    public var tokens: [Substring] {
        let text = lowercasedText
        return storage.lazyParts.withLock { parts in
            if let tokens = parts.tokens { return tokens }
            let made = Self.tokenize(text)
            parts.tokens = made
            return made
        }
    }

    /// The item's text.
    public var text: String { item.text }

    /// A field of the source record. The fields are decoded on first use (most LFs never ask),
    /// once per view.
    public subscript(field name: String) -> String? {
        let item = self.item
        return storage.lazyParts.withLock { parts in
            if let fields = parts.fields { return fields[name] }
            let decoded = item.fields
            parts.fields = decoded
            return decoded[name]
        }
    }

    // MARK: - Fast paths with the standard library's exact semantics
    //
    // Everything here is per-item work on the applier's hot path. Each helper gives exactly the
    // result of the obvious standard-library expression named in its comment, working on the
    // UTF-8 bytes: ASCII needs no Unicode property tables, and grapheme clusters (Characters)
    // are asked for only where one could change the answer.

    /// Writes the UTF-8 of `text.lowercased()` for UTF-8 `bytes` to `output` (room for
    /// `capacity` bytes) and returns its length, or `nil` when it does not fit: the standard
    /// library maps each Unicode scalar to its `properties.lowercaseMapping` (no context
    /// rules); ASCII scalars are mapped inline here. Bytes, not a string: a string would
    /// validate them again.
    static func lowercase(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int? {
        var written = 0
        var index = 0
        while index < bytes.count {
            // Eight ASCII bytes at a time where they are.
            if index + 8 <= bytes.count, written + 8 <= capacity {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if word & (ByteSearch.ones &* 0x80) == 0 {
                    UnsafeMutableRawPointer(output + written).storeBytes(of: UTF8Bytes.lowercasedASCII(word), as: UInt64.self)
                    written += 8
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                guard written < capacity else { return nil }
                output[written] = UTF8Bytes.lowercasedASCII(byte)
                written += 1
                index += 1
                continue
            }
            let (scalar, length) = UTF8Bytes.scalar(in: bytes, at: index)
            if !ScalarPropertySet.changesWhenLowercased.contains(scalar) {
                // Its own lowercase (U+FEFF, emoji, most non-Latin text): copied as is.
                guard written + length <= capacity else { return nil }
                for offset in 0..<length { output[written + offset] = bytes[index + offset] }
                written += length
                index += length
                continue
            }
            for unit in Unicode.Scalar(scalar)!.properties.lowercaseMapping.utf8 {
                guard written < capacity else { return nil }
                output[written] = unit
                written += 1
            }
            index += length
        }
        return written
    }

    /// The room ``lowercase(_:into:capacity:)`` nearly always needs for `bytes`: lowercasing
    /// grows a scalar's UTF-8 by at most half (U+0130 İ, 2 bytes, becomes "i̇", 3 bytes).
    static func lowercasedCapacity(ofNonASCII bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count + bytes.count / 2 + 4
    }

    /// The UTF-8 of `text.lowercased()`, scalar by scalar: where a scalar grows more than
    /// ``lowercasedCapacity(ofNonASCII:)`` allows.
    static func lowercaseScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var lowered: [UInt8] = []
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            lowered.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
        }
        return lowered
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

    /// `text.split(whereSeparator: \.isWhitespace).count`.
    ///
    /// The runs of ``forEachRun(in:where:_:)``, counted; eight ASCII bytes at a time where no
    /// grapheme cluster can reach into them (see ``countWordStarts(in:inWord:)``).
    static func countWords(_ text: String) -> Int {
        text.utf8.withContiguousStorageIfAvailable { countWords(in: $0) { text } } ?? text.split(whereSeparator: \.isWhitespace).count
    }

    /// ``countWords(_:)`` of the text whose UTF-8 is `bytes`; `text` makes that string, asked
    /// for only where a grapheme cluster may join scalars.
    static func countWords(in bytes: UnsafeBufferPointer<UInt8>, text makeText: () -> String) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var text: String?
        var count = 0, inWord = false, previousMayJoin = false, index = 0
        while index < bytes.count {
            if !previousMayJoin, index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    count += countWordStarts(in: word, inWord: &inWord)
                    index += 8
                    continue
                }
            }
            let (scalar, length) = UTF8Bytes.scalar(in: bytes, at: index)
            let mayJoin = scalar >= 0x300 && scalar != 0xFEFF
            let isWordScalar = !isWhitespace(scalar)
            if isWordScalar != inWord {
                var startsCharacter = !(mayJoin || previousMayJoin)
                if !startsCharacter {
                    if text == nil { text = makeText() }
                    let utf8 = text.unsafelyUnwrapped.utf8
                    startsCharacter = utf8.index(utf8.startIndex, offsetBy: index).samePosition(in: text.unsafelyUnwrapped) != nil
                }
                if startsCharacter {
                    inWord = isWordScalar
                    if isWordScalar { count += 1 }
                }
            }
            previousMayJoin = mayJoin
            index += length
        }
        return count
    }

    /// The words that start in eight ASCII bytes (`word`, first byte lowest), given whether a
    /// word runs into them; updates `inWord` for the byte after. ASCII white space is 0x20
    /// and 0x09–0x0D; each test below is exact per byte (no carry crosses a byte).
    @inline(__always)
    static func countWordStarts(in word: UInt64, inWord: inout Bool) -> Int {
        let highs: UInt64 = 0x8080_8080_8080_8080, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let spaces = word ^ 0x2020_2020_2020_2020
        let isSpace = ~(((spaces & lows) &+ lows) | spaces) & highs  // high bit where the byte is 0x20
        let raised = word | highs  // every byte ≥ 0x80, so subtracting 9 or 14 never borrows
        let atLeast9 = (raised &- 0x0909_0909_0909_0909) & highs
        let atLeast14 = (raised &- 0x0E0E_0E0E_0E0E_0E0E) & highs
        let isWordByte = ~(isSpace | (atLeast9 & ~atLeast14)) & highs
        let previousIsWordByte = isWordByte << 8 | (inWord ? 0x80 : 0)
        inWord = isWordByte & (0x80 << 56) != 0
        return (isWordByte & ~previousIsWordByte).nonzeroBitCount
    }

    /// `text.split { !isLetterOrNumber($0) }`.
    static func tokenize(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        let utf8 = text.utf8
        let scanned = forEachRun(in: text, where: isLetterOrNumber) { start, end in
            tokens.append(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
        }
        return scanned ? tokens : text.split { !isLetterOrNumber($0) }
    }

    /// Calls `body(start, end)` with the UTF-8 offsets of each maximal run of characters of
    /// `text` whose first scalar is a member (`isMember`), in order: the pieces that
    /// `text.split { !isMember($0's first scalar) }` returns. `false` (and no calls) when the
    /// text has no contiguous UTF-8.
    ///
    /// A `Character`'s properties are those of its first scalar, so the scan goes scalar by
    /// scalar and needs the grapheme-cluster boundaries only where membership changes: a
    /// scalar that continues the previous one's cluster belongs to that character. Two scalars
    /// below U+0300 never share a cluster except CR LF (the standard library's own fast path;
    /// both are non-members for every property used here), and U+FEFF, a control, always has a
    /// cluster of its own (the YouTube comments end in it); around any other scalar the string
    /// is asked whether a cluster starts there.
    @inline(__always)  // so that each caller's closures are inlined into the scan loop
    private static func forEachRun(in text: String, where isMember: (UInt32) -> Bool, _ body: (Int, Int) -> Void) -> Bool {
        let utf8 = text.utf8
        let scanned = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var runStart = -1  // the current run's first byte, or -1 between runs
            var previousMayJoin = false
            var index = 0
            while index < bytes.count {
                let (scalar, length) = UTF8Bytes.scalar(in: bytes, at: index)
                let mayJoin = scalar >= 0x300 && scalar != 0xFEFF
                if isMember(scalar) != (runStart >= 0) {
                    let startsCharacter = !(mayJoin || previousMayJoin)
                        || utf8.index(utf8.startIndex, offsetBy: index).samePosition(in: text) != nil
                    if startsCharacter {
                        if runStart >= 0 {
                            body(runStart, index)
                            runStart = -1
                        } else {
                            runStart = index
                        }
                    }
                }
                previousMayJoin = mayJoin
                index += length
            }
            if runStart >= 0 { body(runStart, bytes.count) }
            return true
        }
        return scanned ?? false
    }

    /// `Character.isWhitespace` of a character starting with `scalar`: its White_Space
    /// property (ASCII: U+0009–U+000D and U+0020).
    @inline(__always)
    private static func isWhitespace(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return scalar == 0x20 || scalar &- 0x09 < 5 }
        return ScalarPropertySet.whitespace.contains(scalar)
    }

    /// `isLetter || isNumber` of a character starting with `scalar`: Alphabetic, or any
    /// numeric type.
    @inline(__always)
    private static func isLetterOrNumber(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return (scalar | 0x20) &- 0x61 < 26 || scalar &- 0x30 < 10 }
        let properties = Unicode.Scalar(scalar)!.properties
        return properties.isAlphabetic || properties.numericType != nil
    }
}
