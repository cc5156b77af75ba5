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
