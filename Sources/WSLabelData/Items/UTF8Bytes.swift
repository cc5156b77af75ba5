import WSLabelCore

/// Byte-level helpers the per-item fast paths share (``ItemView``, the keyword and regex
/// matchers): reading a scalar out of valid UTF-8, and ASCII case.
package enum UTF8Bytes {
    /// The scalar whose UTF-8 starts at `index` of valid UTF-8 `bytes`, and its length.
    @inline(__always)
    package static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return ((lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                    | UInt32(bytes[index + 3] & 0x3F), 4)
    }

    /// `byte` lowercased when it is an ASCII capital, else itself.
    @inline(__always)
    package static func lowercasedASCII(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// The eight ASCII bytes of `word` with their capitals lowercased, as `lowercasedASCII` does to
    /// one byte (every byte of `word` must be below 0x80).
    @inline(__always)
    package static func lowercasedASCII(_ word: UInt64) -> UInt64 {
        // For a byte b < 0x80, b + 0x3F has its high bit set from 0x41 ("A") on and b + 0x25 from
        // 0x5B (after "Z") on; neither sum carries out of its byte.
        let capitals = ((word &+ ByteSearch.ones &* 0x3F) ^ (word &+ ByteSearch.ones &* 0x25)) & (ByteSearch.ones &* 0x80)
        return word | capitals >> 2
    }
}
