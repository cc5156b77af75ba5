import XCTest
@testable import WSLabelCore

final class BaselineAndMetricsTests: XCTestCase {
    func testMetricsWorkedExample() {
        let metrics = ClassificationMetrics(predictions: [1, 0, -1, 1], gold: [1, 0, 1, 0], classCount: 2)
        XCTAssertEqual(metrics.accuracy, 0.5)
        XCTAssertEqual(metrics.coverage, 0.75)
        XCTAssertEqual(metrics.f1(ofClass: 1), 0.5)          // precision 1/2, recall 1/2
        XCTAssertEqual(metrics.f1(ofClass: 0), 2.0 / 3.0)    // precision 1/1, recall 1/2
        XCTAssertEqual(metrics.macroF1, (0.5 + 2.0 / 3.0) / 2, accuracy: 1e-15)
    }

    func testMacroF1IgnoresClassesAbsentFromGoldAndPredictions() {
        let metrics = ClassificationMetrics(predictions: [0, 1], gold: [0, 1], classCount: 3)
        XCTAssertEqual(metrics.macroF1, 1)
    }

    func testMajorityVoteAndTiePolicies() throws {
        let votes = try VoteMatrix(denseRows: [[1, 1, 0], [0, 1, -1], [-1, -1, -1]], classCount: 2)
        let model = MajorityVote(lfCount: 3, classCount: 2)
        let probabilities = try model.predictProbabilities(votes)
        XCTAssertEqual(Array(probabilities[0]), [1.0 / 3, 2.0 / 3])
        XCTAssertEqual(Array(probabilities[2]), [0.5, 0.5])
        XCTAssertEqual(try model.predict(votes, tiePolicy: .abstain), [1, -1, -1])
        XCTAssertEqual(try model.predict(votes, tiePolicy: .classPrior([0.3, 0.7])), [1, 1, 1])
        XCTAssertEqual(try model.predict(votes, tiePolicy: .classPrior([0.5, 0.5])), [1, 0, 0])
        let random = try model.predict(votes, tiePolicy: .random(seed: 7))
        XCTAssertEqual(random, try model.predict(votes, tiePolicy: .random(seed: 7)))
        XCTAssertEqual(random[0], 1)
    }

    func testSeededRandomTiesAreBalancedAndSeedDependent() {
        let probabilities = ProbabilisticLabels(classCount: 2, values: [Double](repeating: 0.5, count: 2000))
        let first = probabilities.predictions(tiePolicy: .random(seed: 1))
        let ones = first.filter { $0 == 1 }.count
        XCTAssertEqual(Double(ones) / 1000, 0.5, accuracy: 0.06)   // binomial sd ≈ 0.016
        XCTAssertNotEqual(first, probabilities.predictions(tiePolicy: .random(seed: 2)))
    }

    func testShapeMismatchIsAnError() throws {
        let votes = try VoteMatrix(denseRows: [[1, 1]], classCount: 2)
        XCTAssertThrowsError(try MajorityVote(lfCount: 3, classCount: 2).predictProbabilities(votes)) { error in
            XCTAssertTrue(error.localizedDescription.contains("3 LFs"), error.localizedDescription)
        }
    }
}
