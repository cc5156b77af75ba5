@testable import WSLabelCore
@testable import WSLabelReports
import WSLabeling
import XCTest

/// Review labels people gave on items with gold labels measure the crowd's accuracy, which then
/// replaces the assumed default — not a figure the task file sets, and not from a handful.
final class MeasuredCrowdAccuracyTests: XCTestCase {
    /// A train split of `count` items, all of gold class 0, and review labels on each: the first
    /// `agreeing` say A (right), the rest B.
    private func measure(_ prices: LabelingPriceBook, count: Int, agreeing: Int) throws -> LabelingPriceBook {
        let ids = (0..<count).map { "t\($0)" }
        let train = LabeledSplit(name: "train", ids: ids, votes: try VoteMatrix(denseRows: ids.map { _ in [0] }, classCount: 2),
                                 gold: [Int?](repeating: 0, count: count))
        let labels = Dictionary(uniqueKeysWithValues: ids.enumerated().map { index, id in
            (id, HumanLabel(id: id, label: index < agreeing ? "A" : "B", source: "test"))
        })
        return TaskCostAnalysis.measuringCrowdAccuracy(prices, humanLabels: labels, splits: [train, train], labelNames: ["A", "B"])
    }

    func testEnoughReviewLabelsReplaceTheDefault() throws {
        let measured = try measure(LabelingPriceBook(), count: 25, agreeing: 20)
        XCTAssertEqual(measured.crowd.accuracy, 0.8, "20 of 25, each item counted once though two splits hold it")
        XCTAssertEqual(measured.crowd.accuracySource,
                       "measured: 20 of the 25 review labels (output.human_labels) on items with gold labels agree with them")
        XCTAssertEqual(measured.expert, LabelingPriceBook.defaultExpert, "review labels measure the crowd only")
    }

    func testTooFewKeepTheDefault() throws {
        let count = TaskCostAnalysis.minimumMeasuredLabels - 1
        XCTAssertEqual(try measure(LabelingPriceBook(), count: count, agreeing: 0), LabelingPriceBook())
    }

    func testAFigureTheTaskSetsWins() throws {
        var given = LabelingPriceBook()
        given.crowd.accuracy = 0.9
        given.crowd.accuracySource = "the task file's costs.crowd.accuracy"
        XCTAssertEqual(try measure(given, count: 40, agreeing: 10), given)
    }
}
