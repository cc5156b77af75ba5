import XCTest
import WSLabelCore
@testable import WSLabeling

/// The `costs` section of task files: overrides over documented defaults, and located errors.
final class TaskCostSettingsTests: XCTestCase {
    private let base = "labels: [HAM, SPAM]\ndata: {splits: {train: a.jsonl}}\nlabeling_functions: {files: [lfs]}\n"

    func testDefaultsSayWhereTheyComeFrom() throws {
        let prices = try TaskFile(yaml: base, url: URL(fileURLWithPath: "/p/wslabel.yaml")).prices
        XCTAssertEqual(prices, LabelingPriceBook())
        XCTAssertEqual(prices.crowd.perItem, 0.25)
        XCTAssertEqual(prices.expert.itemsPerHour, 20)
        XCTAssertEqual(prices.lfAuthoringCost, 8 * 63.59, accuracy: 1e-9)
        for source in [prices.crowd.source, prices.expert.source, prices.lfAuthoringSource, prices.machineSource] {
            XCTAssertFalse(source.isEmpty)
        }
    }

    func testTheSectionOverridesWhatItNames() throws {
        let prices = try TaskFile(yaml: base + """
            costs:
              crowd: {per_item: 0.12, source: "vendor quote"}
              lf_authoring: {hours: 3}
              machine: {per_hour: 0}
            """, url: URL(fileURLWithPath: "/p/wslabel.yaml")).prices
        XCTAssertEqual(prices.crowd, .init(perItem: 0.12, itemsPerHour: 100, source: "vendor quote",
                                           accuracy: 0.85, accuracySource: LabelingPriceBook.defaultCrowd.accuracySource))
        XCTAssertEqual(prices.expert, LabelingPriceBook.defaultExpert)
        XCTAssertEqual(prices.lfAuthoringHours, 3)
        XCTAssertEqual(prices.lfAuthoringHourlyRate, 63.59)
        XCTAssertEqual(prices.lfAuthoringSource, "the task file's costs.lf_authoring")
        XCTAssertEqual(prices.machinePerHour, 0)
    }

    func testPeopleAreNotPerfectByDefault() throws {
        let prices = try TaskFile(yaml: base, url: URL(fileURLWithPath: "/p/wslabel.yaml")).prices
        XCTAssertEqual(prices.crowd.accuracy, 0.85)
        XCTAssertEqual(prices.expert.accuracy, 0.95)
        XCTAssertLessThan(prices.crowd.accuracy, prices.expert.accuracy, "experts are the more reliable")
        XCTAssertTrue(prices.crowd.accuracySource.contains("Snow et al."), "the default cites its source")
        XCTAssertTrue(prices.crowd.accuracySource.hasPrefix("an assumption"), "and says it is not a measurement")
    }

    func testAccuracyIsSetPerRateApartFromThePrice() throws {
        let prices = try TaskFile(yaml: base + """
            costs:
              crowd: {accuracy: 0.9, accuracy_source: "our pilot: 180 of 200"}
              expert: {accuracy: 0.99}
            """, url: URL(fileURLWithPath: "/p/wslabel.yaml")).prices
        XCTAssertEqual(prices.crowd.accuracy, 0.9)
        XCTAssertEqual(prices.crowd.accuracySource, "our pilot: 180 of 200")
        XCTAssertEqual(prices.crowd.source, LabelingPriceBook.defaultCrowd.source, "an accuracy says nothing of the price")
        XCTAssertEqual(prices.crowd.perItem, 0.25)
        XCTAssertEqual(prices.expert.accuracy, 0.99)
        XCTAssertEqual(prices.expert.accuracySource, "the task file's costs.expert.accuracy")
    }

    func testErrorsNameLineAndKey() {
        func error(_ costs: String) -> String {
            do { _ = try TaskFile(yaml: base + costs, url: URL(fileURLWithPath: "/p/wslabel.yaml")); return "no error" } catch { return error.localizedDescription }
        }
        XCTAssertEqual(error("costs:\n  crowd: {items_per_hour: 0}\n"),
                       "/p/wslabel.yaml:5: record \"costs.crowd\", field items_per_hour: must be positive")
        XCTAssertEqual(error("costs:\n  expert: {per_item: -1}\n"),
                       "/p/wslabel.yaml:5: record \"costs.expert\", field per_item: must not be negative")
        XCTAssertTrue(error("costs:\n  llm: {}\n").contains("field llm: unknown key"))
        XCTAssertTrue(error("costs:\n  crowd: {price: 1}\n").contains("field price: unknown key"))
        XCTAssertEqual(error("costs:\n  crowd: {accuracy: 85}\n"),
                       "/p/wslabel.yaml:5: record \"costs.crowd\", field accuracy: must be a probability from 0 to 1 (0.85 for 85%), not 85.0")
        XCTAssertEqual(error("costs:\n  expert: {accuracy_source: \"pilot\"}\n"),
                       "/p/wslabel.yaml:5: record \"costs.expert\", field accuracy_source: says where an accuracy comes from: give accuracy too")
    }
}
