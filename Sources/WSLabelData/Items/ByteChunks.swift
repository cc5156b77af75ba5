import Foundation
import WSLabelCore

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
