import Foundation
import WSLabelCore

/// Reads the items of a JSONL or CSV file in file order, streaming: the file is read in chunks
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
    private var pending: [Item] = []
    private var pendingIndex = 0
    private var isExhausted = false
    private var failure: (any Error)?

    /// Opens `url` for reading. Nothing is parsed until the first item is asked for.
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when the format cannot be told from the
    ///   extension; ``WSLabelError/fileAccess(path:_:)`` when the file cannot be opened.
    public convenience init(url: URL, source: ItemSource = ItemSource()) throws {
        try self.init(url: url, source: source, chunkSize: 1 << 20)
    }

    /// `chunkSize`: bytes read from the file at a time (tests use tiny ones to split records).
    package init(url: URL, source: ItemSource, chunkSize: Int) throws {
        precondition(chunkSize > 0, "chunkSize must be positive")
        self.url = url
        self.source = source
        format = try source.resolvedFormat(for: url)
        let chunks = try ByteChunks(url: url, chunkSize: chunkSize)
        switch format.kind {
        case .jsonl: decoder = JSONLItemReader(chunks: chunks, source: source, file: url.path)
        case .csv: decoder = CSVItemReader(chunks: chunks, source: source, file: url.path)
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
    public var bytesRead: Int { decoder.chunks.bytesRead }
}

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

/// A file read in chunks into one buffer whose consumed prefix is dropped at each refill.
struct ByteChunks {
    private let handle: FileHandle
    let path: String
    let chunkSize: Int
    /// Unconsumed bytes start at `consumed`.
    private(set) var buffer: [UInt8] = []
    /// Bytes at the front of `buffer` that are done with.
    var consumed = 0
    /// The whole file is in `buffer` (no more chunks to read).
    private(set) var isAtEnd = false
    private(set) var peakCount = 0
    /// Bytes read from the file so far.
    private(set) var bytesRead = 0
    /// Reads from the file so far.
    private(set) var readCount = 0

    init(url: URL, chunkSize: Int) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw WSLabelError.fileAccess(path: url.path, "no such file")
        }
        guard !isDirectory.boolValue else { throw WSLabelError.fileAccess(path: url.path, "is a folder, not a file") }
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw WSLabelError.fileAccess(path: url.path, "cannot be opened")
        }
        path = url.path
        self.chunkSize = chunkSize
    }

    /// Drops the consumed bytes and appends the next chunk, or sets ``isAtEnd``.
    ///
    /// The chunk is at least as long as the unconsumed bytes: a record that spans many chunks
    /// (a huge field, or an unclosed CSV quote that swallows the rest of the file) is scanned
    /// again from its start after each refill, and doubling the buffer keeps all those scans
    /// together within twice the record's size, where fixed chunks made them quadratic.
    mutating func refill() throws {
        if consumed > 0 {
            buffer.removeSubrange(0..<consumed)
            consumed = 0
        }
        let data: Data?
        readCount += 1
        do {
            data = try handle.read(upToCount: max(chunkSize, buffer.count))
        } catch {
            throw WSLabelError.fileAccess(path: path, "cannot be read: \(error.localizedDescription)")
        }
        guard let data, !data.isEmpty else {
            isAtEnd = true
            try? handle.close()
            return
        }
        buffer.append(contentsOf: data)
        bytesRead += data.count
        peakCount = max(peakCount, buffer.count)
    }

    /// Skips a UTF-8 byte order mark at the start of the file.
    /// - Returns: `false` when more bytes must be read first to tell.
    mutating func skipByteOrderMark() -> Bool {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        guard buffer.count >= 3 || isAtEnd else { return false }
        if buffer.starts(with: mark) { consumed = 3 }
        return true
    }
}

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
