import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// The task file's `data` keys for the shape of delimited files: `format: tsv`, `delimiter`,
/// `header: false`, checked where they are written; and the raw UCI SMS Spam Collection read
/// as it comes (tab-separated, no header row, quotes that are text).
final class TaskFileItemFormatTests: XCTestCase {
    private let url = URL(fileURLWithPath: "/project/wslabel.yaml")

    /// A task whose `data` section has `lines` after its first line.
    private func task(_ lines: String) -> String {
        """
        labels: [ham, spam]
        data:
        \(lines)
          splits: {train: sms.tsv}
        labeling_functions: {files: lfs}
        """
    }

    private func error(_ text: String) -> String {
        do {
            _ = try TaskFile(yaml: text, url: url)
            return "no error"
        } catch {
            return error.localizedDescription
        }
    }

    func testFormatDelimiterAndHeaderAreRead() throws {
        let tsv = try TaskFile(yaml: task("  format: tsv\n  header: false\n  text: 2\n  gold: 1"), url: url)
        XCTAssertEqual(tsv.source.format, .tsv)
        XCTAssertFalse(tsv.source.hasHeader)
        XCTAssertEqual(tsv.source.textField, "2")
        XCTAssertEqual(tsv.source.goldField, "1")
        XCTAssertNil(tsv.source.delimiter)

        let semicolons = try TaskFile(yaml: task("  format: csv\n  delimiter: \";\""), url: url)
        XCTAssertEqual(semicolons.source.delimiter, ItemSource.Delimiter(";"))
        XCTAssertTrue(semicolons.source.hasHeader)
        // Without a format, the delimiter is for the files whose extension says csv.
        XCTAssertEqual(try TaskFile(yaml: task("  delimiter: \"|\""), url: url).source.delimiter, ItemSource.Delimiter("|"))
        // A tab, written as YAML's escape or as the two characters \t.
        for written in [#""\t""#, #"'\t'"#, #"\t"#] {
            XCTAssertEqual(try TaskFile(yaml: task("  format: csv\n  delimiter: \(written)"), url: url).source.delimiter, .tab, written)
        }
    }

    /// Each bad value names the file, its line and the key, and what is expected.
    func testBadValuesNameTheFileLineAndKey() {
        let expected = #"expected one ASCII character other than a quote or a line break, e.g. ";", "|" or "\t""#
        XCTAssertEqual(error(task("  format: csv\n  delimiter: \";;\"")),
                       #"/project/wslabel.yaml:4: record "data", field delimiter: \#(expected), found ";;""#)
        XCTAssertEqual(error(task("  format: csv\n  delimiter: \"\"")),
                       #"/project/wslabel.yaml:4: record "data", field delimiter: \#(expected), found """#)
        XCTAssertEqual(error(task("  delimiter: '\"'")), #"/project/wslabel.yaml:3: record "data", field delimiter: \#(expected), found """"#)
        XCTAssertEqual(error(task("  format: tsv\n  delimiter: \";\"")),
                       #"/project/wslabel.yaml:4: record "data", field delimiter: goes with format: csv (tsv files are always tab-delimited)"#)
        XCTAssertEqual(error(task("  format: jsonl\n  delimiter: \";\"")),
                       #"/project/wslabel.yaml:4: record "data", field delimiter: goes with format: csv (jsonl files have no delimiter)"#)
        XCTAssertEqual(error(task("  format: jsonl\n  header: false")),
                       #"/project/wslabel.yaml:4: record "data", field header: goes with csv and tsv files (JSON Lines name their fields in each record)"#)
        XCTAssertEqual(error(task("  header: no header")), #"/project/wslabel.yaml:3: record "data", field header: expected true or false"#)
        XCTAssertEqual(error(task("  format: xlsx")), #"/project/wslabel.yaml:3: record "data", field format: expected jsonl, csv or tsv, found xlsx"#)
    }

    /// The raw SMS Spam Collection, `label<TAB>text` without a header: every one of its 5,574
    /// lines is one item of 2 fields, its text the line after the tab byte for byte (54 texts
    /// start with a quote that closes mid-text); the gold labels count as the UCI readme says.
    func testTheRawSMSSpamCollectionReadsAsItComes() throws {
        let file = try SharedData.require(SharedData.root.appendingPathComponent("raw/sms/SMSSpamCollection"))
        let folder = try temporaryDirectory(self)
        try "labeling_functions:\n  - {name: free, kind: keyword, keywords: [free], label: spam}\n"
            .write(to: folder.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        let taskFile = folder.appendingPathComponent("wslabel.yaml")
        try """
            labels: [ham, spam]
            data:
              format: tsv
              header: false
              text: 2
              gold: 1
              splits: {train: \(file.path)}
            labeling_functions: {files: [lfs.yaml]}
            """.write(to: taskFile, atomically: true, encoding: .utf8)
        let task = try TaskFile(contentsOf: taskFile)

        let applied = try TaskApplication(task: task, useCache: false)
        let train = try XCTUnwrap(applied.splits.first)
        XCTAssertEqual(train.votes.rowCount, 5_574)
        XCTAssertEqual(train.gold.filter { $0 == 0 }.count, 4_827)
        XCTAssertEqual(train.gold.filter { $0 == 1 }.count, 747)

        // Each line cut at its tab by hand: the reader's fields are those, in order.
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let items = try ItemReader(url: file, source: task.source).readAll()
        XCTAssertEqual(items.count, lines.count)
        for (item, line) in zip(items, lines) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            XCTAssertEqual(fields.count, 2, String(line))
            XCTAssertEqual(item.fields, ["1": String(fields[0]), "2": String(fields[1])])
            XCTAssertEqual(item.text, String(fields[1]))
        }
        XCTAssertEqual(items.filter { $0.text.hasPrefix("\"") }.count, 54)
    }
}
