import Foundation
import WSLabelCore
import XCTest
@testable import WSLabeling

/// What the YAML readers reject before building a node tree: nesting deep enough to overflow
/// the composer's stack (a crash would take this whole test bundle down, which is the point of
/// running these in-process) and keys repeated in one mapping, which YAML would resolve by
/// silently keeping one value.
final class YAMLStructureTests: XCTestCase {
    private static let depth = 5_000

    /// 5,000 levels, about 10 KB each: flow sequences, block sequences, flow mappings.
    private static let nestings: [(name: String, yaml: String)] = [
        ("flow", String(repeating: "[", count: depth) + String(repeating: "]", count: depth)),
        ("block", String(repeating: "- ", count: depth) + "x"),
        ("mapping", String(repeating: "{a: ", count: depth) + "x" + String(repeating: "}", count: depth)),
    ]

    private func taskError(_ yaml: String) -> String {
        do {
            _ = try TaskFile(yaml: yaml, url: URL(fileURLWithPath: "/project/wslabel.yaml"))
            return "no error"
        } catch {
            return error.localizedDescription
        }
    }

    private func lfError(_ yaml: String) -> String {
        do {
            _ = try LFFile.parse(yaml, file: "lfs.yaml", labels: ["HAM", "SPAM"])
            return "no error"
        } catch {
            return error.localizedDescription
        }
    }

    func testDeepNestingInATaskFileIsAnErrorNotACrash() {
        for (name, nested) in Self.nestings {
            XCTAssertEqual(taskError("labels: [A, B]\ndata:\n  text:\n    \(nested)\n"), """
                /project/wslabel.yaml:4: the YAML nests more than 64 levels deep (task and LF files need about 5)
                """, name)
        }
    }

    func testDeepNestingInAnLFFileIsAnErrorNotACrash() {
        for (name, nested) in Self.nestings {
            XCTAssertEqual(lfError("# LFs\nlabeling_functions:\n  \(nested)\n"), """
                lfs.yaml:3: the YAML nests more than 64 levels deep (task and LF files need about 5)
                """, name)
        }
    }

    func testNestingUpToTheLimitIsReadAsBefore() {
        let nested = String(repeating: "[", count: 60) + "x" + String(repeating: "]", count: 60)
        XCTAssertEqual(lfError("labeling_functions: \(nested)\n"), "lfs.yaml:1: expected an LF (a mapping)")
    }

    func testARepeatedKeyInATaskFileNamesTheSecondOne() {
        XCTAssertEqual(taskError("labels: [A, B]\ndata:\n  text: body\n  splits: {train: a.csv}\n  text: title\n"), """
            /project/wslabel.yaml:5: field text: the key is given twice in one mapping (first at line 3); YAML would keep \
            only one of the values
            """)
        XCTAssertEqual(taskError("labels: [A, B]\nlabels: [C, D]\n"), """
            /project/wslabel.yaml:2: field labels: the key is given twice in one mapping (first at line 1); YAML would keep \
            only one of the values
            """)
        XCTAssertEqual(taskError("labels: [A, B]\ndata: {splits: {train: a.csv, \"train\": b.csv}}\n"), """
            /project/wslabel.yaml:2: field train: the key is given twice in one mapping (first at line 2); YAML would keep \
            only one of the values
            """)
    }

    func testARepeatedKeyInAnLFFileNamesTheSecondOne() {
        XCTAssertEqual(lfError("labeling_functions:\n  - name: a\n    kind: keyword\n    keywords: [x]\n    label: HAM\n    label: SPAM\n"), """
            lfs.yaml:6: field label: the key is given twice in one mapping (first at line 5); YAML would keep only one of \
            the values
            """)
        XCTAssertEqual(lfError("labeling_functions:\n  - {name: a, kind: keyword, keywords: [x], label: HAM}\n"
                               + "  - {name: b, kind: keyword, keywords: [x], label: HAM}\n"), "no error", "the same key in two mappings")
    }
}
