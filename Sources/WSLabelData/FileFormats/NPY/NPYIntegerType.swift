import Foundation
import WSLabelCore

/// The integer element types ``VoteMatrix/writeNPY(to:dtype:)`` can write, always little-endian.
///
/// ```swift
/// NPYIntegerType.int16.descr                     // "<i2"
/// NPYIntegerType.smallest(forClassCount: 200)    // .int16
/// ```
public enum NPYIntegerType: String, Sendable, CaseIterable {
    case int8, int16, int32, int64

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .int8: 1
        case .int16: 2
        case .int32: 4
        case .int64: 8
        }
    }

    /// The NumPy dtype string of the header, e.g. `<i1` (`|i1` is the same type; NumPy writes it so).
    public var descr: String { byteCount == 1 ? "|i1" : "<i\(byteCount)" }

    /// The largest value the type holds.
    public var maxValue: Int { byteCount == 8 ? Int(Int64.max) : (1 << (8 * byteCount - 1)) - 1 }

    /// The narrowest type holding every vote (`-1..<classCount`): `int8` up to 128 classes, else `int16`.
    public static func smallest(forClassCount classCount: Int) -> NPYIntegerType {
        classCount - 1 <= Int(Int8.max) ? .int8 : .int16
    }
}
