import XCTest
@testable import WSLabelCore

final class VotePatternsTests: XCTestCase {
    /// Rows of `lfCount` LFs whose votes spell the bits of the row number, so most rows differ.
    private func distinctRows(lfCount: Int, rows: Int) throws -> VoteMatrix {
        var matrix = try VoteMatrix(lfCount: lfCount, classCount: 3)
        for row in 0..<rows {
            try matrix.appendRow((0..<lfCount).map { lf in (row >> (lf % 20)) & 1 == 1 ? (row + lf) % 3 : -1 })
        }
        return matrix
    }

    func testPackedAndGeneralGroupingAgree() throws {
        // 30 LFs × 2 bits fit one packed integer; with clamped labels (all nil) the general
        // hash-and-compare path runs on the same rows.
        let matrix = try distinctRows(lfCount: 30, rows: 3000)
        let doubled = matrix.appending(matrix)
        let packed = VotePatterns(doubled)
        let general = VotePatterns(doubled, clampedLabels: [Int?](repeating: nil, count: doubled.rowCount))
        XCTAssertEqual(packed.count, general.count)
        XCTAssertEqual(packed.counts, general.counts)
        XCTAssertEqual(packed.patternOfRow, general.patternOfRow)
        XCTAssertEqual((0..<packed.count).map { packed.votes(ofPattern: $0).map(\.lf) },
                       (0..<general.count).map { general.votes(ofPattern: $0).map(\.lf) })
        XCTAssertEqual(Array(packed.patternOfRow[3000...]), Array(packed.patternOfRow[..<3000]))
        XCTAssertEqual(general.clampedClass, [Int](repeating: -1, count: general.count))
        XCTAssertTrue(packed.clampedClass.isEmpty, "no clamped labels, no per-pattern clamps")
    }

    func testWideRowsGroupWithoutPacking() throws {
        // 40 LFs × 2 bits do not fit one integer: the general path, growing its table.
        let matrix = try distinctRows(lfCount: 40, rows: 5000)
        let patterns = VotePatterns(matrix.appending(matrix), mapsRows: false)
        XCTAssertTrue(patterns.patternOfRow.isEmpty)
        XCTAssertEqual(patterns.counts.reduce(0, +), 10_000)
        XCTAssertTrue(patterns.counts.allSatisfy { $0.truncatingRemainder(dividingBy: 2) == 0 })
        let rows = Set((0..<matrix.rowCount).map(matrix.denseRow))
        XCTAssertEqual(patterns.count, rows.count)
        for pattern in 0..<patterns.count {
            var dense = [Int](repeating: VoteMatrix.abstain, count: matrix.lfCount)
            for (lf, vote) in patterns.votes(ofPattern: pattern) { dense[lf] = vote }
            XCTAssertTrue(rows.contains(dense), "pattern \(pattern) is some row's votes")
        }
    }
}
