import XCTest
@testable import WSLabelCore

/// LF copies in synthetic votes: the base columns are the plain draw, an agreement-1 copy is
/// its source, and any copy keeps its source's coverage.
final class SyntheticVotesCopiesTests: XCTestCase {
    func testCopiesKeepTheBaseDrawAndTheirSourcesTables() throws {
        let truth = try SyntheticVotes.Parameters.realistic(lfCount: 6, classCount: 3, seed: 1)
        let plain = try SyntheticVotes(parameters: truth, rows: 20_000, seed: 9)
        let data = try SyntheticVotes(parameters: truth, rows: 20_000, seed: 9, copies: [
            .init(source: 1, agreement: 1), .init(source: 2, agreement: 0.5), .init(source: 3, agreement: 0),
        ])
        XCTAssertEqual(data.labels, plain.labels)
        XCTAssertEqual(data.matrix.lfCount, 9)
        XCTAssertEqual(data.parameters.coverages[6...], [truth.coverages[1], truth.coverages[2], truth.coverages[3]])
        var sameAsSource = [0, 0, 0]
        var votes = [Int](repeating: 0, count: 9)
        for row in 0..<data.matrix.rowCount {
            for lf in 0..<6 { XCTAssertEqual(data.matrix.vote(row: row, lf: lf), plain.matrix.vote(row: row, lf: lf)) }
            for (offset, source) in [1, 2, 3].enumerated() where data.matrix.vote(row: row, lf: 6 + offset) == data.matrix.vote(row: row, lf: source) {
                sameAsSource[offset] += 1
            }
            for lf in 0..<9 where data.matrix.vote(row: row, lf: lf) != VoteMatrix.abstain { votes[lf] += 1 }
        }
        XCTAssertEqual(sameAsSource[0], 20_000, "agreement 1 is an exact duplicate")
        XCTAssertLessThan(sameAsSource[1], 20_000)
        // Coverage of every copy is its source's within 4 standard errors of a 20,000-row rate.
        for (offset, source) in [1, 2, 3].enumerated() {
            let coverage = truth.coverages[source]
            let tolerance = 4 * (coverage * (1 - coverage) / 20_000).squareRoot()
            XCTAssertEqual(Double(votes[6 + offset]) / 20_000, coverage, accuracy: tolerance)
        }
        XCTAssertThrowsError(try SyntheticVotes(parameters: truth, rows: 10, seed: 1, copies: [.init(source: 6, agreement: 1)]))
        XCTAssertThrowsError(try SyntheticVotes(parameters: truth, rows: 10, seed: 1, copies: [.init(source: 0, agreement: 1.5)]))
    }
}
