import Foundation
import WSLabelCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a command reads or writes, with what it is to the command, for messages:
/// `--output`, `the train data`, `the vote cache`.
public struct FileRole: Sendable, Equatable {
    public var url: URL
    public var role: String

    public init(_ url: URL, _ role: String) {
        self.url = url
        self.role = role
    }
}

/// Refuses a run whose outputs would replace one of its inputs, or each other, before any work
/// is done: `--output train.json` over the data, `--votes L.npy --output L.npy`, `apply
/// --output-dir` onto the data folder, `--output` and `--save-model` on one path.
///
/// Files are compared by identity (device and inode), so a symlink, a hard link or another
/// spelling of the same path is caught; a file that does not exist yet (an output, or a cache
/// the run will create) is compared by its path with the folder's symlinks resolved. Standard
/// streams and devices never conflict.
///
/// ```swift
/// try OutputConflicts.check(outputs: [FileRole(url, "--output")],
///                           inputs: [FileRole(trainURL, "the train data")])
/// ```
public enum OutputConflicts {
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` naming both roles and the path.
    public static func check(outputs: [FileRole], inputs: [FileRole]) throws {
        var seen: [FileIdentity: FileRole] = [:]
        for input in inputs {
            let identity = FileIdentity(existing: input.url) ?? FileIdentity(resolvedPath: input.url)
            seen[identity] = seen[identity] ?? input
        }
        var written: [FileIdentity: FileRole] = [:]
        for output in outputs {
            guard let identity = try FileIdentity(output: output.url) else { continue }
            if let input = seen[identity] {
                let sameSpelling = input.url.standardizedFileURL.path == output.url.standardizedFileURL.path
                throw WSLabelError.invalidArgument(
                    "\(output.role) \(output.url.path) is \(input.role)\(sameSpelling ? "" : " (\(input.url.path))"): writing it would replace an input; choose another path")
            }
            if let other = written[identity] {
                throw WSLabelError.invalidArgument(
                    "\(other.role) and \(output.role) are the same file (\(output.url.path)); give each its own path")
            }
            written[identity] = output
        }
    }
}

/// What makes two paths the same file.
enum FileIdentity: Hashable {
    /// An existing file: its device and inode.
    case inode(device: UInt64, inode: UInt64)
    /// A file not yet created: its path with the folder's symlinks resolved.
    case path(String)

    /// The identity of an existing file or folder, following symlinks; `nil` when it does not exist.
    init?(existing url: URL) {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return nil }
        self = .inode(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// The identity of the file an output to `url` replaces; `nil` for a stream or device.
    init?(output url: URL) throws {
        guard case let .regularFile(target) = try OutputTarget(resolving: url) else { return nil }
        self = FileIdentity(existing: target) ?? FileIdentity(resolvedPath: target)
    }

    /// The identity of a file that may not exist: its path with the folder's symlinks resolved.
    init(resolvedPath url: URL) {
        let folder = url.deletingLastPathComponent().path
        let resolvedFolder = realpath(folder, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        }
        self = .path((resolvedFolder ?? folder) + "/" + url.lastPathComponent)
    }
}
