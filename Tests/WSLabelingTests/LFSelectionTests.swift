import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabeling
import XCTest

/// `labeling_functions.include` / `exclude`: which LFs run, by name or glob, Swift and file LFs alike.
final class LFSelectionTests: XCTestCase {
    private let functions: [any LabelingFunction] = ["keyword_free", "keyword_win", "regex_url", "short_comment"].map {
        KeywordLF($0, keywords: [$0], label: "SPAM")
    }

    func testIncludeAndExcludeChooseByNameOrGlob() throws {
        let excluded = try LFSelection(exclude: .init(["regex_*", "short_comment"])).apply(to: functions, taskFile: "t.yaml")
        XCTAssertEqual(excluded.map(\.name), ["keyword_free", "keyword_win"])
        let included = try LFSelection(include: .init(["keyword_*", "regex_ur?"]), exclude: .init(["keyword_win"]))
            .apply(to: functions, taskFile: "t.yaml")
        XCTAssertEqual(included.map(\.name), ["keyword_free", "regex_url"], "include first, then exclude; the catalog's order kept")
        XCTAssertEqual(try LFSelection().apply(to: functions, taskFile: "t.yaml").count, 4)
    }

    func testAPatternMatchingNothingOrNothingLeftIsAnError() {
        XCTAssertThrowsError(try LFSelection(exclude: .init(["keyword_fre"], line: 12)).apply(to: functions, taskFile: "t.yaml")) { error in
            guard case let .malformedInput(location, message) = error as? WSLabelError else { return XCTFail("\(error)") }
            XCTAssertEqual(location, SourceLocation(file: "t.yaml", line: 12, record: "labeling_functions", field: "exclude"))
            XCTAssertTrue(message.contains("keyword_fre matches no LF"), message)
        }
        XCTAssertThrowsError(try LFSelection(exclude: .init(["*"], line: 3)).apply(to: functions, taskFile: "t.yaml")) { error in
            XCTAssertTrue((error as? WSLabelError)?.errorDescription?.contains("leave no LF to run") == true, "\(error)")
        }
    }

    func testTheTaskFileReadsTheKeys() throws {
        let yaml = """
            labels: [HAM, SPAM]
            data:
              splits:
                train: a.jsonl
            labeling_functions:
              files: lfs
              include: [keyword_*]
              exclude: keyword_win
            """
        let task = try TaskFile(yaml: yaml, url: URL(fileURLWithPath: "/project/wslabel.yaml"))
        XCTAssertEqual(task.lfSelection.include?.patterns, ["keyword_*"])
        XCTAssertEqual(task.lfSelection.exclude?.patterns, ["keyword_win"])
        XCTAssertEqual(task.lfSelection.include?.line, 7)
        XCTAssertThrowsError(try TaskFile(yaml: yaml.replacingOccurrences(of: "exclude:", with: "exclud:"), url: URL(fileURLWithPath: "/p/w.yaml")))
    }
}
