import WSLabelCore
import XCTest

/// Reports name the selection metric's positive class by its label, not its index.
final class SelectionMetricNameTests: XCTestCase {
    func testReadableNamesUseLabelNames() {
        XCTAssertEqual(SelectionMetric.f1(positiveClass: 1).readableName(labelNames: ["ham", "spam"]), "F1 of spam")
        XCTAssertEqual(SelectionMetric.f1(positiveClass: 1).name, "f1[1]", "JSON keeps its stable name")
        XCTAssertEqual(SelectionMetric.accuracy.readableName(labelNames: ["a", "b"]), "accuracy")
        XCTAssertEqual(SelectionMetric.macroF1.readableName(labelNames: ["a", "b"]), "macro-F1")
    }
}
