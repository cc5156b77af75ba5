import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

final class ItemReaderTests: XCTestCase {
    /// Chunk sizes that split records, quotes, CRLFs and multi-byte characters at every spot.
    private let chunkSizes = [1, 2, 3, 5, 7, 64, 1 << 20]

    private func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = try temporaryDirectory(self).appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    private func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Array(text.utf8))
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
        } catch let error as WSLabelError {
            return error.errorDescription ?? ""
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return ""
        }
    }

    // MARK: - CSV

    func testCSVQuotedFieldsCRLFAndBOMAcrossEveryChunkBoundary() throws {
        let csv = "\u{FEFF}id,text,label,note\r\n"
            + "a1,\"Hello, world\",spam,x\r\n"
            + "a2,\"She said \"\"hi\"\"\r\nand left\",ham,\r\n"
            + "\r\n"
            + "a3,naïve café 🎉,,\"\"\r\n"
            + "a4,last,ham,no newline at end"
        let url = try write("items.csv", csv)
        let source = ItemSource(idField: "id", goldField: "label")
        let expected = [
            Item(id: "a1", text: "Hello, world", fields: ["id": "a1", "text": "Hello, world", "label": "spam", "note": "x"], gold: "spam"),
            Item(id: "a2", text: "She said \"hi\"\r\nand left", fields: ["id": "a2", "text": "She said \"hi\"\r\nand left", "label": "ham", "note": ""], gold: "ham"),
            Item(id: "a3", text: "naïve café 🎉", fields: ["id": "a3", "text": "naïve café 🎉", "label": "", "note": ""], gold: nil),
            Item(id: "a4", text: "last", fields: ["id": "a4", "text": "last", "label": "ham", "note": "no newline at end"], gold: "ham"),
        ]
        for chunkSize in chunkSizes {
            XCTAssertEqual(try readAll(url, source, chunkSize: chunkSize), expected, "chunk size \(chunkSize)")
        }
    }

    /// Found by the csv-votes fuzz target: doubled quotes were undone on text, where a quote
    /// followed by a combining mark is one character with it, so `""` before a combining mark
    /// stayed doubled.
    func testCSVDoubledQuoteBeforeACombiningMarkIsUndone() throws {
        let url = try write("marks.csv", "id,text\n\"a\"\"\u{301}\",\"\"\"\"\"\u{7A6}x\"\n")
        let items = try readAll(url, ItemSource(idField: "id"))
        XCTAssertEqual(items.map(\.id), ["a\"\u{301}"])
        XCTAssertEqual(items.map(\.text), ["\"\"\u{7A6}x"])
    }

    func testCSVIDsDefaultToDataRowNumbers() throws {
        let url = try write("rows.csv", "text\none\n\"two\nlines\"\nthree\n")
        XCTAssertEqual(try readAll(url, ItemSource()).map(\.id), ["1", "2", "3"])
    }

    func testCSVRaggedRowNamesLineAndFieldCounts() throws {
        // The record on line 2 spans lines 2-3, so the short row starts on line 4.
        let url = try write("ragged.csv", "id,text,label\n1,\"multi\nline\",ham\n2,short\n")
        for chunkSize in chunkSizes {
            let text = message { _ = try self.readAll(url, ItemSource(idField: "id"), chunkSize: chunkSize) }
            XCTAssertEqual(text, "\(url.path):4: record \"row 2\": expected 3 fields (as many as the header has), found 2")
        }
    }

    func testCSVMissingColumnIsReportedAtTheHeaderWithTheAvailableColumns() throws {
        let url = try write("cols.csv", "COMMENT_ID,CONTENT,CLASS\nx,hi,0\n")
        let text = message { _ = try self.readAll(url, ItemSource(idField: "COMMENT_ID")) }
        XCTAssertEqual(text, "\(url.path):1: record \"header\", field text: no column \"text\" (the text field) in the header; "
                       + "its columns are \"COMMENT_ID\", \"CONTENT\", \"CLASS\"")
        let gold = message { _ = try self.readAll(url, ItemSource(textField: "CONTENT", goldField: "label")) }
        XCTAssertTrue(gold.contains("no column \"label\" (the gold field)"), gold)
    }

    func testCSVInvalidUTF8NamesFileLineAndField() throws {
        var bytes = Array("id,text\n1,fine\n2,\"two\nline ".utf8)
        bytes += [0xE9] // Latin-1 é
        bytes += Array("t\"\n".utf8)
        let url = try write("latin1.csv", bytes)
        for chunkSize in chunkSizes {
            let text = message { _ = try self.readAll(url, ItemSource(idField: "id"), chunkSize: chunkSize) }
            XCTAssertTrue(text.hasPrefix("\(url.path):4: record \"2\", field text: invalid UTF-8 (byte 0xE9 at byte 10 of the field)"), text)
        }
    }

    func testCSVDuplicateIDNamesBothLines() throws {
        let url = try write("dups.csv", "id,text\n7,a\n8,\"b\nc\"\n7,d\n")
        let text = message { _ = try self.readAll(url, ItemSource(idField: "id"), chunkSize: 3) }
        XCTAssertEqual(text, "\(url.path):5: record \"7\", field id: duplicate id: line 5 repeats the id of line 2 (ids must be unique)")
    }

    func testCSVEmptyFileUnclosedQuoteAndEmptyID() throws {
        let empty = try write("empty.csv", "\u{FEFF}\n\n")
        XCTAssertEqual(message { _ = try self.readAll(empty, ItemSource()) },
                       "\(empty.path): the file is empty: expected a header row naming the fields")
        let unclosed = try write("unclosed.csv", "id,text\n1,\"never\nclosed\n")
        for chunkSize in chunkSizes {
            XCTAssertEqual(message { _ = try self.readAll(unclosed, ItemSource(), chunkSize: chunkSize) },
                           "\(unclosed.path):2: field column 2: a quoted field is never closed (the file ends inside it)")
        }
        let noID = try write("noid.csv", "id,text\n,x\n")
        XCTAssertEqual(message { _ = try self.readAll(noID, ItemSource(idField: "id")) },
                       "\(noID.path):2: record \"row 1\", field id: the id is empty")
    }

    // MARK: - JSONL

    func testJSONLValuesBlankLinesAndLineNumberIDs() throws {
        let jsonl = """
            {"text": "first", "n": 3, "x": 0.5, "ok": true, "gone": null, "tags": ["a", 1], "label": 1}

            {"text": "sécond 🎉", "label": "spam", "text": "ignored duplicate key"}\r
               \t
            {"text": "", "meta": {"k": "v"}, "label": null}
            """
        let url = try write("items.jsonl", jsonl)
        let expected = [
            Item(id: "1", text: "first",
                 fields: ["text": "first", "n": "3", "x": "0.5", "ok": "true", "tags": "[\"a\",1]", "label": "1"], gold: "1"),
            Item(id: "3", text: "sécond 🎉", fields: ["text": "sécond 🎉", "label": "spam"], gold: "spam"),
            Item(id: "5", text: "", fields: ["text": "", "meta": "{\"k\":\"v\"}"], gold: nil),
        ]
        for chunkSize in chunkSizes {
            XCTAssertEqual(try readAll(url, ItemSource(goldField: "label"), chunkSize: chunkSize), expected, "chunk size \(chunkSize)")
        }
    }

    func testJSONLIDsFromAFieldStringOrNumber() throws {
        let url = try write("ids.ndjson", "\u{FEFF}{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": 42, \"text\": \"y\"}\n")
        XCTAssertEqual(try readAll(url, ItemSource(idField: "id")).map(\.id), ["a", "42"])
    }

    func testJSONLErrorsNameFileLineColumnRecordAndField() throws {
        func error(_ body: String, _ source: ItemSource = ItemSource(idField: "id")) throws -> String {
            let url = try write("bad.jsonl", "{\"id\": \"ok\", \"text\": \"fine\"}\n\n" + body + "\n")
            var text = message { _ = try self.readAll(url, source, chunkSize: 4) }
            text = text.replacingOccurrences(of: url.path, with: "bad.jsonl")
            return text
        }
        XCTAssertEqual(try error("{\"id\": \"r\", \"text\": \"x\",}"),
                       "bad.jsonl:3: invalid JSON at column 25: expected a string")
        XCTAssertEqual(try error("{\"id\": \"r\", \"body\": \"x\"}"),
                       "bad.jsonl:3: record \"r\", field text: the record has no text field \"text\" (its fields: id, body)")
        XCTAssertEqual(try error("{\"id\": \"r\", \"text\": null}"),
                       "bad.jsonl:3: record \"r\", field text: the record has no text field \"text\" (its fields: id, text)")
        XCTAssertEqual(try error("{\"id\": \"r\", \"text\": 5}"),
                       "bad.jsonl:3: record \"r\", field text: the text must be a string, found a number")
        XCTAssertEqual(try error("{\"id\": {\"a\": 1}, \"text\": \"x\"}"),
                       "bad.jsonl:3: field id: an id must be a string or a number, found an object")
        XCTAssertEqual(try error("{\"text\": \"x\"}"), "bad.jsonl:3: field id: the record has no id field \"id\"")
        XCTAssertEqual(try error("[1, 2]"), "bad.jsonl:3: expected a JSON object on each line, found an array")
        XCTAssertEqual(try error("{\"id\": \"ok\", \"text\": \"again\"}"),
                       "bad.jsonl:3: record \"ok\", field id: duplicate id: line 3 repeats the id of line 1 (ids must be unique)")
        XCTAssertEqual(try error("{\"id\": \"r\", \"text\": \"x\", \"label\": [0]}", ItemSource(idField: "id", goldField: "label")),
                       "bad.jsonl:3: record \"r\", field label: a gold label must be a string, number or boolean, found an array")

        let url = try write("utf8.jsonl", [UInt8]("{\"text\": \"ok\"}\n{\"text\": \"caf".utf8) + [0xE9] + [UInt8]("\"}\n".utf8))
        XCTAssertEqual(message { _ = try self.readAll(url, ItemSource(), chunkSize: 5) },
                       "\(url.path):2: invalid JSON at column 11: invalid UTF-8 in a string")
    }

    func testJSONLEscapesNestedValuesAndDuplicateKeysDecodeAsBefore() throws {
        let jsonl = #"""
            {"note": "say \"hi\" {not: [a]} \\", "text": "line\nbreak \"q\"\t\u00e9 \ud83c\udf89 \/ \u0000", "deep": {"a": [1, {"b": "}\"]"}], "c": null}, "id": 7}
            {"text": "first", "text": "second", "n": null, "n": 5, "list": [ 1 , 2.50, -0, 1e2, 007, true, null, "x" ], "label": "spam", "label": "ham"}
            {"text": "x", "big": 123456789012345678901, "half": -0.5, "max": 999999999999999, "e15": 1000000000000000, "label": false}
            """#
        let url = try write("escapes.jsonl", jsonl)
        let expected = [
            Item(id: "1", text: "line\nbreak \"q\"\té 🎉 / \u{0}", fields: [
                "note": #"say "hi" {not: [a]} \"#, "text": "line\nbreak \"q\"\té 🎉 / \u{0}",
                "deep": #"{"a":[1,{"b":"}\"]"}],"c":null}"#, "id": "7",
            ]),
            Item(id: "2", text: "first", fields: ["text": "first", "list": #"[1,2.5,0,100,7,true,null,"x"]"#, "label": "spam"], gold: "spam"),
            Item(id: "3", text: "x", fields: [
                "text": "x", "big": "1.2345678901234568e+20", "half": "-0.5", "max": "999999999999999", "e15": "1000000000000000.0", "label": "false",
            ], gold: "false"),
        ]
        for chunkSize in chunkSizes {
            XCTAssertEqual(try readAll(url, ItemSource(goldField: "label"), chunkSize: chunkSize), expected, "chunk size \(chunkSize)")
        }
    }

    func testJSONLRecordsTheScannerLeavesAloneStillReadOrFailAsBefore() throws {
        // 300 levels: valid JSON the scanner hands to the parser; 600: past the parser's limit.
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let url = try write("deep.jsonl", "{\"text\": \"x\", \"deep\": \(deep)}\n")
        XCTAssertEqual(try readAll(url, ItemSource()).first?.fields["deep"], deep)
        let tooDeep = try write("toodeep.jsonl", "{\"text\": \"x\", \"deep\": \(String(repeating: "[", count: 600))}\n")
        XCTAssertEqual(message { _ = try self.readAll(tooDeep, ItemSource()) },
                       "\(tooDeep.path):1: invalid JSON at column 534: nesting deeper than 512 levels")
    }

    func testJSONLErrorsInFieldsOtherThanIDTextAndGoldNameTheirColumn() throws {
        func error(_ body: [UInt8]) throws -> String {
            let url = try write("bad.jsonl", Array("{\"text\": \"fine\"}\n".utf8) + body + [0x0A])
            return message { _ = try self.readAll(url, ItemSource(goldField: "label"), chunkSize: 3) }
                .replacingOccurrences(of: url.path, with: "bad.jsonl")
        }
        XCTAssertEqual(try error(Array(#"{"text": "ok", "other": "caf"#.utf8) + [0xE9] + Array(#""}"#.utf8)),
                       "bad.jsonl:2: invalid JSON at column 26: invalid UTF-8 in a string")
        XCTAssertEqual(try error(Array(#"{"te"#.utf8) + [0xFF] + Array(#"xt": "ok"}"#.utf8)),
                       "bad.jsonl:2: invalid JSON at column 3: invalid UTF-8 in a string")
        XCTAssertEqual(try error(Array(#"{"text": "ok", "meta": {"a": [1, 2}}"#.utf8)),
                       "bad.jsonl:2: invalid JSON at column 35: expected ',' or ']' in an array")
        XCTAssertEqual(try error(Array(#"{"text": "ok", "s": "\"}", "t": "\q"}"#.utf8)),
                       "bad.jsonl:2: invalid JSON at column 34: invalid escape '\\q'")
        XCTAssertEqual(try error(Array(#"{"text": "ok", "s": "\ud83c"}"#.utf8)),
                       "bad.jsonl:2: invalid JSON at column 28: unpaired surrogate in \\u escape")
        XCTAssertEqual(try error(Array(#"{"text": "ok", "n": 1e999}"#.utf8)),
                       "bad.jsonl:2: invalid JSON at column 21: invalid number")
        XCTAssertEqual(try error(Array(#"{"text": "ok"} x"#.utf8)),
                       "bad.jsonl:2: invalid JSON at column 16: unexpected content after the JSON value")
        // The first of duplicate keys counts, a null one too.
        XCTAssertEqual(try error(Array(#"{"text": null, "text": "x"}"#.utf8)),
                       "bad.jsonl:2: field text: the record has no text field \"text\" (its fields: text, text)")
        XCTAssertEqual(try error(Array(#"{"text": "x", "label": {"a": 1}, "label": "ham"}"#.utf8)),
                       "bad.jsonl:2: field label: a gold label must be a string, number or boolean, found an object")
    }

    /// Random records, valid and damaged: whatever the parser rejects, the scanner declines
    /// too (so the reader reports the parser's error); whatever it accepts, the scanner
    /// decodes to the id, text, gold and fields the tree gives.
    func testTheJSONLScannerAgreesWithTheParserOnRandomRecords() throws {
        let source = ItemSource(idField: "id", goldField: "label")
        var random = SplitMix64(seed: 42)
        var scanner = JSONLRecordScanner(source: source)
        var accepted = 0, declined = 0
        for round in 0..<20_000 {
            var line = Self.randomRecord(&random)
            if round % 3 == 0 { Self.damage(&line, &random) }
            let expected = Self.referenceRecord(line, source: source)
            let record = line.withUnsafeBufferPointer { scanner.record($0) }
            let shown = String(decoding: line, as: UTF8.self)
            if let expected {
                guard let record else { return XCTFail("the scanner declined a valid record: \(shown)") }
                // The fields an item decodes from its record on use.
                XCTAssertEqual(line.withUnsafeBufferPointer { scanner.fields($0) }, expected.fields, shown)
                XCTAssertEqual(record.text, expected.text, shown)
                XCTAssertEqual(record.id, expected.id, shown)
                XCTAssertEqual(record.gold, expected.gold, shown)
                accepted += 1
            } else {
                XCTAssertNil(record, "the scanner took a record the parser rejects: \(shown)")
                declined += 1
            }
        }
        XCTAssertGreaterThan(accepted, 5_000)
        XCTAssertGreaterThan(declined, 5_000)
    }

    /// What the reader's tree-based path makes of `line`: the documented mapping of a parsed
    /// record, or `nil` when it is an error.
    private static func referenceRecord(_ line: [UInt8], source: ItemSource) -> (fields: [String: String], text: String, id: String?, gold: String?)? {
        var parser = JSONParser(bytes: line)
        guard case let .object(members)? = try? parser.parseDocument() else { return nil }
        var first: [String: JSONValue] = [:]
        var fields: [String: String] = [:]
        for (key, value) in members where first[key] == nil {
            first[key] = value
            switch value {
            case .null: break
            case let .string(text): fields[key] = text
            case let .bool(flag): fields[key] = flag ? "true" : "false"
            default: fields[key] = value.serialized
            }
        }
        guard case let .string(text)? = first[source.textField] else { return nil }
        var record: (fields: [String: String], text: String, id: String?, gold: String?) = (fields, text, nil, nil)
        if let idField = source.idField {
            switch first[idField] {
            case .string?, .number?, .bool?: record.id = fields[idField]
            default: return nil
            }
            guard record.id?.isEmpty == false else { return nil }
        }
        if let goldField = source.goldField, let gold = first[goldField], gold != .null {
            switch gold {
            case .array, .object: return nil
            default: record.gold = fields[goldField]!.isEmpty ? nil : fields[goldField]
            }
        }
        return record
    }

    private static let keys = ["id", "text", "label", "a", "b\\u0062", "é"]
    private static let stringPieces = [
        "plain", " ", "é", "🎉", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\u0000", "\\ud83c\\udf89", "{", "}", "[", "]",
        ",", ":", "\u{FEFF}", "x",
    ]
    private static let numbers = ["0", "-1", "42", "2.50", "-0", "1e2", "1E-2", "007", "123456789012345678901", "0.1", "-12.5e+3"]

    private static func randomRecord(_ random: inout SplitMix64) -> [UInt8] {
        var members: [String] = []
        for _ in 0..<random.below(6) {
            members.append("\"\(keys[random.below(keys.count)])\"" + [":", " : ", ":\t"][random.below(3)] + randomValue(&random, depth: 0))
        }
        // Most records hold a string text and a scalar id somewhere, so that most undamaged
        // ones are items and the scanner's accepting path is exercised as much as its refusals.
        for (key, value) in [("text", "\"" + stringPieces[random.below(stringPieces.count)] + "\""),
                             ("id", numbers[random.below(numbers.count)])] where random.below(10) > 0 {
            members.insert("\"\(key)\": \(value)", at: random.below(members.count + 1))
        }
        return Array(("{" + members.joined(separator: [",", ", ", " ,"][random.below(3)]) + "}" + ["", " ", "\r"][random.below(3)]).utf8)
    }

    private static func randomValue(_ random: inout SplitMix64, depth: Int) -> String {
        switch random.below(depth < 3 ? 8 : 5) {
        case 0, 1: return "\"" + (0..<random.below(5)).map { _ in stringPieces[random.below(stringPieces.count)] }.joined() + "\""
        case 2: return numbers[random.below(numbers.count)]
        case 3: return ["true", "false"][random.below(2)]
        case 4: return "null"
        case 5: return "[" + (0..<random.below(3)).map { _ in randomValue(&random, depth: depth + 1) }.joined(separator: ", ") + "]"
        default:
            return "{" + (0..<random.below(3)).map { _ in
                "\"\(keys[random.below(keys.count)])\": " + randomValue(&random, depth: depth + 1)
            }.joined(separator: ",") + "}"
        }
    }

    /// Deletes, repeats or replaces one byte (sometimes with invalid UTF-8 or a control).
    private static func damage(_ line: inout [UInt8], _ random: inout SplitMix64) {
        guard !line.isEmpty else { return }
        let index = random.below(line.count)
        let replacements: [UInt8] = [0xE9, 0xFF, 0xC0, 0xED, 0x01, 0x0A, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "}"), UInt8(ascii: "u")]
        switch random.below(3) {
        case 0: line.remove(at: index)
        case 1: line.insert(line[index], at: index)
        default: line[index] = replacements[random.below(replacements.count)]
        }
    }

    // MARK: - Reader

    func testFormatComesFromTheExtensionUnlessNamed() throws {
        let url = try write("items.txt", "{\"text\": \"x\"}\n")
        XCTAssertTrue(message { _ = try ItemReader(url: url, source: ItemSource()) }.contains("cannot tell the item format from extension .txt"))
        XCTAssertEqual(try ItemReader(url: url, source: ItemSource(format: .jsonl)).readAll().map(\.text), ["x"])
        XCTAssertEqual(try ItemReader(url: try write("a.CSV", "text\ny\n")).format, .csv)
        let missing = url.deletingLastPathComponent().appendingPathComponent("missing.csv")
        XCTAssertEqual(message { _ = try ItemReader(url: missing) }, "\(missing.path): no such file")
    }

    func testBatchesAndSingleItemsComeInFileOrder() throws {
        let url = try write("many.jsonl", (1...10).map { "{\"text\": \"t\($0)\"}" }.joined(separator: "\n"))
        var sizes: [Int] = [], texts: [String] = []
        try ItemReader(url: url, source: ItemSource(), chunkSize: 16).forEach(batchSize: 4) { batch in
            sizes.append(batch.count)
            texts += batch.map(\.text)
        }
        XCTAssertEqual(sizes, [4, 4, 2])
        XCTAssertEqual(texts, (1...10).map { "t\($0)" })

        let reader = try ItemReader(url: url, source: ItemSource(), chunkSize: 16)
        XCTAssertEqual(try reader.next()?.text, "t1")
        XCTAssertEqual(try reader.nextBatch(maxCount: 3)?.map(\.text), ["t2", "t3", "t4"])
        XCTAssertEqual(try reader.readAll().map(\.id), (5...10).map(String.init))
        XCTAssertNil(try reader.next())
        XCTAssertNil(try reader.nextBatch())
    }

    /// Memory stays flat: the buffer holds about one chunk plus the record in progress,
    /// however long the file.
    func testLargeFilesAreReadInChunks() throws {
        let directory = try temporaryDirectory(self)
        let count = 40_000
        var csv = "id,text,label\n", jsonl = ""
        for index in 0..<count {
            let text = "comment \(index), with \"quotes\"\nand a second line " + String(repeating: "x", count: index % 97)
            let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            csv += "c\(index),\(quoted),\(index % 2)\r\n"
            jsonl += "{\"id\": \"c\(index)\", \"text\": \(JSONValue.string(text).serialized), \"label\": \(index % 2)}\n"
        }
        let chunkSize = 64 << 10
        for (name, content) in [("big.csv", csv), ("big.jsonl", jsonl)] {
            let url = directory.appendingPathComponent(name)
            try content.write(to: url, atomically: false, encoding: .utf8)
            let reader = try ItemReader(url: url, source: ItemSource(idField: "id", goldField: "label"), chunkSize: chunkSize)
            var seen = 0
            try reader.forEach(batchSize: 4096) { batch in
                for item in batch {
                    XCTAssertEqual(item.id, "c\(seen)")
                    XCTAssertEqual(item.gold, String(seen % 2))
                    XCTAssertTrue(item.text.hasPrefix("comment \(seen), with \"quotes\"\nand"))
                    seen += 1
                }
            }
            XCTAssertEqual(seen, count, name)
            XCTAssertGreaterThan(content.utf8.count, 40 * chunkSize, name)
            XCTAssertLessThanOrEqual(reader.peakBufferedByteCount, chunkSize + 256, name)
        }
    }

    // MARK: - Text size limit

    /// A text of more than 1 MiB (here 3 MiB on line 2) stops the read at that record, naming
    /// file, line, record, field and the limit: it is nearly always a data error (a lost line
    /// break or quote), and every LF would otherwise crawl through it.
    func testATextPastTheDefaultLimitIsAnErrorNamingItsPlace() throws {
        let huge = String(repeating: "spam ", count: 3 << 20 / 5)
        let url = try write("huge.jsonl", "{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\", \"text\": \"\(huge)\"}\n")
        XCTAssertEqual(message { _ = try self.readAll(url, ItemSource(idField: "id")) }, """
            \(url.path):2: record "b", field text: the text is \(huge.utf8.count) bytes of UTF-8, more than the limit of \
            1048576: such a text is nearly always a data error (a lost line break or quote); if it is meant, raise \
            max_text_bytes under data: in the task file
            """)
        let exact = try write("exact.jsonl", "{\"text\": \"\(String(repeating: "x", count: 1 << 20))\"}\n")
        XCTAssertEqual(try readAll(exact, ItemSource()).map(\.text.utf8.count), [1 << 20], "the limit itself is allowed")
    }

    /// The limit is the item source's: a CSV whose unclosed quote swallows the next records
    /// into one field stops at that field's first line.
    func testALowerLimitStopsACSVFieldThatSwallowedRecords() throws {
        var csv = "id,text\n1,fine\n2,\"a quote that never closes,\n"
        for index in 3..<40_000 { csv += "\(index),comment number \(index)\n" }
        csv += "\"\n"
        let url = try write("swallowed.csv", csv)
        let textSize = csv.utf8.count - "id,text\n1,fine\n2,\"".utf8.count - "\"\n".utf8.count
        for chunkSize in [64 << 10, 1 << 20] {
            XCTAssertEqual(message { _ = try self.readAll(url, ItemSource(idField: "id", maxTextBytes: 100_000), chunkSize: chunkSize) },
                           "\(url.path):3: record \"2\", field text: the text is \(textSize) bytes of UTF-8, more than the "
                           + "limit of 100000: such a text is nearly always a data error (a lost line break or quote); if it is meant, "
                           + "raise max_text_bytes under data: in the task file")
        }
        XCTAssertEqual(try readAll(url, ItemSource(idField: "id", maxTextBytes: 10_000_000)).count, 2)
    }

    /// An unclosed quote that swallows the rest of a file is one record as long as the file:
    /// it used to be read and scanned again from its start chunk after chunk (quadratic: a
    /// gigabyte took hours); the buffer now doubles, so the reads grow with the log of its size.
    func testARecordSpanningManyChunksIsReadInDoublingSteps() throws {
        let csv = "id,text\n1,\"" + String(repeating: "never closed, ", count: 300_000) + "\n"
        let url = try write("unclosed.csv", csv)
        let reader = try ItemReader(url: url, source: ItemSource(idField: "id"), chunkSize: 4096)
        XCTAssertThrowsError(try reader.readAll()) { error in
            XCTAssertTrue(error.localizedDescription.contains("never closed"), error.localizedDescription)
        }
        // 4.2 MB in 4 KiB chunks: about 1,000 reads at a fixed size, 11 when each doubles.
        XCTAssertLessThan(reader.chunkReads, 20)
        XCTAssertLessThan(reader.peakBufferedByteCount, 2 * csv.utf8.count + 4096)
    }

    // MARK: - Real data

    /// The five YouTube spam CSVs: quoted CONTENT with commas and line breaks, ids from
    /// COMMENT_ID. Eminem and Shakira repeat whole rows, so reading them with COMMENT_ID ids
    /// fails naming both lines; numbered by row they read in full.
    func testYouTubeSpamCSVs() throws {
        let folder = try SharedData.require(SharedData.root.appendingPathComponent("raw/youtube"))
        let byComment = ItemSource(idField: "COMMENT_ID", textField: "CONTENT", goldField: "CLASS")
        let byRow = ItemSource(textField: "CONTENT", goldField: "CLASS")
        let files: [(name: String, rows: Int, spam: Int, first: String, last: String)] = [
            ("Youtube01-Psy.csv", 350, 175, "LZQPQhLyRh80UYxNuaDWhIGQYNQ96IuCg-AYWqNPjpU", "z13vhvu54u3ewpp5h04ccb4zuoardrmjlyk0k"),
            ("Youtube02-KatyPerry.csv", 350, 175, "z12pgdhovmrktzm3i23es5d5junftft3f", "z120e5uautvcuper304ccf4bjrjugdpbwrc0k"),
            ("Youtube03-LMFAO.csv", 438, 236, "z13uwn2heqndtr5g304ccv5j5kqqzxjadmc0k", "z120hptrylzqzdsoj04cepaonmuyyr1afj0"),
            ("Youtube04-Eminem.csv", 448, 245, "z12rwfnyyrbsefonb232i5ehdxzkjzjs2", "z13tsbc5vvn0hdozz04chjt51lq1cvris0k"),
            ("Youtube05-Shakira.csv", 370, 174, "z13lgffb5w3ddx1ul22qy1wxspy5cpkz504", "_2viQ_Qnc685RPw1aSa1tfrIuHXRvAQ2rPT9R06KTqA"),
        ]
        for file in files {
            let url = folder.appendingPathComponent(file.name)
            for chunkSize in [7, 4096, 1 << 20] {
                let items = try readAll(url, byRow, chunkSize: chunkSize)
                XCTAssertEqual(items.count, file.rows, file.name)
                XCTAssertEqual(items.map(\.id), (1...file.rows).map(String.init), file.name)
                XCTAssertEqual(items.filter { $0.gold == "1" }.count, file.spam, file.name)
                XCTAssertTrue(items.allSatisfy { $0.gold == "0" || $0.gold == "1" }, file.name)
                XCTAssertTrue(items.allSatisfy { $0.fields.count == 5 && $0.fields["CONTENT"] == $0.text }, file.name)
                XCTAssertEqual(items.first?.fields["COMMENT_ID"], file.first, file.name)
                XCTAssertEqual(items.last?.fields["COMMENT_ID"], file.last, file.name)
            }
        }
        for file in files.prefix(3) {
            let items = try readAll(folder.appendingPathComponent(file.name), byComment, chunkSize: 4096)
            XCTAssertEqual(items.count, file.rows, file.name)
            XCTAssertTrue(items.allSatisfy { $0.id == $0.fields["COMMENT_ID"] }, file.name)
            XCTAssertEqual(items.first?.id, file.first, file.name)
            XCTAssertEqual(items.last?.id, file.last, file.name)
        }
        let eminem = folder.appendingPathComponent("Youtube04-Eminem.csv")
        XCTAssertEqual(message { _ = try self.readAll(eminem, byComment) },
                       "\(eminem.path):290: record \"LneaDw26bFvPh9xBHNw1btQoyP60ay_WWthtvXCx37s\", field COMMENT_ID: "
                       + "duplicate id: line 290 repeats the id of line 289 (ids must be unique)")
        let multiline = try readAll(eminem, byRow).filter { $0.text.contains("\n") }
        XCTAssertEqual(multiline.count, 1)
        let shakira = folder.appendingPathComponent("Youtube05-Shakira.csv")
        XCTAssertTrue(message { _ = try self.readAll(shakira, byComment) }.hasPrefix("\(shakira.path):214: record \"_2viQ_Qnc68fX3dYsfYuM-m4ELMJvxOQBmBOFHqGOk0\""))
    }
}

private extension SplitMix64 {
    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &self) }
}
