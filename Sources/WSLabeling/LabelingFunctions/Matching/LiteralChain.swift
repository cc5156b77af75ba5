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
/// (``CaseFoldingGuard``); for such a text without an ASCII match ``matches(_:)`` answers
/// `nil` and the engine decides.
struct LiteralChain: Sendable, Equatable {
    /// The pieces in order, lowercased when case-insensitive.
    let pieces: [[UInt8]]
    let caseSensitive: Bool
    /// ``pieces``, packed to be read on every item without touching reference counts.
    private let packedPieces: PackedByteStrings

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
        packedPieces = PackedByteStrings(pieces)
    }

    /// Whether the pattern matches somewhere in `text`; `nil` when only the engine can tell.
    ///
    /// A chain found with ASCII case ignored is a match for ICU too (its case-insensitive
    /// matching only adds ways to match, such as U+212A KELVIN SIGN for "k"), so the text is
    /// looked at for such characters only when no chain is found.
    func matches(_ text: String) -> Bool? {
        text.utf8.withContiguousStorageIfAvailable(matches(utf8:)) ?? nil
    }

    /// ``matches(_:)`` of the text whose UTF-8 is `bytes`.
    func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if chainOnOneLine(in: bytes) { return true }
        if !caseSensitive, CaseFoldingGuard.hasFoldingNonASCII(bytes) { return nil }
        return false
    }

    /// Whether every piece occurs in order within one line of `bytes`.
    ///
    /// Each piece is searched at its earliest place after the one before, across the whole
    /// text; when a line terminator lies between the first piece's start and the last piece's
    /// end, no chain starts on that line (its earliest pieces are its best chance), and the
    /// search starts again on the line after the terminator. Most texts hold no first piece, and
    /// are read once.
    private func chainOnOneLine(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        packedPieces.withStrings { pieces in
            var lineStart = 0
            while true {
                var from = lineStart, chainStart = 0
                for index in 0..<pieces.count {
                    let found = Self.find(pieces[index], in: bytes, from: from, to: bytes.count, caseSensitive: caseSensitive)
                    guard let found else { return false }  // nor on any later line
                    if index == 0 { chainStart = found }
                    from = found + pieces[index].count
                }
                guard let next = Self.lineAfterTerminator(in: bytes, from: chainStart, before: from) else { return true }
                lineStart = next
            }
        }
    }

    /// The first place of `piece` in `bytes[from..<to]`, ASCII letters compared ignoring case
    /// unless `caseSensitive` (`piece` then already lowercased). Shared with ``RegexLF``'s prefilter.
    @inline(__always)
    static func find(_ piece: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int,
                     caseSensitive: Bool) -> Int? {
        ByteSearch.firstIndex(of: piece, in: bytes, from: from, to: end, ignoringASCIICase: !caseSensitive)
    }

    /// Where the line after the first line terminator starting in `bytes[start..<end]` starts,
    /// or `nil` when none does. Line terminators: U+000A–U+000D, U+0085 (C2 85), U+2028 and
    /// U+2029 (E2 80 A8/A9).
    private static func lineAfterTerminator(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int? {
        var index = start
        // Eight bytes at a time while they are ASCII above U+000D: no terminator among them.
        if let base = bytes.baseAddress {
            while index + 8 <= end {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let belowFourteen = (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word  // high bit set for some byte < 0x0E, if any
                if (word | belowFourteen) & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
        }
        while index < end {
            let byte = bytes[index]
            if byte &- 0x0A < 4 { return index + 1 }
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 { return index + 2 }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] &- 0xA8 < 2 { return index + 3 }
            index += 1
        }
        return nil
    }
}
