import WSLabelCore

/// A 64-bit hash of an item's text, the same on every platform and run: what the applier keeps
/// of each text so that a task can tell which texts its splits share (``DuplicateTexts``)
/// without keeping the texts.
///
/// Eight bytes at a time (a 64 × 64 → 128-bit multiply folded to 64 bits per word, as wyhash
/// does, then SplitMix64's finalizer), so hashing costs a small part of reading the text once:
/// ``ItemFingerprint`` (FNV-1a, 128 bits, a byte at a time) keys the cache by id, text and
/// fields, and ``HashedText`` hashes n-grams, neither of which tells equal texts apart cheaply.
/// Two different texts share a hash with a chance of about 2⁻⁶⁴ per pair.
enum TextHash {
    private static let lengthKey: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let stateKey: UInt64 = 0xA076_1D64_78BD_642F
    private static let wordKey: UInt64 = 0xE703_7ED1_A0B4_28DB

    /// The hash of the text whose UTF-8 is `bytes`.
    /// - Complexity: O(n) for n bytes, a multiply per eight.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var state = UInt64(bytes.count) ^ lengthKey
        guard let base = bytes.baseAddress else { return finalized(state) }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            state = mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ wordKey, state ^ stateKey)
            index += 8
        }
        if index < bytes.count {
            var word: UInt64 = 0
            for offset in 0..<(bytes.count - index) { word |= UInt64(base[index + offset]) << UInt64(8 * offset) }
            state = mix(word ^ wordKey, state ^ stateKey)
        }
        return finalized(state)
    }

    /// The hash of `text`'s UTF-8.
    static func hash(_ text: String) -> UInt64 {
        if let hash = text.utf8.withContiguousStorageIfAvailable(hash) { return hash }
        var text = text  // a bridged string: made native and contiguous first
        return text.withUTF8(hash)
    }

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// SplitMix64's output function (its first number from seed `hash`): every bit of the
    /// state reaches every bit of the hash.
    @inline(__always)
    private static func finalized(_ hash: UInt64) -> UInt64 { SplitMix64.finalized(hash) }
}
