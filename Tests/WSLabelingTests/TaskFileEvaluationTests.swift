import Foundation
import WSLabeling
import XCTest

/// The task file's `evaluation:` section: the test splits and whether their scores are hidden.
final class TaskFileEvaluationTests: XCTestCase {
    private let url = URL(fileURLWithPath: "/project/wslabel.yaml")

    /// A task with train, dev and test splits and `evaluation` as given (none when `nil`).
    private func task(evaluation: String?) throws -> TaskFile {
        let yaml = """
            labels: [HAM, SPAM]
            data:
              splits:
                train: a.jsonl
                dev: b.jsonl
                test: c.jsonl
            labeling_functions:
              files: lfs
            """ + (evaluation.map { "\nevaluation:\n" + $0 } ?? "")
        return try TaskFile(yaml: yaml, url: url)
    }

    func testWithoutTheSectionTheTestSplitIsTestAndItsScoresShown() throws {
        let settings = try task(evaluation: nil).evaluation
        XCTAssertEqual(settings, TaskFile.EvaluationSettings())
        XCTAssertNil(settings.hideTest)
        XCTAssertEqual(settings.resolvedTestSplits, ["test"])
    }

    func testReadsTheTestSplitsAndHideTest() throws {
        let one = try task(evaluation: "  test_split: dev\n  hide_test: true").evaluation
        XCTAssertEqual(one.testSplits, ["dev"])
        XCTAssertEqual(one.hideTest, true)
        let list = try task(evaluation: "  test_split: [dev, test]\n  hide_test: false").evaluation
        XCTAssertEqual(list.resolvedTestSplits, ["dev", "test"])
        XCTAssertEqual(list.hideTest, false)
    }

    func testMistakesNameTheFileLineAndKey() throws {
        let cases = [
            ("  test_split: holdout", "/project/wslabel.yaml:10: record \"evaluation\", field test_split: no split \"holdout\"; the task's splits are train, dev, test"),
            ("  test_split: train", "/project/wslabel.yaml:10: record \"evaluation\", field test_split: train cannot be a test split: the label model is fit on it"),
            ("  hide_test: sometimes", "/project/wslabel.yaml:10: record \"evaluation\", field hide_test: expected true or false"),
            ("  hide_tests: true", "/project/wslabel.yaml:10: record \"evaluation\", field hide_tests: unknown key; allowed: hide_test, test_split"),
        ]
        for (section, message) in cases {
            XCTAssertThrowsError(try task(evaluation: section), section) { error in
                XCTAssertEqual(error.localizedDescription, message)
            }
        }
    }
}
