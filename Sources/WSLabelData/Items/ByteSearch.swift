import WSLabelCore

/// Substring search on UTF-8 bytes, sixteen or eight bytes at a time: what the keyword and
/// regex matchers run on every item, where calling `memchr` once per candidate first byte (and
/// `memcmp` for the rest) cost more than the search itself on short texts.
///
/// Each step loads the bytes at a position and those one further, marks where the needle's
/// first byte and where its second byte sit, and checks the rest of the needle only where both
/// do: sixteen at a time in SIMD registers, then eight in a word, then one by one.
package enum ByteSearch {
    /// The first place of `needle` in `bytes[from..<end]` (the whole needle within), or `nil`.
    ///
    /// - Parameter ignoringASCIICase: compare ASCII letters ignoring case; `needle` must then
    ///   be lowercased already (any other byte compares exactly).
    /// - Complexity: O(n × m) at worst for n bytes and a needle of m, about n / 8 steps on text.
    @inline(__always)
    package static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>,
                                   from: Int, to end: Int, ignoringASCIICase: Bool) -> Int? {
        let count = needle.count
        guard count > 0 else { return from }
        guard end - from >= count, let base = bytes.baseAddress else { return nil }
        let last = end - count  // the last place the needle may start
        @inline(__always) func folded(_ byte: UInt8) -> UInt8 { ignoringASCIICase ? UTF8Bytes.lowercasedASCII(byte) : byte }
        @inline(__always) func matchesRest(at position: Int) -> Bool {
            var offset = 1
            while offset < count, folded(base[position + offset]) == needle[offset] { offset += 1 }
            return offset == count
        }
        // A lowercase needle letter matches its byte with the 0x20 bit set: 'C' | 0x20 == 'c',
        // and no other byte turns into a letter that way.
        @inline(__always) func pattern(_ byte: UInt8) -> (or: UInt64, value: UInt64) {
            let isLetter = ignoringASCIICase && byte &- 0x61 < 26
            return (isLetter ? ones &* 0x20 : 0, ones &* UInt64(byte))
        }
        let first = pattern(needle[0]), second = count > 1 ? pattern(needle[1]) : (or: 0, value: 0)
        var position = from
        // Sixteen bytes at a time with SIMD registers, as far as they reach; words of eight after.
        let firstOr = SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: first.or)), firstValue = SIMD16<UInt8>(repeating: needle[0])
        let secondOr = SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: second.or))
        let secondValue = SIMD16<UInt8>(repeating: count > 1 ? needle[1] : 0)
        while position + 17 <= bytes.count, position <= last {
            let block = UnsafeRawPointer(base + position).loadUnaligned(as: SIMD16<UInt8>.self)
            var candidates = (block | firstOr) .== firstValue
            if count > 1 {
                let next = UnsafeRawPointer(base + position + 1).loadUnaligned(as: SIMD16<UInt8>.self)
                candidates = candidates .& ((next | secondOr) .== secondValue)
            }
            // The mask's lanes are 0xFF or 0x00: read as two words, each set byte is a candidate
            // (`any` and per-lane reads compile to calls and a loop over every lane).
            let lanes = unsafeBitCast(candidates, to: SIMD2<UInt64>.self)
            if lanes[0] | lanes[1] != 0 {
                for half in 0..<2 {
                    var marks = lanes[half]
                    while marks != 0 {
                        let lane = marks.trailingZeroBitCount / 8
                        let candidate = position + half * 8 + lane
                        if candidate > last { return nil }
                        if matchesRest(at: candidate) { return candidate }
                        marks &= ~(0xFF << UInt64(lane * 8))
                    }
                }
            }
            position += 16
        }
        // Full steps read bytes position ..< position + 9 (the second word is one byte further).
        while position + 9 <= bytes.count, position <= last {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            var candidates = zeroBytes((word | first.or) ^ first.value)
            if count > 1 {
                let next = UnsafeRawPointer(base + position + 1).loadUnaligned(as: UInt64.self)
                candidates &= zeroBytes((next | second.or) ^ second.value)
            }
            while candidates != 0 {
                let candidate = position + candidates.trailingZeroBitCount / 8
                if candidate > last { return nil }
                if matchesRest(at: candidate) { return candidate }
                candidates &= candidates &- 1
            }
            position += 8
        }
        while position <= last {
            if folded(base[position]) == needle[0], matchesRest(at: position) { return position }
            position += 1
        }
        return nil
    }

    /// Whether every byte is below 0x80.
    @inline(__always)
    package static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0, highBits: UInt64 = 0
        while index + 8 <= bytes.count {
            highBits |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            highBits |= UInt64(base[index])
            index += 1
        }
        return highBits & (ones &* 0x80) == 0
    }

    /// `0x0101…01`: a byte value times this fills every byte of a word with it.
    @inline(__always) package static var ones: UInt64 { 0x0101_0101_0101_0101 }

    /// The high bit of each zero byte of `word`, nothing else: exact per byte (no carry crosses
    /// a byte), so each set bit is a real zero.
    @inline(__always)
    package static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low7) &+ low7) | word | low7)
    }
}
