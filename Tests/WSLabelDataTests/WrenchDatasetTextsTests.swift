import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import XCTest

/// `WrenchDataset.texts`: each record's `data.text`, in the order of the split's rows.
final class WrenchDatasetTextsTests: XCTestCase {
    private func write(_ json: String, split: String = "train", in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("\(split).json")
        try json.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testReadsTheTextsInRowOrder() throws {
        let folder = try temporaryDirectory(self)
        try #"{"0": "no", "1": "yes"}"#.write(to: folder.appendingPathComponent("label.json"), atomically: true, encoding: .utf8)
        // Ids out of order, escapes, non-ASCII text, another field beside text, an empty text.
        try write("""
            {
            "zeta": {"label": 1, "weak_labels": [1, -1], "data": {"title": "T", "text": "Check out my \\"channel\\"\\nnow"}},
            "7": {"label": 0, "weak_labels": [-1, -1], "data": {"text": "Ünïcödé ✓ \\u00e9"}},
            "alpha": {"label": 0, "weak_labels": [0, 0], "data": {"text": ""}}
            }
            """, in: folder)
        let texts = try WrenchDataset.texts(directory: folder, split: "train")
        XCTAssertEqual(texts, ["Check out my \"channel\"\nnow", "Ünïcödé ✓ é", ""])
        // The same rows as the votes.
        XCTAssertEqual(try WrenchDataset(directory: folder).split("train")?.ids, ["zeta", "7", "alpha"])
        // Another field by name.
        XCTAssertThrowsError(try WrenchDataset.texts(directory: folder, split: "train", field: "title")) { error in
            XCTAssertTrue(error.localizedDescription.contains("record \"7\", field data.title"), error.localizedDescription)
        }
    }

    func testTheSyntheticFolderReadsBackItsTexts() throws {
        let folder = try temporaryDirectory(self)
        let written = try SyntheticSpamTexts.writeWrenchFolder(at: folder)
        for split in ["train", "valid", "test"] {
            XCTAssertEqual(try WrenchDataset.texts(directory: folder, split: split), written[split]?.map(\.text), split)
        }
    }

    func testARecordWithoutTextNamesFileLineRecordAndField() throws {
        let folder = try temporaryDirectory(self)
        let cases: [(record: String, found: String)] = [
            (#""b": {"label": 0, "weak_labels": [0], "data": {"title": "x"}}"#, "no text"),
            (#""b": {"label": 0, "weak_labels": [0], "data": {}}"#, "no text"),
            (#""b": {"label": 0, "weak_labels": [0]}"#, "no data"),
            (#""b": {"label": 0, "weak_labels": [0], "data": {"text": 42}}"#, "a number"),
            (#""b": {"label": 0, "weak_labels": [0], "data": {"text": null}}"#, "null"),
        ]
        for (record, found) in cases {
            let url = try write("{\n\"a\": {\"label\": 1, \"weak_labels\": [1], \"data\": {\"text\": \"fine\"}},\n\(record)\n}", in: folder)
            XCTAssertThrowsError(try WrenchDataset.texts(directory: folder, split: "train")) { error in
                XCTAssertEqual(error.localizedDescription,
                               "\(url.path):3: record \"b\", field data.text: expected the item's text as a string, found \(found)")
                guard case let .malformedInput(location, _) = error as? WSLabelError else { return XCTFail("\(error)") }
                XCTAssertEqual(location, SourceLocation(file: url.path, line: 3, record: "b", field: "data.text"))
            }
        }
    }

    func testAMissingSplitIsAFileError() throws {
        let folder = try temporaryDirectory(self)
        XCTAssertThrowsError(try WrenchDataset.texts(directory: folder, split: "test")) { error in
            guard case let .fileAccess(path, _) = error as? WSLabelError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, folder.appendingPathComponent("test.json").path)
        }
    }

    /// WRENCH's youtube set: one non-empty text per row of each split.
    func testTheRealSetsHaveOneTextPerRow() throws {
        let youtube = try SharedData.wrench("youtube")
        let dataset = try WrenchDataset(directory: youtube)
        for split in dataset.splits {
            let texts = try WrenchDataset.texts(directory: youtube, split: split.name)
            XCTAssertEqual(texts.count, split.votes.rowCount, split.name)
            XCTAssertFalse(texts.contains(""), split.name)
        }
    }
}
