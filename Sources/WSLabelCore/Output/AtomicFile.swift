import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in
/// the same folder, which is then renamed over the target (atomic on POSIX file systems).
/// A crash mid-write leaves the old file intact.
public enum AtomicFile {
    /// Replaces the file at `url` with `data`.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the folder is missing or not writable.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WSLabelError.fileAccess(path: url.path, "cannot write: folder \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WSLabelError.fileAccess(path: url.path, "cannot write: \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WSLabelError.fileAccess(path: url.path, "cannot replace: \(reason)")
        }
    }
}
