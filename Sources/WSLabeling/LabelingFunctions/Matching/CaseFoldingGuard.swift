import WSLabelData
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
            // Eight ASCII bytes at a time: none of them can fold.
            if index + 8 <= count,
               UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let (scalar, length) = UTF8Bytes.scalar(in: bytes, at: index)
            if ScalarPropertySet.changesWhenCaseFolded.contains(scalar) { return true }
            index += length
        }
        return false
    }
}
