import TestSupport
@testable import WSLabelCore
@testable import WSLabelData
import XCTest

/// Class names are checked the same way wherever they come from; here WRENCH's `label.json`.
final class ClassNamesTests: XCTestCase {
    private func labelFileError(_ json: String) throws -> String {
        let folder = try temporaryDirectory(self)
        try writeWrenchFolder(at: folder, labelNames: ["a", "b"], splits: ["train": [("r", 0, [0])]])
        try json.write(to: folder.appendingPathComponent("label.json"), atomically: true, encoding: .utf8)
        do {
            _ = try WrenchDataset(directory: folder)
            return "no error"
        } catch {
            return error.localizedDescription.replacingOccurrences(of: folder.path + "/", with: "")
        }
    }

    func testDuplicateClassNamesInLabelJSONNameBothIndices() throws {
        XCTAssertEqual(try labelFileError(#"{"0": "spam", "1": "ham", "2": "spam"}"#),
                       "label.json: field 2: classes 0 and 2 are both named \"spam\"; class names must be distinct")
    }

    func testAnEmptyClassNameInLabelJSONIsAnError() throws {
        XCTAssertEqual(try labelFileError(#"{"0": "ham", "1": " "}"#),
                       "label.json: field 1: the name of class 1 is empty")
    }
}
