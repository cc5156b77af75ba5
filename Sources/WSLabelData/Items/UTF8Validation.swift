import Foundation

/// The string of `bytes`, or `nil` when they are not well-formed UTF-8: what
/// `String(validating: bytes, as: UTF8.self)` returns, without its generic path's runtime
/// metadata lookups, which cost a reader more than the validation itself.
func utf8String(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    // `String(decoding:)` validates as it copies and replaces each ill-formed sequence by
    // U+FFFD, so a result without U+FFFD (EF BF BD) came from well-formed bytes.
    let string = String(decoding: bytes, as: UTF8.self)
    let mayBeRepaired = string.utf8.withContiguousStorageIfAvailable(containsReplacementCharacter) ?? true
    guard mayBeRepaired else { return string }
    return firstInvalidUTF8(in: bytes) == nil ? string : nil
}

/// Whether UTF-8 `bytes` hold U+FFFD REPLACEMENT CHARACTER.
private func containsReplacementCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    var from = 0
    while from < bytes.count, let found = memchr(base + from, 0xEF, bytes.count - from) {
        let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if index + 2 < bytes.count && base[index + 1] == 0xBF && base[index + 2] == 0xBD { return true }
        from = index + 1
    }
    return false
}

/// The first byte of `bytes` that is not valid UTF-8 (offset and value), or `nil`.
func firstInvalidUTF8<Bytes: Collection<UInt8>>(in bytes: Bytes) -> (offset: Int, byte: UInt8)? {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &iterator) {
        case let .valid(scalar):
            offset += scalar.count
        case .error:
            return (offset, bytes[bytes.index(bytes.startIndex, offsetBy: offset)])
        case .emptyInput:
            return nil
        }
    }
}

/// Whether `bytes` are well-formed UTF-8 (Unicode's table 3-7: no overlong forms, surrogates
/// or scalars above U+10FFFF): what `String(validating:)` accepts, checked in place, with no
/// string made. Eight ASCII bytes at a time where they are.
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    var index = 0
    @inline(__always) func isContinuation(_ offset: Int) -> Bool { base[offset] & 0xC0 == 0x80 }
    while index < count {
        if index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
            continue
        }
        let lead = base[index]
        if lead < 0x80 {
            index += 1
        } else if lead < 0xC2 {
            return false  // a continuation byte, or an overlong two-byte lead
        } else if lead < 0xE0 {
            guard index + 1 < count, isContinuation(index + 1) else { return false }
            index += 2
        } else if lead < 0xF0 {
            // E0 needs A0–BF after it (no overlong forms), ED 80–9F (no surrogates).
            guard index + 2 < count else { return false }
            let second = base[index + 1]
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80, high: UInt8 = lead == 0xED ? 0x9F : 0xBF
            guard second >= low, second <= high, isContinuation(index + 2) else { return false }
            index += 3
        } else if lead < 0xF5 {
            // F0 needs 90–BF after it (no overlong forms), F4 80–8F (nothing above U+10FFFF).
            guard index + 3 < count else { return false }
            let second = base[index + 1]
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80, high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
            guard second >= low, second <= high, isContinuation(index + 2), isContinuation(index + 3) else { return false }
            index += 4
        } else {
            return false
        }
    }
    return true
}
