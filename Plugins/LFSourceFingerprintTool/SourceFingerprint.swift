/// The fingerprint of a set of source files: FNV-1a 128 over each file's name and bytes, with
/// length prefixes, in the order given (the plugin sorts them by name).
///
/// Deterministic on every machine and Swift version, and dependency-free, so the tool builds
/// in seconds before the LF target. It is the same FNV-1a 128 as the vote cache's item
/// fingerprints (`FNV1a128` in WSLabeling), written again here because a build tool that
/// linked WSLabeling would need the whole library (and GRDB, Yams) built first.
/// FNV is not a cryptographic hash: it tells edits apart, it does not resist forgery.
///
/// ```swift
/// var fingerprint = SourceFingerprint()
/// fingerprint.add(file: "MyLFs/Spam.swift", contents: Array(source.utf8))
/// fingerprint.hexString   // 32 hex digits
/// ```
struct SourceFingerprint {
    static let offsetBasis: UInt128 = 0x6c62272e07bb014262b821756295c58d
    static let prime: UInt128 = 0x0000000001000000000000000000013B

    private(set) var state: UInt128 = offsetBasis

    init() {
        // Bump the tag if the encoding ever changes, so every Swift LF gets a new fingerprint.
        add(bytes: Array("wslabel-lf-source-v1".utf8))
    }

    private init(state: UInt128) {
        self.state = state
    }

    /// Plain FNV-1a 128 before any byte, with no tag: for checking against reference values.
    static func withoutTag() -> SourceFingerprint { SourceFingerprint(state: offsetBasis) }

    /// Adds one file: its name (as the plugin gives it: `Module/path`) and its bytes.
    mutating func add(file name: String, contents: [UInt8]) {
        add(bytes: Array(name.utf8))
        add(bytes: contents)
    }

    /// The bytes, after their count as eight little-endian bytes (so ("ab", "c") and ("a", "bc") differ).
    private mutating func add(bytes: [UInt8]) {
        let count = UInt64(bytes.count)
        for shift in stride(from: 0, to: 64, by: 8) { combine(UInt8(truncatingIfNeeded: count >> UInt64(shift))) }
        for byte in bytes { combine(byte) }
    }

    mutating func combine(_ byte: UInt8) {
        state = (state ^ UInt128(byte)) &* Self.prime
    }

    /// 32 lowercase hex digits.
    var hexString: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 32 - hex.count) + hex
    }
}
