@testable import WSLabelCore
@testable import WSLabelData
import WSLabelReports
import WSLabeling
import XCTest

/// Pairwise statistics, per-class coverage, flags and split outcomes on hand-computed matrices.
final class LFReportTests: XCTestCase {
    func testPairwiseCountsOnAHandComputedMatrix() throws {
        let votes = try VoteMatrix(denseRows: [[0, 0, 1], [1, -1, 1], [-1, 0, -1], [0, 0, -1]], classCount: 2)
        let pairs = PairwiseLFStatistics(votes)
        XCTAssertEqual(pairs.overlapCount(0, 1), 2)
        XCTAssertEqual(pairs.conflictCount(0, 1), 0)
        XCTAssertEqual(pairs.overlapCount(0, 2), 2)
        XCTAssertEqual(pairs.conflictCount(0, 2), 1)
        XCTAssertEqual(pairs.conflictCount(2, 0), 1, "symmetric")
        XCTAssertEqual(pairs.overlapCount(1, 1), 3, "the diagonal is the LF's own vote count")
        XCTAssertEqual(pairs.unionCount(0, 1), 4)
        XCTAssertEqual(pairs.sameVoteShare(0, 1), 0.5, accuracy: 1e-12)
        XCTAssertEqual(pairs.conflict(0, 2), 0.25, accuracy: 1e-12)
    }

    func testClassCoverageCountsARowOncePerClass() throws {
        let analysis = LFAnalysis(try VoteMatrix(denseRows: [[0, 0, 1], [1, 1, -1], [-1, -1, -1], [2, -1, 2]], classCount: 3))
        XCTAssertEqual(analysis.classCoveredRows, [1, 2, 1])
        XCTAssertEqual(analysis.classCoverages[1], 0.5, accuracy: 1e-12)
    }

    private func summary(_ rows: [[Int]], gold: [Int?]? = nil, names: [String]? = nil) throws -> (LFSummary, PairwiseLFStatistics) {
        let votes = try VoteMatrix(denseRows: rows, classCount: 2)
        let split = LabeledSplit(name: "train", ids: rows.indices.map(String.init), votes: votes,
                                 gold: gold ?? Array(repeating: nil, count: rows.count))
        let lfNames = names ?? (0..<votes.lfCount).map { "lf\($0)" }
        return (LFSummary(lfNames: lfNames, labelNames: ["A", "B"], analysed: split, gold: split),
                PairwiseLFStatistics(votes))
    }

    func testNeverVotesAndBelowChanceFlags() throws {
        // LF 0 is right on 2 of 12 gold rows; LF 1 never votes; LF 2 is always right.
        var rows: [[Int]] = [], gold: [Int?] = []
        for index in 0..<12 {
            rows.append([index < 2 ? 0 : 1, -1, 0])
            gold.append(0)
        }
        let (summary, pairs) = try summary(rows, gold: gold)
        let flags = LFFlag.flags(summary: summary, pairwise: pairs, learnedAccuracies: nil, classCount: 2)
        XCTAssertEqual(flags.filter { $0.kind == .belowChance }.map(\.lf), [0])
        XCTAssertTrue(flags.first { $0.kind == .belowChance }!.reason.contains("accuracy 16.7% on train (12 votes)"))
        XCTAssertEqual(flags.filter { $0.kind == .neverVotes }.map(\.lf), [1])
    }

    func testLearnedAccuracyJudgesWhenGoldIsScarce() throws {
        let (summary, pairs) = try summary([[0, 1], [1, 1], [0, -1]])
        let flags = LFFlag.flags(summary: summary, pairwise: pairs, learnedAccuracies: [0.8, 0.3], classCount: 2)
        XCTAssertEqual(flags.map(\.kind), [.belowChance])
        XCTAssertEqual(flags.first?.lf, 1)
        XCTAssertTrue(flags[0].reason.contains("learned accuracy 30.0%"))
    }

    func testNearDuplicateAndConflictsWithMostFlags() throws {
        // LFs 0 and 1 vote identically; LF 2 votes against LFs 0, 1 and 3 on every shared row
        // (26 of 26 other votes against it); LF 0 has 16 of 26 with it.
        let rows = (0..<10).map { index in [0, 0, 1, index < 6 ? 0 : -1] }
        let (summary, pairs) = try summary(rows)
        let flags = LFFlag.flags(summary: summary, pairwise: pairs, learnedAccuracies: nil, classCount: 2)
        XCTAssertEqual(flags.filter { $0.kind == .nearDuplicate }.map(\.lf), [0, 1])
        XCTAssertTrue(flags.first { $0.kind == .nearDuplicate }!.reason.contains("same votes as lf1 on 100.0%"))
        XCTAssertEqual(flags.filter { $0.kind == .conflictsWithMost }.map(\.lf), [2])
        XCTAssertTrue(flags.first { $0.kind == .conflictsWithMost }!.reason.hasPrefix("26 of the 26 other votes"))
    }

    func testOutcomesSayWhyRowsStayUnlabeled() throws {
        // Majority vote with abstaining ties: row 1 ties (0 vs 1), row 2 has no votes.
        let votes = try VoteMatrix(denseRows: [[0, 0], [0, 1], [-1, -1], [1, -1]], classCount: 2)
        let train = LabeledSplit(name: "train", ids: ["a", "b", "c", "d"], votes: votes, gold: [0, 1, 0, 1])
        var configuration = LabelingRunConfiguration()
        configuration.model = .mv
        configuration.ties = .abstain
        let run = try LabelingRun(labelNames: ["A", "B"], splits: [train], configuration: configuration)
        let report = LFReport(run: run, splits: [train], lfNames: ["x", "y"])
        let outcome = try XCTUnwrap(report.outcomes.first)
        XCTAssertEqual(outcome.labelCounts, [1, 1])
        XCTAssertEqual(outcome.unlabeledTies, 1)
        XCTAssertEqual(outcome.unlabeledNoVotes, 1)
        XCTAssertEqual(outcome.unlabeled, 2)
        XCTAssertEqual(outcome.confidenceHistogram.reduce(0, +), 4)
        XCTAssertEqual(outcome.confidenceHistogram[9], 2, "the two decided rows are certain")
        XCTAssertNil(report.learned, "majority vote learns nothing")
    }

    func testGenerativeRunReportsLearnedParametersAndPriorOnlyLabels() throws {
        let votes = try VoteMatrix(denseRows: [[0, 0], [1, 1], [-1, -1], [1, -1], [0, -1], [0, 0]], classCount: 2)
        let train = LabeledSplit(name: "train", ids: (0..<6).map(String.init), votes: votes, gold: Array(repeating: nil, count: 6))
        let run = try LabelingRun(labelNames: ["A", "B"], splits: [train], configuration: LabelingRunConfiguration())
        let report = LFReport(run: run, splits: [train], lfNames: ["x", "y"])
        XCTAssertEqual(report.learned?.accuracies.count, 2)
        XCTAssertEqual(report.outcomes[0].labeledWithoutVotes, 1, "the all-abstain row is labeled from the prior")
        XCTAssertTrue(report.modelDescription.hasPrefix("em (tied"))
    }
}
