import Foundation
import WSLabelCore

/// Reads items from JSON Lines: one JSON object per line, blank lines skipped.
///
/// Field values become text: strings as they are, numbers as JSON writes them (`3`, `0.5`),
/// booleans as `true`/`false`, arrays and nested objects as compact JSON; `null` leaves the
/// field out. The id may be a string or a number; the text must be a string; the gold label may
/// be a string, number or boolean. Ids default to the 1-based line of each record.
///
/// Decoding runs on ``threads`` threads. The whole lines of each buffered chunk are found
/// first (one `memchr` per line), then cut into blocks of ``linesPerBlock`` lines, and each
/// block is decoded by one thread with ``JSONLLineDecoder`` (a line's item depends only on its
/// bytes and number). The blocks are then taken in file order: ids are checked for duplicates
/// and the first error is kept, to be thrown once the items before it are handed out. So the
/// items, their order and the error (file, line, record, field) are those of a decoder that
/// reads line by line, whatever the thread count, and memory stays bounded by a chunk: one
/// chunk's items are decoded ahead of the caller at most.
struct JSONLItemDecoder: ItemDecoder {
    /// Lines per block: a few hundred microseconds of decoding, so that blocks spread evenly over
    /// threads while the handing out of blocks stays cheap. Fixed, so blocks never depend on the
    /// thread count.
    static let linesPerBlock = 256

    var chunks: ByteChunks
    private let lineDecoder: JSONLLineDecoder
    private let threads: Int
    private var ids: ItemIDRegistry?
    /// Lines decoded so far.
    private var line = 0
    /// Bytes after `chunks.consumed` already searched for a line feed.
    private var searched = 0
    var checkedByteOrderMark = false

    /// Items decoded ahead of the caller, in file order.
    private let decoded = DecodedItems()
    /// The first error in file order, thrown once every item before it is handed out.
    private var pendingError: (any Error)?
    /// Where each whole line of the chunk being decoded starts and ends (before its line feed);
    /// kept to reuse their memory.
    private var lineStarts: [Int] = []
    private var lineEnds: [Int] = []
    /// Each worker's views over records, for ``forEachBlock(batchSize:process:consume:)``.
    private let recordViews: [RecordViews]

    init(chunks: ByteChunks, source: ItemSource, file: String, threads: Int) {
        precondition(threads > 0, "thread count must be positive")
        self.chunks = chunks
        self.threads = threads
        lineDecoder = JSONLLineDecoder(source: source, file: file)
        recordViews = (0..<threads).map { _ in RecordViews() }
        ids = source.idField.map { ItemIDRegistry(file: file, field: $0) }
    }

    /// Hands out decoded items until `items` holds `count`, decoding the whole lines in the buffer
    /// (and, at the end of the file, the last line even without a line feed) when none are left.
    ///
    /// - Throws: the first error in file order, once the items before it are handed out.
    mutating func decodeBuffered(upTo count: Int, into items: inout [Item]) throws {
        while true {
            decoded.moveItems(into: &items, upTo: count)
            if items.count >= count { return }
            if let pendingError { throw pendingError }
            guard findBufferedLines() else { return }
            decodeBufferedLines()
        }
    }

    // MARK: - Lines

    /// Records where the whole lines in the buffer start and end, and consumes them.
    /// - Returns: `false` when the buffer holds no whole line (more must be read first).
    private mutating func findBufferedLines() -> Bool {
        lineStarts.removeAll(keepingCapacity: true)
        lineEnds.removeAll(keepingCapacity: true)
        let buffer = chunks.buffer, start = chunks.consumed, count = buffer.count, isAtEnd = chunks.isAtEnd
        guard count > start else { return false }
        let end = buffer.withUnsafeBufferPointer { bytes -> Int? in
            let base = bytes.baseAddress!
            // The lines up to the last line feed are whole; at the end of the file, the rest is
            // too. Searched backwards: only the unfinished line after it is read twice.
            var end = count
            while end > start + searched, base[end - 1] != 0x0A { end -= 1 }
            if end == start + searched {
                guard isAtEnd else { return nil }
                end = count
            }
            var position = start
            while position < end {
                let lineEnd = memchr(base + position, 0x0A, end - position).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
                lineStarts.append(position)
                lineEnds.append(lineEnd)
                position = lineEnd + 1
            }
            return end
        }
        guard let end else {
            searched = count - start
            return false
        }
        searched = 0
        chunks.consumed = end
        return true
    }

    /// Decodes the lines ``findBufferedLines()`` found, block by block on every thread, into
    /// ``decoded``, then takes the blocks in file order.
    private mutating func decodeBufferedLines() {
        let firstLine = line + 1
        line += lineStarts.count
        let blocks = ParallelBlocks(itemCount: lineStarts.count, blockSize: Self.linesPerBlock)
        var results = [BlockResult](repeating: BlockResult(), count: blocks.blockCount)
        decoded.reset(capacity: lineStarts.count)
        let lineDecoder = lineDecoder, starts = lineStarts, ends = lineEnds, numbersLines = ids != nil
        let buffer = chunks.buffer, slots = decoded.writableSlots
        buffer.withUnsafeBufferPointer { bytes in
            results.withUnsafeMutableBufferPointer { resultBuffer in
                // The chunk is only read while the blocks run; each block writes its own result
                // and the item slots from its first line's index on.
                let input = SharedMutableBuffer(base: UnsafeMutablePointer(mutating: bytes.baseAddress!), count: bytes.count)
                let output = SharedMutableBuffer(base: resultBuffer.baseAddress!, count: resultBuffer.count)
                blocks.forEach(threads: threads) { _, block, lines in
                    var result = BlockResult()
                    var scanner = JSONLRecordScanner(source: lineDecoder.source)
                    for index in lines {
                        let lineBytes = UnsafeBufferPointer(start: input.base + starts[index], count: ends[index] - starts[index])
                        do {
                            guard let item = try lineDecoder.item(lineBytes, line: firstLine + index, scanner: &scanner) else { continue }
                            (slots.base + lines.lowerBound + result.itemCount).initialize(to: item)
                            result.itemCount += 1
                            if numbersLines { result.lines.append(firstLine + index) }
                        } catch {
                            result.error = error
                            break
                        }
                    }
                    output[block] = result
                }
            }
        }
        takeInFileOrder(results, blocks: blocks)
    }

    // MARK: - Blocks processed where they are decoded

    /// Reads the file to its end as ``ItemReader/forEachBlock(batchSize:process:consume:)``
    /// describes, from its start; `consume` also gets the bytes read so far.
    mutating func forEachBlock<Result>(process: @Sendable ([ItemView]) -> Result,
                                       consume: (_ result: Result, _ count: Int, _ bytesRead: Int) throws -> Void) throws {
        precondition(line == 0 && decoded.isEmpty, "blocks are read from the start of the file")
        while true {
            if !checkedByteOrderMark {
                checkedByteOrderMark = chunks.skipByteOrderMark()
                if !checkedByteOrderMark { try chunks.refill(); continue }
            }
            if findBufferedLines() {
                try processBufferedLines(process: process, consume: consume)
                continue
            }
            if chunks.isAtEnd { return try finishInput() }
            try chunks.refill()
        }
    }

    /// Views the lines ``findBufferedLines()`` found and processes them, block by block on
    /// every thread, then hands the results to `consume` in file order: each cut before the
    /// first duplicate id, the error (a block's own or a duplicate id) thrown after the items
    /// before it are consumed, as ``decodeBufferedLines()`` and ``takeInFileOrder(_:blocks:)``
    /// hand out items.
    private mutating func processBufferedLines<Result>(process: @Sendable ([ItemView]) -> Result,
                                                       consume: (Result, Int, Int) throws -> Void) throws {
        let firstLine = line + 1
        line += lineStarts.count
        let blocks = ParallelBlocks(itemCount: lineStarts.count, blockSize: Self.linesPerBlock)
        var outputs = [ProcessedBlock<Result>?](repeating: nil, count: blocks.blockCount)
        let lineDecoder = lineDecoder, starts = lineStarts, ends = lineEnds, numbersLines = ids != nil
        let buffer = chunks.buffer, recordViews = recordViews
        buffer.withUnsafeBufferPointer { bytes in
            outputs.withUnsafeMutableBufferPointer { outputBuffer in
                // The chunk is only read while the blocks run; each block writes its own output.
                let input = SharedMutableBuffer(base: UnsafeMutablePointer(mutating: bytes.baseAddress!), count: bytes.count)
                let output = SharedMutableBuffer(base: outputBuffer.baseAddress!, count: outputBuffer.count)
                blocks.forEach(threads: threads) { worker, block, lines in
                    var scanner = JSONLRecordScanner(source: lineDecoder.source)
                    var views: [ItemView] = []
                    views.reserveCapacity(lines.count)
                    var ids: [String] = [], itemLines: [Int] = [], error: (any Error)?
                    for index in lines {
                        let lineBytes = UnsafeBufferPointer(start: input.base + starts[index], count: ends[index] - starts[index])
                        do {
                            guard let view = try lineDecoder.view(lineBytes, line: firstLine + index, scanner: &scanner,
                                                                  views: recordViews[worker], index: views.count) else { continue }
                            views.append(view)
                            if numbersLines {
                                ids.append(view.id)
                                itemLines.append(firstLine + index)
                            }
                        } catch let lineError {
                            error = lineError
                            break
                        }
                    }
                    output[block] = ProcessedBlock(result: process(views), count: views.count, ids: ids, lines: itemLines, error: error)
                }
            }
        }
        for case let block? in outputs {
            var taken = block.count
            var error = block.error
            if ids != nil {
                for index in 0..<block.count {
                    do {
                        try ids!.register(block.ids[index], line: block.lines[index])
                    } catch let duplicate {
                        taken = index
                        error = duplicate
                        break
                    }
                }
            }
            try consume(block.result, taken, chunks.bytesRead)
            if let error {
                pendingError = error
                throw error
            }
        }
    }

    /// What one block of lines came to when processed: `process`'s result on its `count`
    /// items, their ids and line numbers (when ids are checked), and the error it stopped at.
    private struct ProcessedBlock<Result> {
        var result: Result
        var count: Int
        var ids: [String]
        var lines: [Int]
        var error: (any Error)?
    }

    /// What one block of lines came to: how many items it wrote, their line numbers (when ids
    /// are checked), and the error it stopped at.
    private struct BlockResult {
        var itemCount = 0
        var lines: [Int] = []
        var error: (any Error)?
    }

    /// Records the blocks' items in ``decoded`` in file order, checking ids for duplicates, up to
    /// the first error (a block's own, or a duplicate id), which becomes ``pendingError``; the
    /// items after it are dropped.
    private mutating func takeInFileOrder(_ results: [BlockResult], blocks: ParallelBlocks) {
        for (block, result) in results.enumerated() {
            let start = blocks.range(ofBlock: block).lowerBound
            guard pendingError == nil else {
                decoded.discard(start: start, count: result.itemCount)
                continue
            }
            var taken = result.itemCount
            if ids != nil {
                for index in 0..<result.itemCount {
                    do {
                        try ids!.register(decoded.id(at: start + index), line: result.lines[index])
                    } catch {
                        taken = index
                        pendingError = error
                        break
                    }
                }
            }
            decoded.takeSegment(start: start, count: taken)
            decoded.discard(start: start + taken, count: result.itemCount - taken)
            if pendingError == nil, let error = result.error { pendingError = error }
        }
    }
}
