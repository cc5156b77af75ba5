/// Turns the bytes of one format into items; the engine behind ``ItemReader``.
protocol ItemDecoder {
    /// The file's bytes, read chunk by chunk.
    var chunks: ByteChunks { get set }
    /// Whether a leading byte order mark has been looked for.
    var checkedByteOrderMark: Bool { get set }
    /// Decodes the complete records now in the buffer (at the end of the input, the last one
    /// too), appending items until `items` holds `count`.
    mutating func decodeBuffered(upTo count: Int, into items: inout [Item]) throws
    /// Checks what the format needs once the input has ended (e.g. a CSV header).
    func finishInput() throws
}

extension ItemDecoder {
    /// Appends items to `items` until it holds `count` or the input ends, refilling the buffer
    /// chunk by chunk.
    /// - Returns: `false` once the input is exhausted.
    mutating func read(upTo count: Int, into items: inout [Item]) throws -> Bool {
        while true {
            if !checkedByteOrderMark {
                checkedByteOrderMark = chunks.skipByteOrderMark()
                if !checkedByteOrderMark { try chunks.refill(); continue }
            }
            try decodeBuffered(upTo: count, into: &items)
            if items.count >= count { return true }
            if chunks.isAtEnd {
                try finishInput()
                return false
            }
            try chunks.refill()
        }
    }

    var peakBufferedByteCount: Int { chunks.peakCount }

    func finishInput() throws {}
}
