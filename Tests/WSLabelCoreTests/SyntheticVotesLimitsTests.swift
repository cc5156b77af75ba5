import XCTest
@testable import WSLabelCore

/// Requests for synthetic votes that cannot be held are errors, not traps or allocation failures.
final class SyntheticVotesLimitsTests: XCTestCase {
    func testShapesAVoteMatrixCannotHoldAreErrors() {
        XCTAssertThrowsError(try SyntheticVotes.Parameters.realistic(lfCount: 65_536, classCount: 2, seed: 0)) { error in
            XCTAssertEqual(error as? WSLabelError, .invalidArgument("a vote matrix holds 0 to 65535 LFs, not 65536"))
        }
        XCTAssertThrowsError(try SyntheticVotes.Parameters.realistic(lfCount: 3, classCount: 256, seed: 0))
        XCTAssertThrowsError(try SyntheticVotes.Parameters.realistic(lfCount: 3, classCount: 2, seed: 0, accuracy: 0.5...1.5))
    }

    func testRowCountsBeyondTheLimitsAreErrors() throws {
        let parameters = try SyntheticVotes.Parameters.realistic(lfCount: 1000, classCount: 2, seed: 0)
        XCTAssertThrowsError(try SyntheticVotes(parameters: parameters, rows: 9_000_000_000_000, seed: 0)) { error in
            XCTAssertTrue(error.localizedDescription.contains("0 to 100,000,000 rows"), error.localizedDescription)
        }
        XCTAssertThrowsError(try SyntheticVotes(parameters: parameters, rows: -1, seed: 0))
        // About 27 votes per row: 100 million rows would need 2.7 billion.
        XCTAssertThrowsError(try SyntheticVotes(parameters: parameters, rows: SyntheticVotes.maxRowCount, seed: 0)) { error in
            XCTAssertTrue(error.localizedDescription.contains("at most 1,000,000,000"), error.localizedDescription)
        }
        XCTAssertEqual(try SyntheticVotes(parameters: parameters, rows: 10, seed: 0).matrix.rowCount, 10)
    }
}
