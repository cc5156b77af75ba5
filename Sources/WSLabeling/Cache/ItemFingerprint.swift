import WSLabelData
/// A 128-bit hash of everything a labeling function can read from an item: its id, text,
/// fields and gold label.
///
/// The vote cache keys votes by item fingerprint, so the hash must not change between runs,
/// machines or Swift versions (Swift's `Hasher` is seeded per process and cannot be used). It
/// is FNV-1a 128 over a length-prefixed encoding of the item, fields sorted by the UTF-8 bytes
/// of their names. Two items get the same fingerprint only when every part is byte-for-byte
/// equal (or, with probability about n²/2¹²⁹ for n items, by collision).
///
/// ```swift
/// let a = ItemFingerprint(Item(id: "1", text: "Check out my channel"))
/// let b = ItemFingerprint(Item(id: "1", text: "Check out my channel!"))
/// a == b          // false
/// a.hexString     // 32 hex digits, the same on every run and platform
/// ```
///
/// FNV is not a cryptographic hash: a cache shared with someone who crafts colliding items on
/// purpose could be poisoned. Cache files are local build artifacts, so speed wins here.
public struct ItemFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The high 64 bits.
    public let high: UInt64
    /// The low 64 bits.
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The fingerprint of `item`.
    /// - Complexity: O(bytes of the item's strings).
    public init(_ item: Item) {
        var hasher = FNV1a128()
        // Bump the tag if the encoding below ever changes, so old cache rows stop matching.
        hasher.combine(string: "wslabel-item-v1")
        hasher.combine(string: item.id)
        hasher.combine(string: item.text)
        if let gold = item.gold {
            hasher.combine(byte: 1)
            hasher.combine(string: gold)
        } else {
            hasher.combine(byte: 0)
        }
        hasher.combine(length: item.fields.count)
        // Dictionary order differs between processes; byte order of the UTF-8 names does not.
        let sorted = item.fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (name, value) in sorted {
            hasher.combine(string: name)
            hasher.combine(string: value)
        }
        self.init(high: UInt64(truncatingIfNeeded: hasher.state >> 64), low: UInt64(truncatingIfNeeded: hasher.state))
    }

    /// The fingerprint as 16 bytes, high half first (big-endian): the cache's key column.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
    }

    /// The fingerprint from 16 bytes in the order of ``bytes``; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }

    /// 32 lowercase hex digits.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
    }

    public var description: String { hexString }
}

/// FNV-1a with a 128-bit state (http://www.isthe.com/chongo/tech/comp/fnv/).
struct FNV1a128 {
    static let offsetBasis: UInt128 = 0x6c62272e07bb014262b821756295c58d
    static let prime: UInt128 = 0x0000000001000000000000000000013B

    private(set) var state: UInt128 = offsetBasis

    mutating func combine(byte: UInt8) {
        state = (state ^ UInt128(byte)) &* Self.prime
    }

    mutating func combine(bytes: some Sequence<UInt8>) {
        for byte in bytes { combine(byte: byte) }
    }

    /// Eight little-endian bytes: a length prefix that keeps ("ab", "c") apart from ("a", "bc").
    mutating func combine(length: Int) {
        let value = UInt64(length)
        for shift in stride(from: 0, to: 64, by: 8) { combine(byte: UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func combine(string: String) {
        combine(length: string.utf8.count)
        var string = string
        string.withUTF8 { buffer in
            for byte in buffer { combine(byte: byte) }
        }
    }
}
