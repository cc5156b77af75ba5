import Foundation
import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

final class ActiveLearningTests: XCTestCase {
    /// Row 0: sure and unanimous; row 1: unsure and split 2–2; row 2: unsure, one vote; row 3:
    /// sure but split 1–1.
    private let votes = try! VoteMatrix(denseRows: [[1, 1, 1, -1], [0, 0, 1, 1], [-1, -1, 0, -1], [1, 0, -1, -1]], classCount: 2)
    private let probabilities = ProbabilisticLabels(classCount: 2, values: [0.05, 0.95, 0.5, 0.5, 0.4, 0.6, 0.9, 0.1])

    func testScoresAddUncertaintyAndDisagreement() throws {
        let active = try XCTUnwrap(ReviewSelection.scores(.active, probabilities: probabilities, votes: votes))
        // Uncertainty: (1 − confidence) / (1 − 1/2); disagreement: vote entropy / log 2.
        XCTAssertEqual(active[0], 0.1, accuracy: 1e-12)
        XCTAssertEqual(active[1], 1 + 1, accuracy: 1e-12)
        XCTAssertEqual(active[2], 0.8, accuracy: 1e-12)
        XCTAssertEqual(active[3], 0.2 + 1, accuracy: 1e-12)
        XCTAssertEqual(ReviewSelection.pick(4, strategy: .active, probabilities: probabilities, votes: votes), [1, 3, 2, 0])
        XCTAssertEqual(ReviewSelection.pick(2, strategy: .leastConfident, probabilities: probabilities, votes: votes), [1, 2])
        // Rows 0 and 2 disagree not at all: the tie goes to the earlier row.
        XCTAssertEqual(ReviewSelection.pick(4, strategy: .disagreement, probabilities: probabilities, votes: votes), [1, 3, 0, 2])
        XCTAssertEqual(ReviewSelection.pick(4, strategy: .active, probabilities: probabilities, votes: votes, excluding: [1]), [3, 2, 0])
    }

    func testRandomPicksDependOnlyOnTheSeed() {
        let first = ReviewSelection.pick(3, strategy: .random, probabilities: probabilities, votes: votes, seed: 4)
        XCTAssertEqual(first, ReviewSelection.pick(3, strategy: .random, probabilities: probabilities, votes: votes, seed: 4))
        XCTAssertEqual(Set(first).count, 3)
        XCTAssertFalse(ReviewSelection.pick(4, strategy: .random, probabilities: probabilities, votes: votes, excluding: [2], seed: 1).contains(2))
    }

    /// WRENCH youtube: human labels on train (its gold labels playing the people) must not hurt,
    /// and at 0 labels the curve is the plain fit. Tolerance: active picks at 200 labels within
    /// one point of the unlabeled fit or better.
    func testTheCurveOnYoutube() throws {
        let dataset = try WrenchDataset(directory: try SharedData.wrench("youtube"))
        let train = dataset.split("train")!, test = dataset.split("test")!, valid = dataset.split("valid")!
        let configuration = LabelingRunConfiguration()
        let curve = try ActiveLearningCurve(labelNames: dataset.labelNames, train: train, evaluation: test, otherSplits: [valid],
                                            steps: [0, 50, 200], strategies: [.active, .random], configuration: configuration,
                                            randomSeeds: [0, 1])
        let plain = try LabelingRun(labelNames: dataset.labelNames, splits: [train, test, valid], configuration: configuration)
        let active = curve.points(of: .active)
        XCTAssertEqual(active.map(\.humanLabels), [0, 50, 200])
        XCTAssertEqual(active[0].accuracy, plain.results[1].metrics!.accuracy, accuracy: 1e-12)
        XCTAssertEqual(curve.points(of: .random)[0].accuracy, active[0].accuracy, accuracy: 1e-12)
        XCTAssertGreaterThanOrEqual(active[2].accuracy, active[0].accuracy - 0.01)
        let again = try ActiveLearningCurve(labelNames: dataset.labelNames, train: train, evaluation: test, otherSplits: [valid],
                                            steps: [0, 50, 200], strategies: [.active, .random], configuration: configuration,
                                            randomSeeds: [0, 1])
        XCTAssertEqual(again.points, curve.points, "the curve is deterministic")
    }
}
