import XCTest
@testable import WSLabelCore

/// Detection of dependent LFs on synthetic votes whose dependence is known (``SyntheticVotes``
/// copies): planted duplicates and copies are found, conditionally independent LFs are not.
///
/// Margins: on conditionally independent data the largest partial correlation measured between
/// independent LFs is 0.16 (threshold 0.2); a copy that repeats its source 30% of the time
/// measured 0.24–0.31, half the time 0.41–0.48, a duplicate 0.99.
final class LFDependenciesTests: XCTestCase {
    func testFindsPlantedDuplicateAndCorrelatedCopiesAndNothingElse() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 10, classCount: 2, seed: 7)
        let data = try SyntheticVotes(parameters: truth, rows: 10_000, seed: 7, copies: [
            .init(source: 0, agreement: 1), .init(source: 1, agreement: 0.5), .init(source: 2, agreement: 0.3),
        ])
        let dependencies = try LFDependencies(votes: data.matrix, threads: 1)
        XCTAssertEqual(dependencies.pairs.map { [$0.first, $0.second] }, [[0, 10], [1, 11], [2, 12]])
        XCTAssertEqual(dependencies.pairs.map(\.isExactDuplicate), [true, false, false])
        XCTAssertEqual(dependencies.clusters, [[0, 10], [1, 11], [2, 12]])
        XCTAssertEqual(dependencies.weights, [0.5, 0.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5])
        for pair in dependencies.pairs {
            XCTAssertGreaterThan(pair.agreementLift, LFDependencies.Thresholds.minimumLift)
            XCTAssertGreaterThan(Double(pair.agreeingRows), pair.expectedAgreeingRows)
            XCTAssertLessThanOrEqual(pair.agreeingRows, pair.coVoteRows)
        }
        let duplicate = dependencies.pairs[0]
        XCTAssertEqual(duplicate.agreeingRows, duplicate.coVoteRows)
        XCTAssertGreaterThan(try XCTUnwrap(duplicate.partialCorrelation), 0.95)
    }

    func testFindsAWholeClusterOfCopiesInAManyClassTask() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 20, classCount: 4, seed: 5)
        let data = try SyntheticVotes(parameters: truth, rows: 10_000, seed: 5,
                                      copies: Array(repeating: .init(source: 13, agreement: 1), count: 3))
        let dependencies = try LFDependencies(votes: data.matrix, threads: 1)
        XCTAssertEqual(dependencies.clusters, [[13, 20, 21, 22]])
        XCTAssertEqual(dependencies.weights[13], 0.25)
    }

    func testDoesNotFlagConditionallyIndependentLFs() throws {
        for (lfs, classes, rows, seed) in [(10, 2, 10_000, UInt64(7)), (10, 2, 2_000, 3), (30, 2, 5_000, 9), (60, 6, 20_000, 5)] {
            let truth = try SyntheticVotes.Parameters.realistic(lfCount: lfs, classCount: classes, seed: seed)
            let data = try SyntheticVotes(parameters: truth, rows: rows, seed: seed)
            let dependencies = try LFDependencies(votes: data.matrix, threads: 1)
            XCTAssertEqual(dependencies.pairs, [], "\(lfs) LFs, \(classes) classes, seed \(seed)")
            // An independent twin (agreement 0) has the source's table but no dependence.
            let twin = try SyntheticVotes(parameters: truth, rows: rows, seed: seed, copies: [.init(source: 0, agreement: 0)])
            XCTAssertEqual(try LFDependencies(votes: twin.matrix, threads: 1).pairs, [], "twin, seed \(seed)")
        }
    }

    func testSameInputGivesTheSameResultOnAnyThreadCount() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 30, classCount: 3, seed: 2)
        let data = try SyntheticVotes(parameters: truth, rows: 20_000, seed: 2, copies: [.init(source: 4, agreement: 0.6)])
        let one = try LFDependencies(votes: data.matrix, threads: 1)
        XCTAssertEqual(one, try LFDependencies(votes: data.matrix, threads: 1))
        XCTAssertEqual(one, try LFDependencies(votes: data.matrix, threads: 2))
        XCTAssertTrue(one.pairs.contains { $0.first == 4 && $0.second == 30 })
    }

    func testClustersAreConnectedComponentsInOrder() {
        func pair(_ first: Int, _ second: Int) -> LFDependencies.Pair {
            .init(first: first, second: second, coVoteRows: 10, agreeingRows: 10, expectedAgreeingRows: 1,
                  agreementLift: 10, partialCorrelation: 0.5, isExactDuplicate: false)
        }
        XCTAssertEqual(LFDependencies.components(of: [pair(5, 6), pair(0, 7), pair(2, 6)], lfCount: 8), [[0, 7], [2, 5, 6]])
    }

    func testRuleNeedsEnoughRowsAndBothNumbers() {
        var pair = LFDependencies.Pair(first: 0, second: 1, coVoteRows: 50, agreeingRows: 50, expectedAgreeingRows: 20,
                                       agreementLift: 2.5, partialCorrelation: 0.3, isExactDuplicate: false)
        XCTAssertTrue(LFDependencies.isDependent(pair))
        pair.partialCorrelation = 0.1
        XCTAssertFalse(LFDependencies.isDependent(pair), "partial correlation below 0.2")
        pair.partialCorrelation = 0.3
        pair.agreementLift = 1.05
        XCTAssertFalse(LFDependencies.isDependent(pair), "lift below 1.1")
        pair.isExactDuplicate = true
        XCTAssertTrue(LFDependencies.isDependent(pair), "duplicates are dependent whatever the numbers")
        pair.agreeingRows = 9
        XCTAssertFalse(LFDependencies.isDependent(pair), "fewer than 10 agreeing rows is no evidence")
        pair = .init(first: 0, second: 1, coVoteRows: 50, agreeingRows: 50, expectedAgreeingRows: 20,
                     agreementLift: 2.5, partialCorrelation: nil, isExactDuplicate: false)
        XCTAssertTrue(LFDependencies.isDependent(pair), "without a partial correlation, lift ≥ 2 decides")
    }
}
