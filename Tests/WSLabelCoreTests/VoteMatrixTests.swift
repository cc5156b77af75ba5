import XCTest
@testable import WSLabelCore

final class VoteMatrixTests: XCTestCase {
    func testDenseRowsRoundTrip() throws {
        let rows = [[1, -1, 0], [-1, -1, -1], [0, 0, 1]]
        let matrix = try VoteMatrix(denseRows: rows, classCount: 2)
        XCTAssertEqual(matrix.rowCount, 3)
        XCTAssertEqual(matrix.voteCount, 5)
        XCTAssertEqual((0..<3).map(matrix.denseRow), rows)
        XCTAssertEqual(matrix.vote(row: 0, lf: 2), 0)
        XCTAssertEqual(matrix.vote(row: 1, lf: 0), VoteMatrix.abstain)
        XCTAssertEqual(matrix.votes(inRow: 2).map(\.lf), [0, 1, 2])
    }

    func testRaggedRowsAndOutOfRangeVotesNameRowAndLF() {
        XCTAssertThrowsError(try VoteMatrix(denseRows: [[1, 0], [1]], classCount: 2)) { error in
            XCTAssertEqual(error.localizedDescription, #"record "row 1": expected 2 votes (one per LF), found 1"#)
        }
        XCTAssertThrowsError(try VoteMatrix(denseRows: [[1, 0], [1, 2]], classCount: 2)) { error in
            XCTAssertEqual(error.localizedDescription,
                           #"record "row 1", field LF 1: vote 2 is out of range: expected -1 (abstain) or a class 0..<2"#)
        }
        XCTAssertThrowsError(try VoteMatrix(denseRows: [[-2]], classCount: 3))
        XCTAssertThrowsError(try VoteMatrix(lfCount: 3, classCount: 1))
    }

    func testAFailedAppendLeavesTheMatrixUnchanged() throws {
        var matrix = try VoteMatrix(denseRows: [[1, 0]], classCount: 2)
        XCTAssertThrowsError(try matrix.appendRow([1, 5]))
        XCTAssertEqual(matrix, try VoteMatrix(denseRows: [[1, 0]], classCount: 2))
    }

    func testSelectingAndAppendingRows() throws {
        let matrix = try VoteMatrix(denseRows: [[1, -1], [-1, 0], [0, 0]], classCount: 2)
        let selected = matrix.selectingRows([2, 0])
        XCTAssertEqual((0..<2).map(selected.denseRow), [[0, 0], [1, -1]])
        let joined = selected.appending(matrix)
        XCTAssertEqual(joined.rowCount, 5)
        XCTAssertEqual(joined.denseRow(3), [-1, 0])
    }

    func testPatternsGroupEqualRowsAndKeepClampedRowsApart() throws {
        let matrix = try VoteMatrix(denseRows: [[1, -1], [1, -1], [-1, -1], [1, -1], [-1, -1]], classCount: 2)
        let patterns = VotePatterns(matrix)
        XCTAssertEqual(patterns.count, 2)
        XCTAssertEqual(patterns.counts, [3, 2])
        XCTAssertEqual(patterns.patternOfRow, [0, 0, 1, 0, 1])

        let clamped = VotePatterns(matrix, clampedLabels: [nil, 1, nil, 1, 0])
        XCTAssertEqual(clamped.count, 4)
        XCTAssertEqual(clamped.counts, [1, 2, 1, 1])
        XCTAssertEqual(clamped.clampedClass, [-1, 1, -1, 0])
    }

    func testPatternsSurviveManyDistinctRows() throws {
        // Enough distinct patterns to grow the hash table several times.
        var matrix = try VoteMatrix(lfCount: 16, classCount: 2)
        for row in 0..<5000 {
            try matrix.appendRow((0..<16).map { (row >> $0) & 1 == 1 ? row % 2 : -1 })
        }
        let patterns = VotePatterns(matrix.appending(matrix))
        XCTAssertEqual(patterns.count, 5000)
        XCTAssertTrue(patterns.counts.allSatisfy { $0 == 2 })
        XCTAssertEqual(Array(patterns.patternOfRow[5000..<5010]), Array(patterns.patternOfRow[0..<10]))
    }
}
