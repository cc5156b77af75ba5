import XCTest
@testable import WSLabelCore

/// Scores where some labels are noisy draws, as expectations.
final class ExpectedLabelCountsTests: XCTestCase {
    func testTheWorkedExample() {
        var counts = ExpectedLabelCounts(classCount: 2)
        counts.add(prediction: 1, gold: 1)
        counts.addNoisyLabel(accuracy: 0.8, gold: 0)
        XCTAssertEqual(counts.metrics.accuracy, 0.9, accuracy: 1e-12)
        XCTAssertEqual(counts.metrics.coverage, 1, accuracy: 1e-12)
        XCTAssertEqual(counts.metrics.rowCount, 2)
    }

    func testHardLabelsScoreAsClassificationMetricsDo() {
        let predictions = [1, 0, -1, 1, 2], gold = [1, 0, 1, 0, 2]
        var counts = ExpectedLabelCounts(classCount: 3)
        for (prediction, truth) in zip(predictions, gold) { counts.add(prediction: prediction, gold: truth) }
        XCTAssertEqual(counts.metrics, ClassificationMetrics(predictions: predictions, gold: gold, classCount: 3))
    }

    /// A label right 70% of the time among 3 classes puts 0.15 on each wrong class: on 10 items
    /// of class 0, class 0 expects 7 right of 7 predicted, and each other class 1.5 wrong ones.
    func testAWrongNoisyLabelIsEquallyLikelyAnyWrongClass() {
        var counts = ExpectedLabelCounts(classCount: 3)
        for _ in 0..<10 { counts.addNoisyLabel(accuracy: 0.7, gold: 0) }
        let metrics = counts.metrics
        XCTAssertEqual(metrics.accuracy, 0.7, accuracy: 1e-12)
        XCTAssertEqual(metrics.classF1[0], 2 * 7 / (7 + 10), accuracy: 1e-12)
        XCTAssertEqual(metrics.classF1[1], 0, accuracy: 1e-12)
        XCTAssertEqual(metrics.macroF1, (14.0 / 17) / 3, accuracy: 1e-12, "classes 1 and 2 are predicted, so they count")
    }
}
