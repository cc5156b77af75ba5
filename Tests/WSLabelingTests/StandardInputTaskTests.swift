import Foundation
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// A task whose items of one split come from standard input, as a batch engine's partition.
final class StandardInputTaskTests: XCTestCase {
    private let yaml = """
        labels: [HAM, SPAM]
        data:
          text: CONTENT
          gold: CLASS
          splits:
            train: [raw/a.csv, raw/b.csv]
            test: raw/c.csv
        labeling_functions:
          files: lfs
        llm:
          endpoints:
            local: {base_url: "http://127.0.0.1:8088/v1", model: m}
          budget_usd: 10
        """

    func testOneSplitOfJSONLinesOnStandardInputWithAShareOfTheBudget() throws {
        let task = try TaskFile(yaml: yaml, url: URL(fileURLWithPath: "/project/wslabel.yaml"))
        let piped = task.readingStandardInput(as: "test", llmBudgetShare: 0.25)
        XCTAssertEqual(piped.splits, [TaskFile.Split(name: "test", files: [TaskFile.standardInput])])
        XCTAssertEqual(piped.source.format, .jsonl, "partitions arrive as JSON Lines whatever the task's files are")
        XCTAssertEqual(piped.source.idField, "id", "without an id field in the task, items carry `id`")
        XCTAssertEqual(piped.llm?.budget, 2.5)
        XCTAssertEqual(task.llm?.budget, 10, "the task itself is unchanged")
        XCTAssertFalse(piped.inputFiles().contains { $0.url == TaskFile.standardInput },
                       "standard input is a stream, not a file an output could replace")
        XCTAssertEqual(task.readingStandardInput(as: "train").llm?.budget, 10)
    }
}
