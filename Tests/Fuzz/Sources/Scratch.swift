import Foundation
import WSLabelData

/// A folder of this process's own under the system temp folder, for the parsers that read
/// files: each input is written to a fixed name there, so the folder stays small however long
/// the fuzzer runs. It is removed when the process exits normally.
enum Scratch {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wslabel-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.directory) }
        return url
    }()

    /// `bytes` written to the file `name` of the scratch folder (or of its subfolder `folder`).
    static func file(_ name: String, in folder: String? = nil, _ bytes: some Sequence<UInt8>) throws -> URL {
        let url = self.folder(folder).appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// The scratch folder, or its subfolder `name`, created when missing.
    static func folder(_ name: String?) -> URL {
        guard let name else { return directory }
        let url = directory.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: url.path) {
            try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        return url
    }

    /// Removes the file `name` of the subfolder `folder`, if it is there.
    static func remove(_ name: String, in folder: String) {
        unlink(self.folder(folder).appendingPathComponent(name).path)
    }
}
