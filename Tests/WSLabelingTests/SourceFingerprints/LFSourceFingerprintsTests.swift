import Foundation
import LabelingFunctions
import TestSupport
@testable import WSLabeling
import XCTest

/// Swift LF fingerprints that follow the code: the table the LFSourceFingerprints plugin
/// generates into `LabelingFunctions`, found at run time, and HeuristicLF's fingerprint.
final class LFSourceFingerprintsTests: XCTestCase {
    func testThePluginsTableIsFoundByModuleName() throws {
        let fingerprint = try XCTUnwrap(LFSourceFingerprints.fingerprint(ofModule: "LabelingFunctions"),
                                        "LabelingFunctions is built with the LFSourceFingerprints plugin")
        XCTAssertEqual(fingerprint.count, 32)
        XCTAssertTrue(fingerprint.allSatisfy(\.isHexDigit))
        XCTAssertEqual(LFSourceFingerprints.fingerprint(ofFileID: "LabelingFunctions/SupportTicketLFs.swift"), fingerprint)
        // Modules built without the plugin, and malformed file ids, have none.
        XCTAssertNil(LFSourceFingerprints.fingerprint(ofModule: "WSLabelingTests"))
        XCTAssertNil(LFSourceFingerprints.fingerprint(ofModule: "NoSuchModule"))
        XCTAssertNil(LFSourceFingerprints.fingerprint(ofFileID: "no-slash.swift"))
    }

    /// The table holds the hash of exactly the files the plugin documents: LabelingFunctions'
    /// Swift files and those of the targets of this package it depends on, each named
    /// `Module/path`, sorted by name, hashed as the tool's encoding says. Recomputed here from
    /// the checkout, so a file missed or added, or the table not reaching the runtime, fails.
    func testTheTableIsTheHashOfTheTargetsSources() throws {
        let root = SharedData.packageRoot
        let targets = [("LabelingFunctions", "labeling_functions/Swift"), ("WSLabeling", "Sources/WSLabeling"),
                       ("WSLabelData", "Sources/WSLabelData"), ("WSLabelCore", "Sources/WSLabelCore")]
        var files: [(name: String, url: URL)] = []
        for (module, folder) in targets {
            let base = root.appendingPathComponent(folder)
            let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil))
            for case let url as URL in enumerator where url.pathExtension == "swift" {
                let relative = url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1)
                files.append(("\(module)/\(relative)", url))
            }
        }
        files.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var hasher = FNV1a128()
        hasher.combine(string: "wslabel-lf-source-v1")
        for file in files {
            hasher.combine(string: file.name)
            let contents = try Data(contentsOf: file.url)
            hasher.combine(length: contents.count)
            hasher.combine(bytes: contents)
        }
        let hex = String(hasher.state, radix: 16)
        XCTAssertEqual(LFSourceFingerprints.fingerprint(ofModule: "LabelingFunctions"), String(repeating: "0", count: 32 - hex.count) + hex,
                       "\(files.count) files; rebuild if a source changed since the build")
    }

    func testAHeuristicsFingerprintHoldsItsModulesSourceFingerprint() throws {
        let source = try XCTUnwrap(LFSourceFingerprints.fingerprint(ofModule: "LabelingFunctions"))
        let bundled = SupportTicketLFs.subjectLine
        XCTAssertEqual(bundled.sourceFingerprint, source)
        XCTAssertEqual(bundled.fingerprint, "heuristic|subject_line|1|source:\(source)")

        func lf(version: Int = 1, fileID: String) -> HeuristicLF {
            HeuristicLF("x", version: version, fileID: fileID) { _ in nil }
        }
        // Declared where the plugin ran: the source fingerprint, and version still counts.
        XCTAssertEqual(lf(fileID: "LabelingFunctions/Mine.swift").fingerprint, "heuristic|x|1|source:\(source)")
        XCTAssertNotEqual(lf(version: 2, fileID: "LabelingFunctions/Mine.swift").fingerprint, lf(fileID: "LabelingFunctions/Mine.swift").fingerprint)
        // Without the plugin: the name and version, as before it existed (caches stay warm).
        let here = HeuristicLF("x") { _ in nil }
        XCTAssertNil(here.sourceFingerprint)
        XCTAssertEqual(here.fingerprint, "heuristic|x|1")
        XCTAssertEqual(lf(version: 3, fileID: "Elsewhere/Mine.swift").fingerprint, "heuristic|x|3")
    }

    func testTheMangledNameOfTheTable() {
        XCTAssertEqual(LFSourceFingerprints.mangledTableName(module: "MyLFs"), "5MyLFs27WSLabelLFSourceFingerprintsO")
    }
}
