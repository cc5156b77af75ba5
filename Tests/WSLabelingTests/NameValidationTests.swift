import XCTest
import WSLabelCore
@testable import WSLabeling

/// Empty label and LF names, and model settings naming splits the task does not have, are
/// rejected where they are written.
final class NameValidationTests: XCTestCase {
    private let url = URL(fileURLWithPath: "/project/wslabel.yaml")

    private func taskError(_ yaml: String) -> String {
        do {
            _ = try TaskFile(yaml: yaml, url: url)
            return "no error"
        } catch {
            return error.localizedDescription
        }
    }

    private func task(labels: String = "[HAM, SPAM]", model: String = "") -> String {
        """
        labels: \(labels)
        data:
          splits: {train: a.csv, test: b.csv}
        labeling_functions: {files: lfs}
        \(model)
        """
    }

    func testATaskFileWithAnEmptyLabelIsAnError() {
        XCTAssertEqual(taskError(task(labels: "[HAM, \"\"]")), "/project/wslabel.yaml:1: field labels: the name of class 1 is empty")
        XCTAssertEqual(taskError(task(labels: "[HAM, SPAM, HAM]")),
                       "/project/wslabel.yaml:1: field labels: classes 0 and 2 are both named \"HAM\"; class names must be distinct")
    }

    func testADevSplitTheTaskDoesNotHaveIsAnError() {
        XCTAssertEqual(taskError(task(model: "model: {dev_split: nosuch}")),
                       "/project/wslabel.yaml:5: record \"model\", field dev_split: no split \"nosuch\"; the task's splits are train, test")
        XCTAssertEqual(taskError(task(model: "model: {dev_split: test}")), "no error")
    }

    func testAnLFFileWithAnEmptyNameIsAnError() {
        XCTAssertThrowsError(try LFFile.parse("labeling_functions:\n  - {name: \"\", kind: keyword, keywords: [x], label: HAM}\n",
                                              file: "lfs.yaml", labels: ["HAM", "SPAM"])) { error in
            XCTAssertEqual(error.localizedDescription, "lfs.yaml:2: field name: empty: every LF needs a name")
        }
    }

    func testASwiftCatalogWithAnEmptyNameIsAnError() {
        XCTAssertThrowsError(try LFCatalog([HeuristicLF("ok") { _ in nil }, HeuristicLF(" ") { _ in nil }])) { error in
            XCTAssertEqual(error.localizedDescription, "LF 1 of the catalog has an empty name: every LF needs a name")
        }
    }
}
