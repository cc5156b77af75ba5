import WSLabelCore

/// The Unicode scalars that have one property, answered from a bit table: the standard
/// library looks properties up in compressed tables, a cost the per-item fast paths of
/// ``ItemView`` and the LF matchers cannot afford for every non-ASCII scalar.
///
/// The table covers the first two planes (16 KiB, filled on first use from the property
/// itself), where every cased script lives; scalars above are looked up directly.
///
/// The table is raw memory, never freed (the sets are statics, made once): an array's buffer
/// was retained and released around each look-up, on every thread.
package struct ScalarPropertySet: @unchecked Sendable {
    private let words: UnsafePointer<UInt64>
    private let property: @Sendable (Unicode.Scalar) -> Bool

    /// Scalars below this limit are answered from the table.
    private static let tableLimit: UInt32 = 0x20000

    package init(_ property: @escaping @Sendable (Unicode.Scalar) -> Bool) {
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: Int(Self.tableLimit) / 64)
        words.initialize(repeating: 0, count: Int(Self.tableLimit) / 64)
        for value in 0..<Self.tableLimit {
            if let scalar = Unicode.Scalar(value), property(scalar) {
                words[Int(value >> 6)] |= 1 << UInt64(value & 63)
            }
        }
        self.words = UnsafePointer(words)
        self.property = property
    }

    /// Whether the scalar with value `scalar` has the property.
    @inline(__always)
    package func contains(_ scalar: UInt32) -> Bool {
        guard scalar < Self.tableLimit else { return Unicode.Scalar(scalar).map(property) ?? false }
        return words[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
    }

    /// Scalars that case folding changes: those that may match another under case-insensitive matching.
    package static let changesWhenCaseFolded = ScalarPropertySet { $0.properties.changesWhenCaseFolded }
    /// White space: the White_Space property, which `Character.isWhitespace` reads from a
    /// character's first scalar.
    package static let whitespace = ScalarPropertySet { $0.properties.isWhitespace }
    /// Scalars whose `lowercaseMapping` (what `String.lowercased()` writes) is not themselves.
    /// Tested on the mapping itself, not the Changes_When_Lowercased property, which is
    /// defined on decomposed text.
    package static let changesWhenLowercased = ScalarPropertySet { scalar in
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        return mapping.count != 1 || mapping.first != scalar
    }
}
