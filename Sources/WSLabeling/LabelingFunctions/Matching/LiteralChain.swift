import WSLabelData
/// A regular expression that is a chain of plain literals joined by `.*` (`check.*out`,
/// `free.*money.*now`), matched on UTF-8 bytes without the regex engine.
///
/// Such a pattern matches when its pieces occur in order, each after the end of the one before,
/// with no line terminator between the first piece and the last (ICU's `.` matches none of
/// U+000A–U+000D, U+0085, U+2028, U+2029). Finding each piece at its earliest place after the
/// previous one is enough: an earlier end leaves the later pieces the most room.
///
/// Pieces hold only characters ICU reads as themselves: ASCII letters, digits, space and
/// ``literalPunctuation``. Case-insensitively, ASCII letters are compared ignoring case, which
/// is ICU's answer unless the text has a non-ASCII scalar that case folding changes
/// (``CaseFoldingGuard``); for such a text ``matches(_:caseSensitive:)`` answers `nil` and
/// the engine decides.
struct LiteralChain: Sendable, Equatable {
    /// The pieces in order, lowercased when case-insensitive.
    let pieces: [[UInt8]]
    let caseSensitive: Bool

    /// Characters besides letters, digits and space that stand for themselves in a pattern.
    static let literalPunctuation = Set("'\",-_:;/!@%&=<>~`#".utf8)

    /// The chain `pattern` is, or `nil` when it is any other regular expression.
    init?(pattern: String, caseSensitive: Bool) {
        var pieces: [[UInt8]] = [[]]
        let bytes = Array(pattern.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                guard !pieces[pieces.count - 1].isEmpty else { return nil }  // `.*` first or twice
                pieces.append([])
                index += 2
                continue
            }
            let isLiteral = (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x20 || Self.literalPunctuation.contains(byte)
            guard isLiteral else { return nil }
            pieces[pieces.count - 1].append(caseSensitive ? byte : UTF8Bytes.lowercasedASCII(byte))
            index += 1
        }
        guard pieces.allSatisfy({ !$0.isEmpty }) else { return nil }  // empty pattern, or `.*` last
        self.pieces = pieces
        self.caseSensitive = caseSensitive
    }

    /// Whether the pattern matches somewhere in `text`; `nil` when only the engine can tell.
    func matches(_ text: String) -> Bool? {
        let answer = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            if !caseSensitive, CaseFoldingGuard.hasFoldingNonASCII(bytes) { return nil }
            var lineStart = 0
            while lineStart <= bytes.count {
                let lineEnd = Self.lineEnd(in: bytes, from: lineStart)
                if matchesLine(bytes, lineStart, lineEnd.end) { return true }
                guard let next = lineEnd.next else { break }
                lineStart = next
            }
            return false
        }
        return answer ?? nil
    }

    /// Whether every piece occurs in order within `bytes[start..<end]`.
    private func matchesLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        // Pieces are borrowed from buffers: iterating the arrays would retain them, objects
        // every applier thread shares.
        pieces.withUnsafeBufferPointer { pieces in
            var from = start
            for index in pieces.indices {
                let found = pieces[index].withUnsafeBufferPointer { Self.find($0, in: bytes, from: from, to: end, caseSensitive: caseSensitive) }
                guard let found else { return false }
                from = found + pieces[index].count
            }
            return true
        }
    }

    /// The first place of `piece` in `bytes[from..<to]`, ASCII letters compared ignoring case
    /// unless `caseSensitive` (`piece` then already lowercased). Shared with ``RegexLF``'s prefilter.
    @inline(__always)
    static func find(_ piece: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int,
                     caseSensitive: Bool) -> Int? {
        ByteSearch.firstIndex(of: piece, in: bytes, from: from, to: end, ignoringASCIICase: !caseSensitive)
    }

    /// Where the line starting at `start` ends, and where the next one starts (`nil` after the
    /// last line). Line terminators: U+000A–U+000D, U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9).
    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, next: Int?) {
        var index = start
        // Eight bytes at a time while they are ASCII above U+000D: no terminator among them.
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let belowFourteen = (word &- ByteSearch.ones &* 0x0E) & ~word  // high bit set for some byte < 0x0E, if any
                if (word | belowFourteen) & (ByteSearch.ones &* 0x80) != 0 { break }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte &- 0x0A < 4 { return (index, index + 1) }
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 { return (index, index + 2) }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] &- 0xA8 < 2 {
                return (index, index + 3)
            }
            index += 1
        }
        return (bytes.count, nil)
    }
}
