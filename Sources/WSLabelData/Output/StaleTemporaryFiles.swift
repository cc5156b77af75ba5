import Foundation
import WSLabelCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The named temporary files of ``AtomicFile``, and their removal once the process that wrote
/// one is gone (killed mid-write, where unnamed temporaries are not available).
///
/// A temporary is `.<target name>.wslabel-<pid>-<random>.tmp`: the process id says whether its
/// writer may still be running (`kill(pid, 0)`), so a concurrent run's temporary is never
/// touched. Files of the earlier form `.<target name>.<UUID>.tmp`, which carry no process id,
/// are removed once they are older than ``legacyAge``: no write takes that long.
enum StaleTemporaryFiles {
    /// The age after which a temporary of the earlier, process-less form is taken as stale.
    static let legacyAge: TimeInterval = 3600

    /// A fresh temporary name for a file named `target`, unique among concurrent writers.
    static func name(for target: String) -> String {
        ".\(target).wslabel-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).tmp"
    }

    /// Removes the temporaries in `directory` whose writer is gone. Best effort: a file that
    /// cannot be listed or removed is left alone.
    static func remove(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") && isStale(name, in: directory) {
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    /// Whether `name` is a temporary of ours whose writer has ended.
    static func isStale(_ name: String, in directory: URL) -> Bool {
        let stem = name.dropLast(".tmp".count)
        guard let dot = stem.lastIndex(of: ".") else { return false }
        let tag = stem[stem.index(after: dot)...]
        if tag.hasPrefix("wslabel-") {
            let parts = tag.split(separator: "-")
            guard parts.count == 3, let pid = pid_t(parts[1]), pid > 0, UInt64(parts[2], radix: 16) != nil else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        guard UUID(uuidString: String(tag)) != nil,
              let modified = (try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path))?[.modificationDate] as? Date
        else { return false }
        return Date().timeIntervalSince(modified) > legacyAge
    }
}
