import Foundation
import WSLabelCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in
/// the target's folder, which is flushed to disk and then renamed over the target (atomic on
/// POSIX file systems). A crash or error mid-write leaves the old file intact.
///
/// What the path names is looked at first (``OutputTarget``): a symlink is followed and the
/// file it points to is replaced (the link stays a link); a character device or FIFO
/// (`/dev/null`, a named pipe) is written through, never replaced; `/dev/stdout` and
/// `/dev/stderr` are this process's own streams, and ``url(forArgument:)`` maps `-` to standard
/// output. A folder, block device or socket is refused.
///
/// Temporary files leave nothing behind when the process is killed: on Linux the bytes go to
/// an unnamed file (`O_TMPFILE`) that is named only for the instant before the rename; where
/// that is not supported, the temporary is `.<name>.wslabel-<pid>-<random>.tmp`, and the next
/// write into the folder removes those whose process is gone (``StaleTemporaryFiles``).
///
/// ```swift
/// try AtomicFile.write(Data("hello\n".utf8), to: URL(fileURLWithPath: "out/labels.jsonl"))
/// try AtomicFile.write(Data("hello\n".utf8), to: AtomicFile.url(forArgument: "-"))   // stdout
/// ```
public enum AtomicFile {
    /// The URL that stands for standard output.
    public static let standardOutput = URL(fileURLWithPath: "/dev/stdout")

    /// The URL of an output path given on a command line: `-` is standard output.
    public static func url(forArgument path: String) -> URL {
        path == "-" ? standardOutput : URL(fileURLWithPath: path)
    }

    /// Whether writing to `url` writes to this process's standard output (`-`, `/dev/stdout`).
    public static func writesToStandardOutput(_ url: URL) -> Bool {
        OutputTarget.standardStream(named: url.path) == 1
    }

    /// Replaces the file at `url` with `data`, or creates it; writes through to a device, FIFO
    /// or standard stream.
    ///
    /// Concurrent writers (threads or processes) never share a temporary file; the last rename
    /// wins. A replaced file keeps its permission bits.
    ///
    /// - Parameters:
    ///   - data: The complete new content.
    ///   - url: The file to replace; its folder must exist.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` naming `url` and the reason (missing
    ///   folder, permission denied, disk full, target is a folder, ...).
    /// - Complexity: O(n) for n bytes, plus one `fsync` of the file and one of its folder, and a
    ///   listing of the folder for stale temporaries.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { descriptor in try writeAll(data, to: descriptor) }
    }

    /// Replaces the file at `url` (or writes through to a device, FIFO or standard stream, as
    /// ``write(_:to:)``) with the bytes `produce` hands to its `write` function piece by piece:
    /// for outputs too large to build in memory first. A reader still never sees half a file.
    ///
    /// ```swift
    /// try AtomicFile.write(to: url) { write in
    ///     for block in blocks { try block.withUnsafeBytes(write) }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - url: The file to replace; its folder must exist.
    ///   - produce: Writes the complete content through `write`, from its first byte. It may be
    ///     called a second time, from the start again, when the system refuses the first kind
    ///     of temporary file only after it was written (no `/proc` to name it by).
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` as ``write(_:to:)``; what `produce`
    ///   throws, after the temporary file is removed.
    public static func write(
        to url: URL, streaming produce: (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        try write(to: url) { descriptor in
            try produce { bytes in try writeAll(bytes, to: descriptor) }
        }
    }

    /// Writes the complete content to a descriptor; a failed `write(2)` throws ``WriteFailure``.
    private typealias Contents = (_ descriptor: Int32) throws -> Void

    /// The `errno` of a failed `write(2)`, thrown through a ``Contents`` closure.
    private struct WriteFailure: Error {
        let code: Int32
    }

    private static func write(to url: URL, _ contents: Contents) throws {
        switch try OutputTarget(resolving: url) {
        case let .standardStream(descriptor):
            // Anything `print` buffered goes first, so the output keeps its order.
            fflush(nil)
            do {
                try contents(descriptor)
            } catch let failure as WriteFailure {
                throw WSLabelError.fileAccess(path: url.path, "cannot write: \(describeErrno(failure.code))")
            }
        case let .device(path):
            try writeThrough(contents, to: path, reportedAs: url)
        case let .regularFile(target):
            try replace(target, with: contents, reportedAs: url)
        }
    }

    /// Opens an existing device or FIFO for writing (no create, no truncate) and writes the contents.
    private static func writeThrough(_ contents: Contents, to path: String, reportedAs url: URL) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw WSLabelError.fileAccess(path: url.path, "cannot write: \(describeErrno())") }
        var failure: Int32?
        do {
            try contents(descriptor)
        } catch let error as WriteFailure {
            failure = error.code
        } catch {
            close(descriptor)
            throw error
        }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if let failure { throw WSLabelError.fileAccess(path: url.path, "cannot write: \(describeErrno(failure))") }
    }

    /// Writes the contents to a temporary file beside `target`, flushes it and renames it over `target`.
    private static func replace(_ target: URL, with contents: Contents, reportedAs url: URL) throws {
        let directory = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WSLabelError.fileAccess(path: url.path, "cannot write: folder \(directory.path) does not exist")
        }
        StaleTemporaryFiles.remove(in: directory)
        var existing = stat()
        let mode = stat(target.path, &existing) == 0 ? existing.st_mode & 0o7777 : nil
        let temporary = directory.appendingPathComponent(StaleTemporaryFiles.name(for: target.lastPathComponent)).path

        switch try writeUnnamed(contents, in: directory.path, mode: mode, linkedAs: temporary) {
        case .written: break
        case let .failed(failure): throw WSLabelError.fileAccess(path: url.path, "cannot write: \(describeErrno(failure))")
        case .unsupported:
            if let failure = try writeNamed(contents, at: temporary, mode: mode) {
                throw WSLabelError.fileAccess(path: url.path, "cannot write: \(describeErrno(failure))")
            }
        }
        guard rename(temporary, target.path) == 0 else {
            let reason = describeErrno()
            unlink(temporary)
            throw WSLabelError.fileAccess(path: url.path, "cannot replace: \(reason)")
        }
        // The rename itself reaches the disk only with the folder's entry.
        let folder = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    private enum UnnamedWrite { case written, unsupported, failed(Int32) }

    /// Writes the contents to an unnamed file in `directory` (Linux `O_TMPFILE`), then gives it
    /// the name `temporary`: a process killed before that leaves nothing behind. `unsupported`
    /// when the system or file system has no unnamed files (or no `/proc` to name one by).
    private static func writeUnnamed(_ contents: Contents, in directory: String, mode: mode_t?, linkedAs temporary: String) throws -> UnnamedWrite {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        // O_TMPFILE is a macro Swift does not import: __O_TMPFILE | O_DIRECTORY, where
        // __O_TMPFILE is 020000000 on these architectures (asm-generic/fcntl.h).
        let descriptor = open(directory, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return .unsupported }
        let failure: Int32?
        do {
            failure = try flush(contents, to: descriptor, mode: mode)
        } catch {
            close(descriptor)
            throw error
        }
        if let failure {
            close(descriptor)
            return .failed(failure)
        }
        let linked = linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0
        close(descriptor)
        return linked ? .written : .unsupported
        #else
        return .unsupported
        #endif
    }

    /// Writes the contents to a new file at `temporary` (created exclusively) and flushes it;
    /// the `errno` of a failure, after which the file is removed (as it is when the contents throw).
    private static func writeNamed(_ contents: Contents, at temporary: String, mode: mode_t?) throws -> Int32? {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return errno }
        var failure: Int32?
        do {
            failure = try flush(contents, to: descriptor, mode: mode)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure != nil { unlink(temporary) }
        return failure
    }

    /// Writes the contents, sets the mode and flushes `descriptor` to disk; the first `errno`
    /// that failed. Errors the contents throw besides a failed write are rethrown.
    private static func flush(_ contents: Contents, to descriptor: Int32, mode: mode_t?) throws -> Int32? {
        do {
            try contents(descriptor)
        } catch let failure as WriteFailure {
            return failure.code
        }
        if let mode, fchmod(descriptor, mode) != 0 { return errno }
        return fsync(descriptor) != 0 ? errno : nil
    }

    /// Writes every byte of `data`, retrying short and interrupted writes.
    /// - Throws: ``WriteFailure`` with the `errno` of a failure.
    private static func writeAll(_ data: Data, to descriptor: Int32) throws {
        try data.withUnsafeBytes { raw in try writeAll(raw, to: descriptor) }
    }

    /// Writes every byte of `raw`, retrying short and interrupted writes.
    /// - Throws: ``WriteFailure`` with the `errno` of a failure.
    private static func writeAll(_ raw: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        guard let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let written = systemWrite(descriptor, base + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteFailure(code: errno)
            }
            offset += written
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
