import Foundation
import WSLabelCore

/// Reads the items of a JSONL, CSV or TSV file in file order, streaming: the file is read in chunks
/// (1 MiB by default), so memory stays flat as the file grows (besides the items a caller
/// keeps and, when ids come from a field, one table of the ids seen so far to reject
/// duplicates).
///
/// Pull batches for a parallel applier, one item at a time, or all at once:
///
/// ```swift
/// let source = ItemSource(idField: "COMMENT_ID", textField: "CONTENT", goldField: "CLASS")
/// let reader = try ItemReader(url: url, source: source)
/// while let batch = try reader.nextBatch(maxCount: 4096) {
///     apply(lfs, to: batch)             // 4096 items per batch, the last one shorter
/// }
/// try ItemReader(url: url, source: source).forEach(batchSize: 4096) { batch in ... }
/// let items = try ItemReader(url: url, source: source).readAll()
/// ```
///
/// A reader is a cursor over one file: it is not `Sendable`; hand its batches (arrays of
/// `Sendable` items) to other tasks instead. Once it has thrown, it throws the same error
/// again on every later call.
public final class ItemReader {
    /// The batch size the applier uses.
    public static let defaultBatchSize = 4096

    /// The file read.
    public let url: URL
    /// How it is read.
    public let source: ItemSource
    /// Its format (``ItemSource/format`` or the one its extension names).
    public let format: ItemSource.Format

    private var decoder: any ItemDecoder
    /// Threads that decode JSONL and process blocks.
    private let threads: Int
    /// Whether an item has been asked for (``forEachBlock(batchSize:process:consume:)`` reads from the start).
    private var hasStarted = false
    /// ``bytesRead`` while ``forEachBlock(batchSize:process:consume:)`` runs (its decoder is a copy then).
    private var bytesReadByBlocks: Int?
    private var pending: [Item] = []
    private var pendingIndex = 0
    private var isExhausted = false
    private var failure: (any Error)?

    /// Opens `url` for reading. Nothing is parsed until the first item is asked for.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when the format cannot be told from the
    ///   extension; ``WSLabelError/fileAccess(path:_:)`` when the file cannot be opened.
    ///
    /// - Parameter threads: threads that decode JSONL (default: every core); the items do not
    ///   depend on it. CSV and TSV are decoded on the calling thread.
    public convenience init(url: URL, source: ItemSource = ItemSource(), threads: Int? = nil) throws {
        try self.init(url: url, source: source, chunkSize: 1 << 20, threads: threads)
    }

    /// `chunkSize`: bytes read from the file at a time (tests use tiny ones to split records).
    package init(url: URL, source: ItemSource, chunkSize: Int, threads: Int? = nil) throws {
        precondition(chunkSize > 0, "chunkSize must be positive")
        precondition(threads.map { $0 > 0 } ?? true, "thread count must be positive")
        self.url = url
        self.source = source
        format = try source.resolvedFormat(for: url)
        let chunks = try ByteChunks(url: url, chunkSize: chunkSize)
        let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        self.threads = threads
        switch format.kind {
        case .jsonl:
            decoder = JSONLItemDecoder(chunks: chunks, source: source, file: url.path, threads: threads)
        case .csv, .tsv: decoder = CSVItemDecoder(chunks: chunks, source: source, file: url.path, format: format)
        }
    }

    /// The next item, or `nil` after the last.
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming file, line, record and field;
    ///   ``WSLabelError/fileAccess(path:_:)`` when reading fails.
    public func next() throws -> Item? {
        if pendingIndex == pending.count {
            guard let batch = try nextBatch(maxCount: Self.defaultBatchSize) else { return nil }
            pending = batch
            pendingIndex = 0
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    /// The next `maxCount` items in file order (fewer only for the last batch), or `nil` after
    /// the last item.
    ///
    /// - Throws: as ``next()``.
    public func nextBatch(maxCount: Int = ItemReader.defaultBatchSize) throws -> [Item]? {
        precondition(maxCount > 0, "maxCount must be positive")
        if let failure { throw failure }
        hasStarted = true
        var batch: [Item] = []
        if pendingIndex < pending.count {
            let end = min(pending.count, pendingIndex + maxCount)
            batch.append(contentsOf: pending[pendingIndex..<end])
            pendingIndex = end
        }
        if batch.count < maxCount, !isExhausted {
            batch.reserveCapacity(maxCount)
            do {
                isExhausted = try !decoder.read(upTo: maxCount, into: &batch)
            } catch {
                failure = error
                throw error
            }
        }
        return batch.isEmpty ? nil : batch
    }

    /// Calls `body` with each batch of `batchSize` items (the last one may be shorter), in
    /// file order, until the file ends or `body` throws.
    ///
    /// - Throws: as ``next()``, or what `body` throws.
    public func forEach(batchSize: Int = ItemReader.defaultBatchSize, _ body: ([Item]) throws -> Void) throws {
        while let batch = try nextBatch(maxCount: batchSize) { try body(batch) }
    }

    /// Reads the whole file, processing its items block by block on the reader's threads, each
    /// block where it was decoded, and hands each block's result to `consume` on the calling
    /// thread, in file order: what reading batches and processing them costs, without making
    /// the items.
    ///
    /// `process` gets the views of a block's items (a few hundred, in file order). A JSONL line
    /// is viewed in place: the view is made over the record's bytes, and its item, text string
    /// and fields only when something asks for them (see ``ItemView``); views an LF keeps stay
    /// valid. CSV and TSV items are read in batches of `batchSize` and viewed as items.
    ///
    /// `consume` gets each result with the number of the block's items that count, from the
    /// first: all of them, except before a duplicate id. The items and the error are exactly
    /// those of ``nextBatch(maxCount:)``: after the items before an error are consumed, the
    /// error is thrown. `process` may have seen items after it (later lines of the same
    /// chunk), whose results are dropped.
    ///
    /// - Precondition: no item has been read from this reader yet.
    /// - Throws: as ``next()``, or what `consume` throws (which ends the reading).
    package func forEachBlock<Result>(batchSize: Int = ItemReader.defaultBatchSize,
                                      process: @escaping @Sendable ([ItemView]) -> Result,
                                      consume: (_ result: Result, _ count: Int) throws -> Void) throws {
        precondition(!hasStarted, "forEachBlock reads a reader from its start")
        hasStarted = true
        if let failure { throw failure }
        do {
            if var jsonl = decoder as? JSONLItemDecoder {
                // Put back before leaving: the decoder's chunks and ids are its state.
                defer {
                    decoder = jsonl
                    bytesReadByBlocks = nil
                }
                try jsonl.forEachBlock(process: process) { result, count, bytesRead in
                    bytesReadByBlocks = bytesRead
                    try consume(result, count)
                }
            } else {
                try forEachBatchOfBlocks(batchSize: batchSize, process: process, consume: consume)
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// ``forEachBlock(batchSize:process:consume:)`` by batches: each batch read, then its blocks viewed
    /// as items and processed on every thread.
    private func forEachBatchOfBlocks<Result>(batchSize: Int, process: @escaping @Sendable ([ItemView]) -> Result,
                                              consume: (Result, Int) throws -> Void) throws {
        while let batch = try nextBatch(maxCount: batchSize) {
            let blocks = ParallelBlocks(itemCount: batch.count, blockSize: JSONLItemDecoder.linesPerBlock)
            var results = [Result?](repeating: nil, count: blocks.blockCount)
            results.withUnsafeMutableBufferPointer { buffer in
                let output = SharedMutableBuffer(base: buffer.baseAddress!, count: buffer.count)
                blocks.forEach(threads: threads) { _, block, range in
                    output[block] = process(batch[range].map(ItemView.init))
                }
            }
            for (block, result) in results.enumerated() { try consume(result!, blocks.range(ofBlock: block).count) }
        }
    }

    /// All remaining items, in file order.
    ///
    /// - Throws: as ``next()``.
    public func readAll() throws -> [Item] {
        var items: [Item] = []
        while let batch = try nextBatch(maxCount: Self.defaultBatchSize) { items.append(contentsOf: batch) }
        return items
    }

    /// The largest number of bytes buffered at once so far (a chunk plus the unfinished
    /// record or line before it), for tests of flat memory.
    var peakBufferedByteCount: Int { decoder.peakBufferedByteCount }

    /// Reads from the file so far, for tests that a long record is not read (and scanned) in
    /// many small steps.
    var chunkReads: Int { decoder.chunks.readCount }

    /// Bytes read from the file so far (whole chunks: up to one chunk ahead of the items
    /// returned), for progress against the file's size.
    public var bytesRead: Int { bytesReadByBlocks ?? decoder.chunks.bytesRead }
}
