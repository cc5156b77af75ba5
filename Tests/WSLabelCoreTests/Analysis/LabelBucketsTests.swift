import WSLabelCore
import XCTest

/// `LabelBuckets`: which items an inspection shows, on a small split whose answers are worked
/// out by hand (the doc comment's example included).
final class LabelBucketsTests: XCTestCase {
    // Rows 0–5. LF 0 votes 1, 1, -, 0, -, 1; LF 1 votes 1, 0, 1, -, -, 1; LF 2 votes -, -, -, -, -, 0.
    private func split() throws -> LabelBuckets.Split {
        let votes = try VoteMatrix(denseRows: [[1, 1, -1], [1, 0, -1], [-1, 1, -1], [0, -1, -1], [-1, -1, -1], [1, 1, 0]], classCount: 2)
        return LabelBuckets.Split(votes: votes, gold: [1, 1, 0, 0, nil, 0], predictions: [1, 1, 1, 0, 0, 1],
                                  confidences: [0.9, 0.6, 0.7, 0.8, 0.5, 0.55], majorityVote: [1, 0, 1, 0, 1, 1])
    }

    private func rows(_ query: LabelBuckets.Query) throws -> [Int] {
        LabelBuckets.rows(of: try split(), matching: query)
    }

    func testTheDocumentedExample() throws {
        let votes = try VoteMatrix(denseRows: [[1, 1], [1, 0], [-1, 1], [0, -1]], classCount: 2)
        let split = LabelBuckets.Split(votes: votes, gold: [1, 1, 0, 0], predictions: [1, 1, 1, 0],
                                       confidences: [0.9, 0.6, 0.7, 0.8], majorityVote: [1, 0, 1, 0])
        XCTAssertEqual(LabelBuckets.rows(of: split, matching: .init(lfs: [1], bucket: .wrong)), [1, 2])
        XCTAssertEqual(LabelBuckets.rows(of: split, matching: .init(lfs: [0, 1], bucket: .conflicts)), [1])
        XCTAssertEqual(LabelBuckets.rows(of: split, matching: .init(bucket: .modelVsMajority)), [1])
    }

    func testAnLFAloneSelectsWhereItVotes() throws {
        XCTAssertEqual(try rows(.init(lfs: [0])), [0, 1, 3, 5])
        XCTAssertEqual(try rows(.init(lfs: [0], lfVote: 1)), [0, 1, 5])
        XCTAssertEqual(try rows(.init(lfs: [0, 1])), [0, 1, 5], "a pair: both vote")
    }

    func testWrongAndCorrectReadTheNamedLFsElseTheModel() throws {
        XCTAssertEqual(try rows(.init(lfs: [0], bucket: .wrong)), [5], "row 4 has no gold and LF 0 abstains there anyway")
        XCTAssertEqual(try rows(.init(lfs: [0], bucket: .correct)), [0, 1, 3])
        XCTAssertEqual(try rows(.init(lfs: [0, 1], bucket: .wrong)), [1, 5], "either of the pair wrong")
        XCTAssertEqual(try rows(.init(lfs: [0, 1], bucket: .correct)), [0], "both right")
        XCTAssertEqual(try rows(.init(bucket: .wrong)), [2, 5], "the model; row 4 has no gold")
        XCTAssertEqual(try rows(.init(bucket: .correct)), [0, 1, 3])
    }

    func testConflicts() throws {
        XCTAssertEqual(try rows(.init(bucket: .conflicts)), [1, 5], "any two LFs disagree")
        XCTAssertEqual(try rows(.init(lfs: [2], bucket: .conflicts)), [5], "LF 2 against another LF")
        XCTAssertEqual(try rows(.init(lfs: [0, 1], bucket: .conflicts)), [1], "the pair itself; row 5's conflict is with LF 2")
    }

    func testUncoveredModelVsMajorityAndTheConfusionCell() throws {
        XCTAssertEqual(try rows(.init(bucket: .uncovered)), [4])
        XCTAssertEqual(try rows(.init(bucket: .modelVsMajority)), [1, 4])
        XCTAssertEqual(try rows(.init(gold: 0, predicted: 1)), [2, 5], "false positives of class 1")
        XCTAssertEqual(try rows(.init(lfs: [1], gold: 0)), [2, 5])
    }

    func testLowConfidenceComesLeastConfidentFirst() throws {
        XCTAssertEqual(try rows(.init(bucket: .lowConfidence)), [4, 5, 1, 2, 3, 0])
        XCTAssertEqual(try rows(.init(lfs: [1], bucket: .lowConfidence)), [5, 1, 2, 0])
    }

    func testEqualConfidencesKeepRowOrder() throws {
        let votes = try VoteMatrix(denseRows: [[0], [0], [0]], classCount: 2)
        let split = LabelBuckets.Split(votes: votes, gold: [nil, nil, nil], predictions: [0, 0, 0], confidences: [0.7, 0.6, 0.6], majorityVote: [0, 0, 0])
        XCTAssertEqual(LabelBuckets.rows(of: split, matching: .init(bucket: .lowConfidence)), [1, 2, 0])
    }

    func testOnlyGoldBucketsNeedGold() {
        XCTAssertEqual(LabelBuckets.Bucket.allCases.filter(\.needsGold), [.wrong, .correct])
        XCTAssertTrue(LabelBuckets.Query(gold: 0).needsGold)
        XCTAssertFalse(LabelBuckets.Query(lfs: [0], bucket: .conflicts, predicted: 1).needsGold)
    }
}
