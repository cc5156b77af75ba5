import Foundation
import WSLabelCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// Where each read lands before it is appended: the same memory every time, so a read costs
    /// the kernel's copy and one more, not fresh pages to fault in.
    private var scratch: [UInt8] = []

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
        readCount += 1
        let wanted = max(chunkSize, buffer.count)
        if scratch.count < wanted { scratch = [UInt8](repeating: 0, count: wanted) }
        let descriptor = handle.fileDescriptor
        let got = scratch.withUnsafeMutableBytes { raw -> Int in
            var total = 0
            while total < wanted {
                let count = systemRead(descriptor, raw.baseAddress! + total, wanted - total)
                if count < 0 {
                    if errno == EINTR { continue }
                    return -Int(errno)
                }
                if count == 0 { break }
                total += count
            }
            return total
        }
        if got < 0 {
            throw WSLabelError.fileAccess(path: path, "cannot be read: \(String(cString: strerror(Int32(-got))))")
        }
        guard got > 0 else {
            isAtEnd = true
            try? handle.close()
            return
        }
        buffer.append(contentsOf: scratch[0..<got])
        bytesRead += got
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

/// POSIX `read(2)`.
private func systemRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(descriptor, bytes, count)
    #elseif canImport(Musl)
    return Musl.read(descriptor, bytes, count)
    #else
    return Darwin.read(descriptor, bytes, count)
    #endif
}
