import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

/// Every reader of item ids rejects a repeated id, naming the file, the line, the id and the
/// line where it first appeared (as the JSON Lines item reader does).
final class DuplicateIDTests: XCTestCase {
    func testAWrenchSplitWithARepeatedIdIsAnError() throws {
        let folder = try temporaryDirectory(self)
        try writeWrenchFolder(at: folder, labelNames: ["a", "b"], splits: [
            "train": [("x", 0, [0, 1]), ("y", 1, [1, 1]), ("x", 1, [1, -1])],
        ])
        XCTAssertThrowsError(try WrenchDataset(directory: folder)) { error in
            XCTAssertEqual(error.localizedDescription,
                           "\(folder.path)/train.json:3: record \"x\": duplicate id: line 3 repeats the id of line 1 (ids must be unique)")
        }
    }

    func testAVoteCSVWithARepeatedIdIsAnError() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("votes.csv")
        try "id,lf_a,lf_b\nx,0,1\ny,1,1\n\nx,1,-1\n".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try CSVVotes(csvFile: url, classCount: 2)) { error in
            XCTAssertEqual(error.localizedDescription,
                           "\(url.path):5: record \"x\", field column 1 (id): duplicate id: line 5 repeats the id of line 2 (ids must be unique)")
        }
    }
}
