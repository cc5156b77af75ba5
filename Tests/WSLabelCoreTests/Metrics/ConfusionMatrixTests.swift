import XCTest
import WSLabelCore

final class ConfusionMatrixTests: XCTestCase {
    /// The worked example of ``ConfusionMatrix``'s doc comment, every number counted by hand.
    private let example = ConfusionMatrix(predictions: [0, 0, 1, 1, -1, 2, 0, 2], gold: [0, 0, 0, 1, 1, 2, 2, 2], classCount: 3)

    func testCountsOfTheWorkedExample() {
        let rows = (0..<3).map { gold in (0..<3).map { example.count(gold: gold, predicted: $0) } + [example.unlabeled(gold: gold)] }
        XCTAssertEqual(rows, [[2, 1, 0, 0], [0, 1, 0, 1], [1, 0, 2, 0]])
        XCTAssertEqual((0..<3).map(example.support(of:)), [3, 2, 3])
        XCTAssertEqual((0..<3).map(example.predictedCount(of:)), [3, 2, 2])
        XCTAssertEqual(example.itemCount, 8)
        XCTAssertTrue(example.hasUnlabeled)
    }

    func testClassScoresOfTheWorkedExample() {
        let scores = example.classScores
        XCTAssertEqual(scores.map(\.precision), [2.0 / 3, 1.0 / 2, 1])
        XCTAssertEqual(scores.map(\.recall), [2.0 / 3, 1.0 / 2, 2.0 / 3])
        XCTAssertEqual(scores.map(\.f1), [2.0 / 3, 1.0 / 2, 0.8])
        XCTAssertEqual(scores.map(\.support), [3, 2, 3])
        // F1 is the harmonic mean of precision and recall.
        for score in scores {
            XCTAssertEqual(score.f1, 2 * score.precision * score.recall / (score.precision + score.recall), accuracy: 1e-15)
        }
    }

    func testDatasetScoresFollowFromTheMatrix() {
        let metrics = ClassificationMetrics(confusion: example)
        XCTAssertEqual(metrics.accuracy, 5.0 / 8)
        XCTAssertEqual(metrics.coverage, 7.0 / 8)
        XCTAssertEqual(metrics.classF1, example.classScores.map(\.f1))
        XCTAssertEqual(metrics.macroF1, (2.0 / 3 + 0.5 + 0.8) / 3, accuracy: 1e-15)
        XCTAssertEqual(metrics, ClassificationMetrics(predictions: [0, 0, 1, 1, -1, 2, 0, 2], gold: [0, 0, 0, 1, 1, 2, 2, 2], classCount: 3))
    }

    func testAClassNeverPredictedOrAbsentScoresZeroNotNaN() {
        // Class 2 is neither in the gold labels nor predicted; class 1 is present but never predicted.
        let matrix = ConfusionMatrix(predictions: [0, 0, 0], gold: [0, 1, 0], classCount: 3)
        XCTAssertEqual(matrix.classScores[1], ClassScores(correct: 0, predicted: 0, support: 1))
        XCTAssertEqual(matrix.classScores[1].precision, 0)
        XCTAssertEqual(matrix.classScores[2].recall, 0)
        XCTAssertEqual(matrix.classScores[2].f1, 0)
        XCTAssertFalse(matrix.hasUnlabeled)
    }
}
