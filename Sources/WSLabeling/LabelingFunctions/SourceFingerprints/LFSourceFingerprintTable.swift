/// The fingerprint of a target's Swift sources, as the `LFSourceFingerprints` build plugin
/// generates it into the target (a type named ``LFSourceFingerprints/tableTypeName``).
///
/// Not for conforming by hand: a hand-written table would not change when the code does.
public protocol LFSourceFingerprintTable {
    /// 32 hex digits that change whenever a Swift file of the target (or of a target of its
    /// package it depends on) changes.
    static var sourceFingerprint: String { get }
}
