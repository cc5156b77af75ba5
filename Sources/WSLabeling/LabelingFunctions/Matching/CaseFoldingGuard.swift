/// Tells whether a text may match an ASCII pattern letter through a non-ASCII character under
/// ICU's case-insensitive matching (U+212A KELVIN SIGN matches "k", "ß" matches "ss"): the
/// condition under which the byte-level fast paths of ``RegexLF`` must leave the text to ICU.
///
/// A scalar counts when its `changesWhenCaseFolded` property is set
/// (``ScalarPropertySet/changesWhenCaseFolded``).
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
            if ScalarPropertySet.changesWhenCaseFolded.contains(scalar) { return true }
            index += length
        }
        return false
    }
}
