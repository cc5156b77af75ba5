import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in
/// the same folder, which is flushed to disk and then renamed over the target (atomic on POSIX
/// file systems). A crash or error mid-write leaves the old file intact and no temporary behind.
///
/// ```swift
/// try AtomicFile.write(Data("hello\n".utf8), to: URL(fileURLWithPath: "out/labels.jsonl"))
/// ```
public enum AtomicFile {
    /// Replaces the file at `url` with `data`, or creates it.
    ///
    /// The temporary file is `.<name>.<unique>.tmp` next to the target, so concurrent writers
    /// (threads or processes) never share one; the last rename wins.
    ///
    /// - Parameters:
    ///   - data: The complete new content.
    ///   - url: The file to replace; its folder must exist.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` naming `url` and the reason (missing
    ///   folder, permission denied, disk full, target is a folder, ...).
    /// - Complexity: O(n) for n bytes, plus one `fsync`.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WSLabelError.fileAccess(path: url.path, "cannot write: folder \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw WSLabelError.fileAccess(path: url.path, "cannot write: \(describeErrno())")
        }
        var failure = writeAll(data, to: descriptor)
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if let failure {
            unlink(temporary)
            throw WSLabelError.fileAccess(path: url.path, "cannot write: \(describeErrno(failure))")
        }
        guard rename(temporary, url.path) == 0 else {
            let reason = describeErrno()
            unlink(temporary)
            throw WSLabelError.fileAccess(path: url.path, "cannot replace: \(reason)")
        }
    }

    /// Writes every byte of `data`, retrying short and interrupted writes; the `errno` of a failure.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    private static func describeErrno(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

/// POSIX `write(2)`, named apart from ``AtomicFile/write(_:to:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
    return Musl.write(descriptor, bytes, count)
    #else
    return Darwin.write(descriptor, bytes, count)
    #endif
}
