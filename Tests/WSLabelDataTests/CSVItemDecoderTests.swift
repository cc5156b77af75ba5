import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
import XCTest

/// The shapes of delimited item files: TSV, other CSV delimiters, files without a header row
/// (columns named by position) and byte order marks — at chunk sizes that split every record.
final class CSVItemDecoderTests: XCTestCase {
    private let chunkSizes = [1, 2, 3, 5, 7, 64, 1 << 20]

    private func write(_ name: String, _ text: String) throws -> URL {
        let url = try temporaryDirectory(self).appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    private func readAll(_ url: URL, _ source: ItemSource, chunkSize: Int = 1 << 20) throws -> [Item] {
        try ItemReader(url: url, source: source, chunkSize: chunkSize).readAll()
    }

    /// The message of the `WSLabelError` that `body` throws.
    private func message(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try body()
            XCTFail("expected an error", file: file, line: line)
            return ""
        } catch {
            return (error as? WSLabelError)?.errorDescription ?? "\(error)"
        }
    }

    // MARK: - TSV

    /// TSV splits at tabs only; quotes are text, also at the start of a field and around a
    /// comma (the SMS Spam Collection's `"Wen u miss someone…" gdeve..`); CRLF ends a record.
    func testTSVSplitsAtTabsAndKeepsQuotesAsText() throws {
        let tsv = "label\ttext\n"
            + "ham\t\"Wen u miss someone, the person is special\" gdeve..\r\n"
            + "spam\tsay \"\"hi\"\" and \"bye\n"
            + "\n"
            + "ham\t\"\"\n"
            + "spam\tlast, no newline"
        let url = try write("items.tsv", tsv)
        XCTAssertEqual(try ItemReader(url: url).format, .tsv)
        let source = ItemSource(goldField: "label")
        let texts = ["\"Wen u miss someone, the person is special\" gdeve..", "say \"\"hi\"\" and \"bye", "\"\"", "last, no newline"]
        for chunkSize in chunkSizes {
            let items = try readAll(url, source, chunkSize: chunkSize)
            XCTAssertEqual(items.map(\.text), texts, "chunk size \(chunkSize)")
            XCTAssertEqual(items.map(\.gold), ["ham", "spam", "ham", "spam"], "chunk size \(chunkSize)")
            XCTAssertEqual(items.map(\.id), ["1", "2", "3", "4"], "chunk size \(chunkSize)")
        }
    }

    /// A TSV record is one line: a quote does not open a field that swallows the next lines, and
    /// a row with a tab too many is an error naming its line.
    func testATSVRowWithAnotherFieldCountNamesItsLine() throws {
        let url = try write("ragged.tsv", "label\ttext\nham\t\"open quote\nspam\ta\tb\n")
        XCTAssertEqual(message { _ = try self.readAll(url, ItemSource()) },
                       "\(url.path):3: record \"row 2\": expected 2 fields (as many as the header has), found 3")
    }

    // MARK: - Delimiters

    /// Semicolons, pipes and tabs as CSV delimiters: RFC 4180 quoting as with commas, so a quoted
    /// field holds the delimiter, doubled quotes and line breaks; commas are then plain text.
    func testOtherDelimitersQuoteAsCommasDo() throws {
        for delimiter in [";", "|", "\t"] {
            let csv = ["id", "text", "label"].joined(separator: delimiter) + "\n"
                + ["a1", "\"x\(delimiter)y, \"\"z\"\"\nw\"", "spam"].joined(separator: delimiter) + "\n"
                + ["a2", "plain, with comma", ""].joined(separator: delimiter) + "\n"
            let url = try write("items.csv", csv)
            let source = ItemSource(idField: "id", goldField: "label", delimiter: try XCTUnwrap(ItemSource.Delimiter(delimiter)))
            for chunkSize in chunkSizes {
                let items = try readAll(url, source, chunkSize: chunkSize)
                XCTAssertEqual(items.map(\.text), ["x\(delimiter)y, \"z\"\nw", "plain, with comma"], "delimiter \(delimiter), chunk size \(chunkSize)")
                XCTAssertEqual(items.map(\.gold), ["spam", nil], "delimiter \(delimiter)")
            }
            // Read with the default comma, the same file is one column per line.
            XCTAssertTrue(message { _ = try self.readAll(url, ItemSource(idField: "id")) }.contains("no column \"id\" (the id field) in the header"))
        }
    }

    /// What a delimiter may be: one ASCII character other than a quote or a line break, or the
    /// two characters `\t` for a tab.
    func testADelimiterIsOneASCIICharacter() {
        XCTAssertEqual(ItemSource.Delimiter(";")?.description, ";")
        XCTAssertEqual(ItemSource.Delimiter("\t"), .tab)
        XCTAssertEqual(ItemSource.Delimiter("\\t"), .tab)
        XCTAssertEqual(ItemSource.Delimiter(","), .comma)
        for bad in ["", ";;", "\"", "\n", "\r", "é", "\\n"] {
            XCTAssertNil(ItemSource.Delimiter(bad), bad)
        }
    }

    // MARK: - Without a header row

    /// `hasHeader: false`: every row is an item, the columns are named `1`, `2`, … and the ids
    /// are the rows' numbers, from the first line.
    func testWithoutAHeaderRowColumnsAreNamedByPosition() throws {
        let url = try write("sms.tsv", "ham\tOk lar...\nspam\tFree entry \"now\"\nham\tU dun say so early hor\n")
        let source = ItemSource(textField: "2", goldField: "1", goldLabels: .init(labels: ["HAM", "SPAM"], values: ["ham": "HAM", "spam": "SPAM"]),
                                hasHeader: false)
        for chunkSize in chunkSizes {
            let items = try readAll(url, source, chunkSize: chunkSize)
            XCTAssertEqual(items, [
                Item(id: "1", text: "Ok lar...", fields: ["1": "ham", "2": "Ok lar..."], gold: "HAM"),
                Item(id: "2", text: "Free entry \"now\"", fields: ["1": "spam", "2": "Free entry \"now\""], gold: "SPAM"),
                Item(id: "3", text: "U dun say so early hor", fields: ["1": "ham", "2": "U dun say so early hor"], gold: "HAM"),
            ], "chunk size \(chunkSize)")
        }
        // CSV too, with an id column; an empty file is no items (there is no header to miss).
        let csv = try write("rows.csv", "x7,\"a, b\"\nx8,c\n")
        XCTAssertEqual(try readAll(csv, ItemSource(idField: "1", textField: "2", hasHeader: false)).map { [$0.id, $0.text] }, [["x7", "a, b"], ["x8", "c"]])
        XCTAssertEqual(try readAll(try write("empty.tsv", ""), ItemSource(textField: "1", hasHeader: false)), [])
        XCTAssertTrue(message { _ = try self.readAll(try self.write("empty.csv", ""), ItemSource()) }.contains("the file is empty: expected a header row"))
    }

    /// A field naming a position past the first row's columns: the file, the line and how many
    /// columns there are. A row of another width names its line.
    func testAMissingPositionalColumnNamesTheFileLineAndColumnCount() throws {
        let url = try write("sms.tsv", "\n\nham\tOk lar...\nspam\tFree\textra\n")
        XCTAssertEqual(message { _ = try self.readAll(url, ItemSource(textField: "3", hasHeader: false)) },
                       "\(url.path):3: record \"row 1\", field 3: no column \"3\" (the text field): without a header row (header: false) columns are named by position, and the first row has 2 columns: 1 to 2")
        XCTAssertEqual(message { _ = try self.readAll(url, ItemSource(textField: "2", goldField: "label", hasHeader: false)) },
                       "\(url.path):3: record \"row 1\", field label: no column \"label\" (the gold field): without a header row (header: false) columns are named by position, and the first row has 2 columns: 1 to 2")
        XCTAssertEqual(message { _ = try self.readAll(url, ItemSource(textField: "2", hasHeader: false)) },
                       "\(url.path):4: record \"row 2\": expected 2 fields (as many as the first row has), found 3")
        // The same file read as if it had a header row: a position as a field name hints at header: false.
        XCTAssertTrue(message { _ = try self.readAll(url, ItemSource(textField: "2")) }
            .hasSuffix("(if the file has no header row, say so with header: false: its columns are then named 1, 2, …)"))
    }

    // MARK: - Byte order marks

    /// A UTF-8 byte order mark is skipped, once, in every format: the first header name, the
    /// first TSV field and the first JSON record are read as without it, by batches and by blocks.
    func testAByteOrderMarkIsSkippedInEveryFormat() throws {
        let bom = "\u{FEFF}"
        let files = [
            (try write("items.csv", bom + "label,text\nham,\(bom)hi\n"), ItemSource(goldField: "label")),
            (try write("items.tsv", bom + "label\ttext\nham\t\(bom)hi\n"), ItemSource(goldField: "label")),
            (try write("plain.tsv", bom + "ham\t\(bom)hi\n"), ItemSource(textField: "2", goldField: "1", hasHeader: false)),
            (try write("items.jsonl", bom + "{\"label\": \"ham\", \"text\": \"\(bom)hi\"}\n"), ItemSource(goldField: "label")),
        ]
        for (url, source) in files {
            for chunkSize in chunkSizes {
                // A mark inside a field is text: only the file's first one is skipped.
                let items = try readAll(url, source, chunkSize: chunkSize)
                XCTAssertEqual(items.map(\.gold), ["ham"], "\(url.lastPathComponent), chunk size \(chunkSize)")
                XCTAssertEqual(items.map(\.text), ["\(bom)hi"], "\(url.lastPathComponent), chunk size \(chunkSize)")
            }
            var blocks: [[String]] = []
            try ItemReader(url: url, source: source, chunkSize: 2).forEachBlock(process: { views in views.map { "\($0.gold ?? "-") \($0.text)" } }) { result, count in
                blocks.append(Array(result.prefix(count)))
            }
            XCTAssertEqual(blocks.flatMap { $0 }, ["ham \(bom)hi"], url.lastPathComponent)
        }
    }
}
