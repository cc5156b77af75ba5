import Foundation
import WSLabelCore
import XCTest

/// Numeric item fields beside the text: standardized on the train items, clipped, missing as
/// the mean, and learned from.
final class NumericFeaturesTests: XCTestCase {
    func testStandardizationUsesThePresentValuesAndLeavesConstantsCentred() {
        let numeric = NumericFeatures(fitting: [[1, 3, nil, 5], [7, 7, 7, nil]], names: ["a", "b"])
        XCTAssertEqual(numeric.fields[0].mean, 3)
        XCTAssertEqual(numeric.fields[0].standardDeviation, (8.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(numeric.fields[1].mean, 7)
        XCTAssertEqual(numeric.fields[1].standardDeviation, 1, "a constant field passes through centred")
    }

    func testTextValuesReadAsNumbersOrFailWithTheirPlace() throws {
        let place = SourceLocation(file: "items.jsonl", record: "17")
        XCTAssertEqual(try NumericFeatures.number(" 2.5 ", field: "price", at: place), 2.5)
        XCTAssertNil(try NumericFeatures.number("", field: "price", at: place))
        XCTAssertNil(try NumericFeatures.number(nil, field: "price", at: place))
        for bad in ["abc", "inf", "nan", "1e999"] {
            XCTAssertThrowsError(try NumericFeatures.number(bad, field: "price", at: place)) { error in
                let message = (error as? WSLabelError)?.errorDescription ?? ""
                XCTAssertTrue(message.contains("items.jsonl") && message.contains("\"17\"") && message.contains("price"), message)
            }
        }
    }

    /// Texts that say nothing (every item the same words) and a number that says everything:
    /// the end model must learn from the number, clipping an outlier and reading a missing
    /// value as the mean.
    func testAModelLearnsFromANumericFieldAlone() throws {
        var random = SplitMix64(seed: 3)
        let count = 200
        let labels = (0..<count).map { _ in Int(random.next() % 2) }
        let values: [Double?] = labels.enumerated().map { index, label in
            index % 10 == 0 ? nil : (label == 1 ? 10 : 0) + random.nextUnitDouble()
        }
        let texts = [String](repeating: "the same words", count: count)
        let targets = ProbabilisticLabels(classCount: 2, values: labels.flatMap { $0 == 1 ? [0.1, 0.9] : [0.9, 0.1] })
        var configuration = EndModelTrainingConfiguration()
        configuration.features = TextFeatureSettings(wordNGrams: 1...1, characterNGrams: nil)
        configuration.numericFields = ["score"]
        configuration.inverseRegularization = 10
        let training = try EndModelTraining(labelNames: ["LOW", "HIGH"], texts: texts, numbers: [values], targets: targets,
                                            covered: [Bool](repeating: true, count: count), configuration: configuration)
        let model = training.model
        XCTAssertEqual(model.numeric.fields.map(\.name), ["score"])
        XCTAssertEqual(model.classifier.featureCount, model.features.featureCount + 1)
        let probabilities = model.probabilities(of: ["the same words", "the same words", "the same words", "the same words"],
                                                numbers: [[10.5, 0.2, 1e9, nil]])
        let high = (0..<4).map { probabilities.values[$0 * 2 + 1] }
        XCTAssertGreaterThan(high[0], 0.8)
        XCTAssertLessThan(high[1], 0.2)
        XCTAssertGreaterThan(high[2], 0.8, "an outlier is clipped, not flipped")
        XCTAssertGreaterThanOrEqual(high[2], high[0], "and counts at least as much as a large value")
        // Missing: the mean, about halfway.
        XCTAssertEqual(high[3], 0.5, accuracy: 0.25)
        let rows = model.featureRows(["the same words"], numbers: [[nil]])
        XCTAssertFalse(rows.entries(ofRow: 0).contains { Int(rows.columns[$0]) == model.features.featureCount }, "missing adds no entry")
    }
}
