import Foundation
import WSLabelCore
import WSLabelData
import WSLabelReports
import XCTest

final class SplitEvaluationTests: XCTestCase {
    /// The worked example of ``ConfusionMatrix`` for the label model, and a model that labels
    /// every item BILLING.
    private func evaluation() -> SplitEvaluation {
        let gold = [0, 0, 0, 1, 1, 2, 2, 2]
        var evaluation = SplitEvaluation(split: "test", labelNames: ["BILLING", "TECHNICAL", "ACCOUNT"], modelDescription: "em (heavy)", models: [
            .init(name: "label model", key: "label_model", predictions: [0, 0, 1, 1, -1, 2, 0, 2], gold: gold, classCount: 3),
            .init(name: "majority vote", key: "majority_vote", predictions: [Int](repeating: 0, count: 8), gold: gold, classCount: 3),
        ])
        evaluation.timesEvaluated = 3
        return evaluation
    }

    func testTextShowsBothModelsSideBySideThenTheirClassesByName() {
        let text = evaluation().text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertEqual(lines[0], "test: 8 items with gold labels; label model em (heavy), fit as `wslabel fit` fits it")
        XCTAssertEqual(lines[1], "test evaluated 3 times: each look taken while LFs still change makes its scores less of a measure of new data")
        // Accuracy 5/8 against 3/8; macro-F1 of the all-BILLING model: F1(BILLING) = 2·3/(8+3), 0 for the two other classes.
        XCTAssertTrue(lines.contains("accuracy 62.5% 37.5%"), text)
        XCTAssertTrue(lines.contains("labeled 87.5% 100.0%"), text)
        XCTAssertTrue(lines.contains("macro-F1 65.6% 18.2%"), text)
        XCTAssertTrue(lines.contains("label model, per class:"), text)
        XCTAssertTrue(lines.contains("majority vote, confusion matrix (rows: gold, columns: predicted):"), text)
        // The majority-vote model never abstains: its matrix has no (none) column.
        let majority = text.components(separatedBy: "majority vote, confusion matrix").last ?? ""
        XCTAssertFalse(majority.contains("(none)"), majority)
        XCTAssertTrue(majority.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }.contains("ACCOUNT 3 0 0"), majority)
    }

    func testJSONIsSnakeCaseWithEveryModelsClassesByName() throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(evaluation().json.serialized.utf8)) as? [String: Any])
        XCTAssertEqual(object["split"] as? String, "test")
        XCTAssertEqual(object["items"] as? Int, 8)
        XCTAssertEqual(object["times_evaluated"] as? Int, 3)
        XCTAssertEqual(object["labels"] as? [String], ["BILLING", "TECHNICAL", "ACCOUNT"])
        let models = try XCTUnwrap(object["models"] as? [String: [String: Any]])
        XCTAssertEqual(Set(models.keys), ["label_model", "majority_vote"])
        let labelModel = try XCTUnwrap(models["label_model"])
        XCTAssertEqual(labelModel["accuracy"] as? Double, 5.0 / 8)
        XCTAssertEqual(labelModel["coverage"] as? Double, 7.0 / 8)
        XCTAssertEqual((labelModel["per_class"] as? [String: [String: Double]])?["TECHNICAL"], ["precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2])
        XCTAssertEqual((labelModel["confusion_matrix"] as? [String: [String: Int]])?["BILLING"], ["BILLING": 2, "TECHNICAL": 1, "ACCOUNT": 0])
        // The item given no label is counted apart, under its gold class (no "(none)" pseudo-class key).
        XCTAssertEqual(labelModel["unlabeled_by_class"] as? [String: Int], ["BILLING": 0, "TECHNICAL": 1, "ACCOUNT": 0])
    }

    func testMarkdownHasATablePerModel() {
        let markdown = evaluation().markdown
        XCTAssertTrue(markdown.hasPrefix("# Evaluation on test\n"), markdown)
        XCTAssertTrue(markdown.contains("| accuracy | 62.5% | 37.5% |"), markdown)
        XCTAssertTrue(markdown.contains("## majority vote"), markdown)
        XCTAssertTrue(markdown.contains("| ACCOUNT | 100.0% | 66.7% | 80.0% | 3 |"), markdown)
    }
}
