import Synchronization

/// Tells whether a text may match an ASCII pattern letter through a non-ASCII character under
/// ICU's case-insensitive matching (U+212A KELVIN SIGN matches "k", "ß" matches "ss"): the
/// condition under which the byte-level fast paths of ``RegexLF`` must leave the text to ICU.
///
/// A scalar counts when its `changesWhenCaseFolded` property is set. The property is read once
/// per scalar into a bit table for the first two planes (where every cased script lives); the
/// rare scalars above them are looked up directly.
enum CaseFoldingGuard {
    /// Whether UTF-8 `bytes` hold a non-ASCII scalar that changes when case folded.
    static func hasFoldingNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let scalar: UInt32, length: Int
            if lead < 0xE0 {
                scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                length = 2
            } else if lead < 0xF0 {
                scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                length = 3
            } else {
                scalar = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                    | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                length = 4
            }
            if changesWhenCaseFolded(scalar) { return true }
            index += length
        }
        return false
    }

    @inline(__always)
    private static func changesWhenCaseFolded(_ scalar: UInt32) -> Bool {
        guard scalar < Self.tableLimit else { return Unicode.Scalar(scalar)?.properties.changesWhenCaseFolded ?? false }
        return table[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
    }

    /// Scalars below this limit are answered from ``table``.
    private static let tableLimit: UInt32 = 0x20000

    /// One bit per scalar below ``tableLimit``: 16 KiB, filled on first use.
    private static let table: [UInt64] = {
        var words = [UInt64](repeating: 0, count: Int(tableLimit) / 64)
        for value in 0x80..<tableLimit {
            if let scalar = Unicode.Scalar(value), scalar.properties.changesWhenCaseFolded {
                words[Int(value >> 6)] |= 1 << UInt64(value & 63)
            }
        }
        return words
    }()
}
