import XCTest
import TestSupport
import WSLabelCore
@testable import WSLabeling

final class ReviewFormatTests: XCTestCase {
    func testHumanLabelsWithCRLFLineEnds() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("human.jsonl")
        try (#"{"id": "a", "label": "HAM", "source": "x"}"# + "\r\n" + #"{"id": "b", "label": "SPAM", "source": "x"}"# + "\r\n")
            .write(to: url, atomically: true, encoding: .utf8)
        let stored = try HumanLabelStore(url: url).load(labels: ["HAM", "SPAM"])
        XCTAssertEqual(stored.mapValues(\.label), ["a": "HAM", "b": "SPAM"])
    }

    func testArgillaExportsWithCRLFLineEnds() throws {
        let text = #"{"id": "a", "responses": {"label": [{"value": "HAM"}]}}"# + "\r\n"
            + #"{"id": "b", "responses": {"label": [{"value": "SPAM"}]}}"# + "\r\n"
        let imported = try ArgillaFormat.labels(in: Data(text.utf8), file: "export.jsonl", labels: ["HAM", "SPAM"])
        XCTAssertEqual(imported.labels.map(\.id), ["a", "b"])
    }
}
