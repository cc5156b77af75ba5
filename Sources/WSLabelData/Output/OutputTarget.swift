import Foundation
import WSLabelCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where bytes written "to a path" really go, found before anything is written.
///
/// Temp-file-and-rename is right for regular files only: renamed over a symlink it replaces the
/// link, and over `/dev/stdout` or `/dev/null` it replaces the device with a regular file. So a
/// path is first followed through its symlinks, and what it names decides how it is written.
enum OutputTarget: Equatable {
    /// The process's own standard output (1) or error (2): `/dev/stdout`, `/dev/fd/1`,
    /// `/proc/self/fd/1` and the like, and `-` on the command line.
    case standardStream(Int32)
    /// A character device or FIFO: opened and written through, never replaced.
    case device(path: String)
    /// A regular file, or none yet, at this path with every symlink resolved: replaced
    /// atomically in its own folder.
    case regularFile(URL)

    /// Symlink hops followed before giving up, as the kernel's `MAXSYMLINKS`.
    static let maxSymlinkHops = 40

    /// Resolves `url`.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` naming `url` when it is a folder, a block
    ///   device or socket, a symlink loop, or cannot be examined.
    init(resolving url: URL) throws {
        var path = url.path
        for _ in 0...Self.maxSymlinkHops {
            if let stream = Self.standardStream(named: path) {
                self = .standardStream(stream)
                return
            }
            var status = stat()
            guard lstat(path, &status) == 0 else {
                guard errno == ENOENT else {
                    throw WSLabelError.fileAccess(path: url.path, "cannot write: \(String(cString: strerror(errno)))")
                }
                self = .regularFile(URL(fileURLWithPath: path))
                return
            }
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                path = try Self.linkTarget(of: path, named: url.path)
            case S_IFREG:
                self = .regularFile(URL(fileURLWithPath: path))
                return
            case S_IFCHR, S_IFIFO:
                self = .device(path: path)
                return
            case S_IFDIR:
                throw WSLabelError.fileAccess(path: url.path, "is a folder; give a file name to write to")
            default:
                throw WSLabelError.fileAccess(path: url.path, "is not a regular file, character device or FIFO (a block device or socket); refusing to write onto it")
            }
        }
        throw WSLabelError.fileAccess(path: url.path, "too many levels of symbolic links (more than \(Self.maxSymlinkHops))")
    }

    /// The descriptor that `path` names when it is one of this process's standard streams.
    ///
    /// Checked before following links: `/dev/stdout` links to `/proc/self/fd/1`, which links to
    /// whatever descriptor 1 is — a pipe (`pipe:[…]`, not a path), a terminal, or a file that the
    /// shell opened and that must be appended to at its offset, not replaced.
    static func standardStream(named path: String) -> Int32? {
        switch path {
        case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "/proc/\(getpid())/fd/1": return 1
        case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2", "/proc/\(getpid())/fd/2": return 2
        default: return nil
        }
    }

    /// Where the symlink at `path` points, as an absolute path.
    private static func linkTarget(of path: String, named original: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else {
            throw WSLabelError.fileAccess(path: original, "cannot follow the symbolic link \(path): \(String(cString: strerror(errno)))")
        }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        // Not normalised: `..` after a folder that is itself a link must be left to the kernel.
        return URL(fileURLWithPath: path).deletingLastPathComponent().path + "/" + target
    }
}
