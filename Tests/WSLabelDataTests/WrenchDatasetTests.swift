import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

final class WrenchDatasetTests: XCTestCase {
    func testReadsTheRealYoutubeSet() throws {
        let dataset = try WrenchDataset(directory: try SharedData.wrench("youtube"))
        XCTAssertEqual(dataset.labelNames, ["HAM", "SPAM"])
        XCTAssertEqual(dataset.lfCount, 10)
        XCTAssertEqual(dataset.splits.map(\.name), ["train", "valid", "test"])
        XCTAssertEqual(dataset.splits.map(\.votes.rowCount), [1586, 120, 250])
        XCTAssertNotNil(dataset.split("test")?.completeGold)
    }

    func testKeepsArbitraryIdsInFileOrder() throws {
        let folder = try temporaryDirectory(self)
        try writeWrenchFolder(at: folder, labelNames: ["no", "yes"], splits: [
            "train": [("zeta", 1, [1, -1]), ("7", nil, [-1, -1]), ("alpha", 0, [0, 0])],
        ])
        let train = try XCTUnwrap(WrenchDataset(directory: folder).split("train"))
        XCTAssertEqual(train.ids, ["zeta", "7", "alpha"])
        XCTAssertEqual(train.gold, [1, nil, 0])
        XCTAssertNil(train.completeGold)
        XCTAssertEqual(train.votes.denseRow(2), [0, 0])
    }

    func testMalformedRecordsNameFileLineRecordAndField() throws {
        let folder = try temporaryDirectory(self)
        try writeWrenchFolder(at: folder, labelNames: ["no", "yes"], splits: [
            "train": [("a", 1, [1, -1]), ("b", 0, [0]), ("c", 0, [0, 0])],
        ])
        let path = folder.appendingPathComponent("train.json").path
        XCTAssertThrowsError(try WrenchDataset(directory: folder)) { error in
            XCTAssertEqual(error.localizedDescription,
                           "\(path):2: record \"b\", field weak_labels: has 1 votes but earlier rows have 2 (one per LF)")
        }
        try writeWrenchFolder(at: folder, labelNames: ["no", "yes"], splits: [
            "train": [("a", 1, [1, -1]), ("b", 0, [0, 3])],
        ])
        XCTAssertThrowsError(try WrenchDataset(directory: folder)) { error in
            XCTAssertEqual(error.localizedDescription,
                           "\(path):2: record \"b\", field weak_labels[1]: vote 3 is out of range: expected -1 (abstain) or a class 0..<2")
        }
        try writeWrenchFolder(at: folder, labelNames: ["no", "yes"], splits: [
            "train": [("a", 5, [1, -1])],
        ])
        XCTAssertThrowsError(try WrenchDataset(directory: folder)) { error in
            XCTAssertTrue(error.localizedDescription.contains("field label: class 5 is out of range"), error.localizedDescription)
        }
        try #"{"a": {"label": 1, "weak_labels": [1, "x"]}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try WrenchDataset(directory: folder)) { error in
            XCTAssertEqual(error.localizedDescription, "\(path):1: record \"a\", field weak_labels[1]: expected an integer vote, found a string")
        }
    }

    func testMissingFilesAreClearErrors() throws {
        let folder = try temporaryDirectory(self)
        XCTAssertThrowsError(try WrenchDataset(directory: folder)) { error in
            XCTAssertEqual(error as? WSLabelError, .fileAccess(path: folder.appendingPathComponent("label.json").path, "no such file"))
        }
        try #"{"0": "a", "1": "b"}"#.write(to: folder.appendingPathComponent("label.json"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try WrenchDataset(directory: folder)) { error in
            XCTAssertTrue(error.localizedDescription.contains("needs train.json"), error.localizedDescription)
        }
    }

    /// An empty train split is train.json's fault, not valid.json's (whose rows then seemed to
    /// have the wrong number of votes).
    func testAnEmptyTrainSplitIsReportedAgainstTrainJSON() throws {
        let folder = try temporaryDirectory(self)
        try writeWrenchFolder(at: folder, labelNames: ["no", "yes"], splits: ["train": [], "valid": [("a", 1, [1, -1])]])
        XCTAssertThrowsError(try WrenchDataset(directory: folder)) { error in
            XCTAssertEqual(error.localizedDescription,
                           "\(folder.path)/train.json: holds no items; the label model is fit on the train split, so it needs at least one")
        }
    }
}
