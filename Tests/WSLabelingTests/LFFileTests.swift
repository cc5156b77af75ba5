import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

final class LFFileTests: XCTestCase {
    private let labels = ["HAM", "SPAM"]

    func testLoadsKeywordAndRegexLFs() throws {
        let functions = try LFFile.parse("""
            labeling_functions:
              - name: keyword_free
                kind: keyword
                keywords: [free, "free money"]
                label: SPAM
                matching: whole-word
              - name: regex_url
                kind: regex
                pattern: 'https?://'
                label: SPAM
                case_sensitive: true
            """, file: "lfs.yaml", labels: labels)
        XCTAssertEqual(functions.map(\.name), ["keyword_free", "regex_url"])
        let view = ItemView(Item(id: "1", text: "Free stuff at http://x"))
        XCTAssertEqual(try functions[0].vote(on: view), "SPAM")
        XCTAssertEqual(try functions[1].vote(on: view), "SPAM")
        XCTAssertNil(try functions[0].vote(on: ItemView(Item(id: "2", text: "freedom"))))
    }

    func testFingerprintFollowsContent() throws {
        func fingerprint(_ keywords: String) throws -> String {
            try LFFile.parse("labeling_functions:\n  - {name: a, kind: keyword, keywords: [\(keywords)], label: HAM}\n", file: "x.yaml")[0].fingerprint
        }
        XCTAssertEqual(try fingerprint("song"), try fingerprint("song"))
        XCTAssertNotEqual(try fingerprint("song"), try fingerprint("song, music"))
    }

    func testErrorsNameFileLineAndLF() {
        func error(_ yaml: String) -> String {
            do {
                _ = try LFFile.parse(yaml, file: "lfs.yaml", labels: labels)
                return "no error"
            } catch {
                return error.localizedDescription
            }
        }
        let header = "labeling_functions:\n"
        XCTAssertEqual(error(header + "  - {name: a, kind: keyword, keywords: [x], label: EGGS}\n"),
                       "lfs.yaml:2: record \"LF a\", field label: unknown label \"EGGS\"; the task's labels are HAM, SPAM")
        XCTAssertEqual(error(header + "  - name: r\n    kind: regex\n    pattern: '(open'\n    label: SPAM\n"),
                       "lfs.yaml:4: record \"LF r\", field pattern: invalid regular expression (open")
        XCTAssertEqual(error(header + "  - {name: a, kind: keyword, keywords: [x], label: HAM}\n  - {name: a, kind: keyword, keywords: [y], label: HAM}\n"),
                       "lfs.yaml:3: record \"LF a\", field name: duplicate LF name (first at line 2)")
        XCTAssertEqual(error(header + "  - {name: a, kind: keyword, keywords: {x: 1}, label: HAM}\n"),
                       "lfs.yaml:2: record \"LF a\", field keywords: expected a list of text")
        XCTAssertTrue(error(header + "  - {name: a, kind: neural, label: HAM}\n").contains("unknown kind \"neural\""))
        XCTAssertTrue(error(header + "  - {name: a, kind: keyword, keywords: [x], label: HAM, colour: red}\n").contains("field colour: unknown key"))
        XCTAssertTrue(error(header + "  - {kind: keyword, keywords: [x], label: HAM}\n").contains("field name: missing"))
        XCTAssertTrue(error("labeling_functions: [\n").hasPrefix("lfs.yaml:2: invalid YAML at column 1"), error("labeling_functions: [\n"))
        XCTAssertEqual(error(""), "lfs.yaml: the LF file is empty; it holds a `labeling_functions` list (`labeling_functions: []` for none)")
    }

    func testFolderLoadingRejectsNamesRepeatedAcrossFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lf-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "labeling_functions:\n  - {name: a, kind: keyword, keywords: [x], label: HAM}\n"
            .write(to: folder.appendingPathComponent("1.yaml"), atomically: true, encoding: .utf8)
        try "labeling_functions:\n  - {name: b, kind: keyword, keywords: [y], label: SPAM}\n"
            .write(to: folder.appendingPathComponent("2.yml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try LFFile.loadFolder(folder, labels: labels).map(\.name), ["a", "b"])
        try "labeling_functions:\n  - {name: a, kind: keyword, keywords: [z], label: SPAM}\n"
            .write(to: folder.appendingPathComponent("3.yaml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try LFFile.loadFolder(folder, labels: labels)) { error in
            XCTAssertEqual(error.localizedDescription, """
                \(folder.path)/3.yaml:2: record "LF a", field name: LF name a is already used at \(folder.path)/1.yaml:2
                """)
        }
    }
}

/// `enabled: false` switches an LF off: it is still checked and keeps its name, but does not run.
final class LFFileEnabledTests: XCTestCase {
    func testASwitchedOffLFIsCheckedButLeftOut() throws {
        let functions = try LFFile.parse("""
            labeling_functions:
              - {name: on, kind: keyword, keywords: [free], label: SPAM}
              - {name: off, kind: keyword, keywords: [win], label: SPAM, enabled: false}
              - {name: also_on, kind: regex, pattern: 'x+', label: HAM, enabled: true}
            """, file: "lfs.yaml", labels: ["HAM", "SPAM"])
        XCTAssertEqual(functions.map(\.name), ["on", "also_on"])

        // Still checked: a bad label, a non-boolean, and a name reused by a switched-off LF fail.
        let bad: [(String, String)] = [
            ("  - {name: off, kind: keyword, keywords: [win], label: NOPE, enabled: false}", "label"),
            ("  - {name: off, kind: keyword, keywords: [win], label: SPAM, enabled: maybe}", "enabled"),
            ("  - {name: on, kind: keyword, keywords: [free], label: SPAM}\n  - {name: on, kind: keyword, keywords: [x], label: HAM, enabled: false}", "name"),
        ]
        for (entries, field) in bad {
            XCTAssertThrowsError(try LFFile.parse("labeling_functions:\n" + entries + "\n", file: "lfs.yaml", labels: ["HAM", "SPAM"])) { error in
                guard case let .malformedInput(location, _) = error as? WSLabelError else { return XCTFail("\(error)") }
                XCTAssertEqual(location.file, "lfs.yaml")
                XCTAssertEqual(location.field, field, entries)
                XCTAssertNotNil(location.line)
            }
        }
    }
}
