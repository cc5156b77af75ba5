import Foundation
import TestSupport
import XCTest

/// Runs every case of the hostile-input corpus (`Tests/HostileInputs`, format in its README)
/// against the built `wslabel`: the exit code, one error line that names the place to fix, every
/// file of the case unchanged but the ones it may write, and no temporary file left behind.
final class HostileInputCorpusTests: XCTestCase {
    static let corpus = SharedData.packageRoot.appendingPathComponent("Tests/HostileInputs")

    /// One case file.
    struct Case: Decodable {
        var about: String
        /// A folder of `_base` copied into the work folder first.
        var base: String?
        /// Files written into the work folder (path → text), over the base's.
        var files: [String: String]?
        /// Shell commands run in the work folder before wslabel (links, devices, big inputs).
        var setup: String?
        var args: [String]
        var status: Int32
        /// Text the error line must contain (its location, the field, the limit).
        var error: [String]?
        /// Text stdout must contain.
        var stdout: [String]?
        /// Files (or folders) the run may create or change; every other file must stay as it was.
        var writes: [String]?
        /// Files the run must remove (stale temporaries).
        var removes: [String]?
        /// Seconds before the run counts as hung (default 60).
        var timeout: Double?
    }

    func testEveryCaseOfTheCorpus() throws {
        let files = try caseFiles()
        XCTAssertGreaterThan(files.count, 50, "the corpus went missing")
        for file in files {
            let name = String(file.path.dropFirst(Self.corpus.path.count + 1))
            try run(file, name: name)
        }
    }

    private func caseFiles() throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: Self.corpus, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent == "_base" { enumerator?.skipDescendants(); continue }
            if url.pathExtension == "json" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    private func run(_ file: URL, name: String) throws {
        let spec = try JSONDecoder().decode(Case.self, from: Data(contentsOf: file))
        let work = try temporaryDirectory(self)
        if let base = spec.base {
            for entry in try FileManager.default.contentsOfDirectory(atPath: Self.corpus.appendingPathComponent("_base/\(base)").path) {
                try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent("_base/\(base)/\(entry)"), to: work.appendingPathComponent(entry))
            }
        }
        for (path, text) in spec.files ?? [:] {
            let url = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        if let setup = spec.setup {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-ec", setup]
            shell.currentDirectoryURL = work
            try shell.run()
            shell.waitUntilExit()
            if shell.terminationStatus == 77 {
                // Setup that needs what this machine lacks (mknod needs root): said, not hidden.
                print("\(name): skipped, its setup cannot run here (needs root?)")
                return
            }
            guard shell.terminationStatus == 0 else {
                return XCTFail("\(name): setup failed (\(shell.terminationStatus))")
            }
        }
        let before = try FolderSnapshot(work)
        let result = try CLIRunner.run(spec.args, environment: ["NO_COLOR": "1"], currentDirectory: work, timeout: spec.timeout ?? 60)
        let context = "\(name) (\(spec.about)): wslabel \(spec.args.joined(separator: " "))\nstderr: \(result.stderr)"

        XCTAssertEqual(result.status, spec.status, context)
        let problems = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("wslabel: ") }
        if spec.status == 0 {
            XCTAssertFalse(problems.contains { $0.hasPrefix("error: ") || $0.hasPrefix("Error: ") }, context)
        } else if let line = problems.first {
            XCTAssertTrue(line.hasPrefix("error: ") || line.hasPrefix("Error: "), context)
            // Argument errors are followed by ArgumentParser's usage lines, nothing else is.
            XCTAssertTrue(problems.dropFirst().allSatisfy { $0.hasPrefix("Usage: ") || $0.hasPrefix("  See '") || $0.isEmpty }, context)
            for expected in spec.error ?? [] {
                XCTAssertTrue(line.contains(expected), "error line lacks \"\(expected)\": \(context)")
            }
        } else {
            XCTFail("no error line: \(context)")
        }
        for expected in spec.stdout ?? [] {
            XCTAssertTrue(result.stdout.contains(expected), "stdout lacks \"\(expected)\": \(context)\nstdout: \(result.stdout.prefix(2000))")
        }

        let after = try FolderSnapshot(work)
        for path in spec.removes ?? [] {
            XCTAssertNil(after.entries[path], "\(path) was not removed: \(context)")
        }
        let allowed = (spec.writes ?? []) + (spec.removes ?? []) + [".wslabel"]
        func isAllowed(_ path: String) -> Bool { allowed.contains { path == $0 || path.hasPrefix($0 + "/") } }
        for (path, entry) in before.entries where !isAllowed(path) {
            XCTAssertEqual(after.entries[path], entry, "\(path) changed: \(context)")
        }
        for path in after.entries.keys where before.entries[path] == nil {
            XCTAssertTrue(isAllowed(path), "\(path) appeared: \(context)")
            XCTAssertFalse(path.hasSuffix(".tmp"), "temporary file \(path) left: \(context)")
        }
    }
}

/// Every entry under a folder: its kind and content (file bytes' hash, link target, device number).
struct FolderSnapshot {
    enum Entry: Equatable {
        case file(size: Int, hash: Int)
        case link(String)
        case folder
        case other(mode: UInt32, device: UInt64)
    }

    var entries: [String: Entry] = [:]

    init(_ root: URL) throws {
        let prefix = root.path.count + 1
        var pending = [root.path]
        while let folder = pending.popLast() {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                let path = folder + "/" + name
                let relative = String(path.dropFirst(prefix))
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    entries[relative] = .folder
                    pending.append(path)
                case S_IFLNK:
                    entries[relative] = .link(try FileManager.default.destinationOfSymbolicLink(atPath: path))
                case S_IFREG:
                    let data = try Data(contentsOf: URL(fileURLWithPath: path))
                    var hasher = Hasher()
                    hasher.combine(data)
                    entries[relative] = .file(size: data.count, hash: hasher.finalize())
                default:
                    entries[relative] = .other(mode: UInt32(status.st_mode), device: UInt64(status.st_rdev))
                }
            }
        }
    }
}
