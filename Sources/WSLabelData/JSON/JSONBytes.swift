import WSLabelCore

/// JSON text appended straight to a byte buffer, exactly as ``JSONValue/write(to:)`` writes it:
/// for writers of millions of lines (labels, ids), where building a ``JSONValue`` and a `String`
/// per value cost more than the bytes themselves.
package enum JSONBytes {
    /// Appends `value` as a JSON string: quotes, `\"`, `\\`, `\n`, `\r`, `\t`, other control
    /// characters as `\u00XX`, everything else as its UTF-8.
    ///
    /// A string with nothing to escape (nearly every id and name) is copied as it is; any other
    /// goes through ``JSONValue``'s own serialization, so both paths give the same bytes.
    @inline(__always)
    package static func appendString(_ value: String, to output: inout [UInt8]) {
        var value = value
        let copied = value.withUTF8 { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: bytes)
            output.append(UInt8(ascii: "\""))
            return true
        }
        if !copied { output.append(contentsOf: JSONValue.string(value).serialized.utf8) }
    }

    /// Appends `value` as ``JSONValue/number(_:)`` writes it: `null` when not finite, an integral
    /// value below 10^15 as an integer (`1`, `0`, `-0.0` as `0`), any other in Swift's shortest
    /// round-trip form (`description`: `0.92`, `3.2e-07`).
    @inline(__always)
    package static func appendNumber(_ value: Double, to output: inout [UInt8]) {
        guard value.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            appendInteger(Int64(value), to: &output)
        } else {
            var text = value.description
            text.withUTF8 { output.append(contentsOf: $0) }
        }
    }

    /// Appends the decimal digits of `value`, as `String(value)` writes them.
    @inline(__always)
    package static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // 20 digits hold any UInt64; written backwards, then copied in order.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }
}
