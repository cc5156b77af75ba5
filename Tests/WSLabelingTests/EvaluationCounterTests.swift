import Foundation
import TestSupport
import WSLabeling
import XCTest

final class EvaluationCounterTests: XCTestCase {
    func testCountsEachSplitApartAndKeepsTheCountsAcrossCounters() throws {
        let url = try temporaryDirectory(self).appendingPathComponent(".wslabel/evaluations.json")
        XCTAssertEqual(try EvaluationCounter(url: url).counts(), [:])
        XCTAssertEqual(try EvaluationCounter(url: url).increment(split: "test"), 1)
        XCTAssertEqual(try EvaluationCounter(url: url).increment(split: "test"), 2)
        XCTAssertEqual(try EvaluationCounter(url: url).increment(split: "holdout"), 1)
        XCTAssertEqual(try EvaluationCounter(url: url).counts(), ["test": 2, "holdout": 1])
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), #"{"version":1,"splits":{"holdout":1,"test":2}}"# + "\n")
    }

    func testATaskCountsBesideItsVoteCache() throws {
        let task = try TaskFile(yaml: """
            labels: [A, B]
            data: {splits: {train: a.jsonl}}
            labeling_functions: {files: lfs}
            output: {cache: state/votes.sqlite}
            """, url: URL(fileURLWithPath: "/project/wslabel.yaml"))
        XCTAssertEqual(EvaluationCounter(task: task).url.path, "/project/state/evaluations.json")
    }

    func testAFileThatIsNotACountsFileIsAnErrorNotAReset() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("evaluations.json")
        try Data(#"{"splits": {"test": 3}}"#.utf8).write(to: url)
        XCTAssertThrowsError(try EvaluationCounter(url: url).increment(split: "test")) { error in
            XCTAssertTrue(error.localizedDescription.contains("not an evaluation counts file"), error.localizedDescription)
        }
        try Data(#"{"version": 1, "splits": {"test": -2}}"#.utf8).write(to: url)
        XCTAssertThrowsError(try EvaluationCounter(url: url).counts()) { error in
            XCTAssertTrue(error.localizedDescription.contains("splits.test: expected a count"), error.localizedDescription)
        }
    }
}
