/// Byte strings packed end to end in one array, read in place.
///
/// An LF reads its keywords or pattern pieces on every item, from every applier thread. Kept
/// as an array of arrays, each inner array handed out is retained and released, and that
/// reference count sits in memory every thread writes to: the threads then wait on each other
/// for every string of every item. Two flat arrays read through their buffers touch no count.
struct PackedByteStrings: Sendable, Equatable {
    private let bytes: [UInt8]
    /// Where each string ends in `bytes` (it starts where the previous one ends).
    private let ends: [Int]

    init(_ strings: [[UInt8]]) {
        bytes = strings.flatMap { $0 }
        var end = 0
        ends = strings.map { string in
            end += string.count
            return end
        }
    }

    /// How many strings there are.
    var count: Int { ends.count }

    /// Calls `body` with a reader of the strings, valid only during the call.
    @inline(__always)
    func withStrings<Result>(_ body: (Strings) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in body(Strings(bytes: bytes, ends: ends)) }
        }
    }

    /// The strings of a ``PackedByteStrings``, borrowed.
    struct Strings {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>

        /// The number of strings.
        var count: Int { ends.count }

        /// String `index`'s bytes.
        @inline(__always)
        subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            let start = index == 0 ? 0 : ends[index - 1]
            return UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])
        }
    }
}
