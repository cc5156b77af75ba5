import Foundation
import TestSupport
@testable import WSLabeling
import XCTest

/// `docs/task-file.md` stays the reference of what the code reads: every key a task file
/// accepts (``TaskFileKeys``) has a row there under its dotted path, every row names a key the
/// code accepts, and the examples are task files the code reads.
final class TaskFileReferenceTests: XCTestCase {
    private func reference() throws -> String {
        try String(contentsOf: SharedData.packageRoot.appendingPathComponent("docs/task-file.md"), encoding: .utf8)
    }

    /// Every accepted key's dotted path (`data.delimiter`, `llm.endpoints.NAME.base_url`).
    private var acceptedPaths: Set<String> {
        Set(TaskFileKeys.sections.flatMap { section in section.keys.map { section.path.isEmpty ? $0 : "\(section.path).\($0)" } })
    }

    /// The code spans in the first cell of each table row: the keys the rows document.
    private func documentedPaths(in text: String) -> Set<String> {
        var paths = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            for (index, part) in cell.split(separator: "`", omittingEmptySubsequences: false).enumerated() where index % 2 == 1 {
                paths.insert(String(part))
            }
        }
        return paths
    }

    func testEveryAcceptedKeyHasARowAndEveryRowAnAcceptedKey() throws {
        let documented = documentedPaths(in: try reference())
        let missing = acceptedPaths.subtracting(documented).sorted()
        XCTAssertEqual(missing, [], "task-file keys without a row in docs/task-file.md: add one (type, default, allowed values, example)")
        let unknown = documented.subtracting(acceptedPaths).sorted()
        XCTAssertEqual(unknown, [], "rows of docs/task-file.md for keys the task file does not accept")
    }

    /// The complete example is read as a task file and uses every section; the smallest one too.
    func testTheExamplesAreTaskFiles() throws {
        let blocks = try reference().components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        XCTAssertEqual(blocks.count, 2)
        let url = URL(fileURLWithPath: "/project/wslabel.yaml")
        let complete = try TaskFile(yaml: blocks[0], url: url)
        XCTAssertNotNil(complete.llm)
        XCTAssertEqual(complete.source.format, .tsv)
        XCTAssertFalse(complete.source.hasHeader)
        let topKeys = Set(blocks[0].split(separator: "\n").filter { $0.first?.isLetter == true }.map { String($0.prefix { $0 != ":" }) })
        XCTAssertEqual(topKeys, TaskFileKeys.top)
        XCTAssertEqual(try TaskFile(yaml: blocks[1], url: url).splits.map(\.name), ["train"])
    }
}
