@testable import WSLabelCore
@testable import WSLabelData
import WSLabelReports
import WSLabeling
import XCTest

/// LF statistics with Snorkel's definitions: the worked example from Snorkel's `LFAnalysis`
/// docstrings, then hand-computed edge cases.
final class LFAnalysisTests: XCTestCase {
    // Snorkel's docstring matrix; its documented results are the expected values.
    private let snorkelExample = [[-1, 0, 0], [-1, -1, -1], [1, 0, -1], [-1, 0, -1], [0, 0, 0]]

    func testSnorkelDocstringExample() throws {
        let analysis = LFAnalysis(try VoteMatrix(denseRows: snorkelExample, classCount: 2))
        XCTAssertEqual(analysis.labelCoverage, 0.8, accuracy: 1e-12)
        XCTAssertEqual(analysis.labelOverlap, 0.6, accuracy: 1e-12)
        XCTAssertEqual(analysis.labelConflict, 0.2, accuracy: 1e-12)
        XCTAssertEqual(analysis.lfPolarities, [[0, 1], [0], [0]])
        assertEqual(analysis.lfCoverages, [0.4, 0.8, 0.4])
        assertEqual(analysis.lfOverlaps, [0.4, 0.6, 0.4])
        assertEqual(analysis.lfConflicts, [0.2, 0.2, 0.0])
    }

    func testGoldCountsAndEmpiricalAccuracy() throws {
        let votes = try VoteMatrix(denseRows: snorkelExample, classCount: 2)
        let counts = LFAnalysis.goldCounts(votes, gold: [0, 1, 1, 0, 1])
        // LF 0 votes 1 on row 2 (gold 1) and 0 on row 4 (gold 1): one right, one wrong.
        XCTAssertEqual(counts[0], .init(correct: 1, incorrect: 1))
        // LF 1 votes 0 on rows 0, 2, 3, 4: right on rows 0 and 3.
        XCTAssertEqual(counts[1], .init(correct: 2, incorrect: 2))
        XCTAssertEqual(counts[2], .init(correct: 1, incorrect: 1))
        XCTAssertEqual(counts[1].empiricalAccuracy, 0.5, accuracy: 1e-12)
    }

    func testUnknownGoldRowsAreLeftOut() throws {
        let votes = try VoteMatrix(denseRows: [[0], [1], [1]], classCount: 2)
        let counts = LFAnalysis.goldCounts(votes, gold: [0, nil, 0])
        XCTAssertEqual(counts[0], .init(correct: 1, incorrect: 1))
    }

    func testLFThatNeverVotes() throws {
        let votes = try VoteMatrix(denseRows: [[1, -1], [0, -1], [-1, -1]], classCount: 2)
        let analysis = LFAnalysis(votes)
        XCTAssertEqual(analysis.lfPolarities, [[0, 1], []])
        assertEqual(analysis.lfCoverages, [2.0 / 3, 0])
        assertEqual(analysis.lfOverlaps, [0, 0])
        let counts = LFAnalysis.goldCounts(votes, gold: [1, 1, 0])
        XCTAssertEqual(counts[1], .init(correct: 0, incorrect: 0))
        XCTAssertEqual(counts[1].empiricalAccuracy, 0, "0/0 maps to 0, as Snorkel's nan_to_num does")
    }

    func testAllRowsAbstain() throws {
        let analysis = LFAnalysis(try VoteMatrix(denseRows: [[-1, -1], [-1, -1]], classCount: 3))
        XCTAssertEqual(analysis.labelCoverage, 0)
        XCTAssertEqual(analysis.labelConflict, 0)
        XCTAssertEqual(analysis.lfPolarities, [[], []])
        assertEqual(analysis.lfConflicts, [0, 0])
    }

    func testOneClassOnlyHasOverlapsButNoConflicts() throws {
        let analysis = LFAnalysis(try VoteMatrix(denseRows: [[2, 2, -1], [2, -1, 2], [-1, -1, 2]], classCount: 3))
        XCTAssertEqual(analysis.labelOverlap, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(analysis.labelConflict, 0)
        XCTAssertEqual(analysis.lfPolarities, [[2], [2], [2]])
        assertEqual(analysis.lfOverlaps, [2.0 / 3, 1.0 / 3, 1.0 / 3])
    }

    func testEmptyMatrix() throws {
        let analysis = LFAnalysis(try VoteMatrix(lfCount: 2, classCount: 2))
        XCTAssertEqual(analysis.labelCoverage, 0)
        assertEqual(analysis.lfCoverages, [0, 0])
    }

    func testConflictCountsAgreeingLFOnAConflictedRow() throws {
        // Row 0: LFs 0 and 1 vote 1, LF 2 votes 0. All three count the row as a conflict,
        // including the two that agree (Snorkel's definition).
        let analysis = LFAnalysis(try VoteMatrix(denseRows: [[1, 1, 0], [1, 1, -1]], classCount: 2))
        assertEqual(analysis.lfConflicts, [0.5, 0.5, 0.5])
        assertEqual(analysis.lfOverlaps, [1, 1, 0.5])
    }

    func testSummaryPicksDevSplitForGoldAndNamesPolarities() throws {
        let train = LabeledSplit(name: "train", ids: ["a", "b"], votes: try VoteMatrix(denseRows: [[1, -1], [0, 1]], classCount: 2), gold: [nil, nil])
        let dev = LabeledSplit(name: "valid", ids: ["c"], votes: try VoteMatrix(denseRows: [[1, 0]], classCount: 2), gold: [1])
        let test = LabeledSplit(name: "test", ids: ["d"], votes: try VoteMatrix(denseRows: [[0, 0]], classCount: 2), gold: [1])
        XCTAssertEqual(LFSummary.goldSplit(in: [train, dev, test], devSplit: "valid")?.name, "valid")
        XCTAssertEqual(LFSummary.goldSplit(in: [train, test], devSplit: "valid")?.name, "test")
        XCTAssertNil(LFSummary.goldSplit(in: [train], devSplit: "valid"))
        let summary = LFSummary(lfNames: ["x", "y"], labelNames: ["NO", "YES"], analysed: train, gold: dev)
        XCTAssertEqual(summary.rows.map(\.polarity), [["NO", "YES"], ["YES"]])
        XCTAssertEqual(summary.rows.map(\.gold), [.init(correct: 1, incorrect: 0), .init(correct: 0, incorrect: 1)])
        XCTAssertEqual(summary.goldSplit, "valid")
    }

    private func assertEqual(_ actual: [Double], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, file: file, line: line)
        for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: 1e-12, file: file, line: line) }
    }
}
