import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
import XCTest

/// JSONL is decoded in blocks of lines on every thread; the items, their order and the first
/// error must be those of reading line by line, whatever the thread count and chunk size.
final class ParallelJSONLDecodingTests: XCTestCase {
    private let threadCounts = [1, 2, 7]
    private let chunkSizes = [1, 7, 64, 4096, 1 << 20]

    /// Records the scanner takes and records it leaves to the JSON parser (escapes, surrogate
    /// pairs, deep nesting, numbers in every form, duplicate and null keys), blank and
    /// white-space lines, CRLF, a byte order mark, long lines across chunks, no final line feed.
    private func trickyJSONL(lines: Int) -> String {
        var generator = SplitMix64(seed: 13)
        let texts = ["plain", "quote \\\" and backslash \\\\", "tab\\tnewline\\n", "\\u00e9\\ud83d\\ude00 and é😀",
                     "control \\u0001", "\\/slash", String(repeating: "long ", count: 3000), "", " spaced  "]
        let extras = [#""n": 3"#, #""x": -0.5e-3"#, #""big": 12345678901234567890"#, #""ok": true"#, #""gone": null"#,
                      #""tags": ["a", 1, {"k": [null]}]"#, #""deep": [[[[[[1]]]]]]"#, #""text2": "y""#, #""z": 1E+2"#]
        var output = "\u{FEFF}"
        for line in 1...lines {
            switch generator.next() % 20 {
            case 0: output += "\n"
            case 1: output += "  \t \r\n"
            default:
                var members = [#""id": "r\#(line)""#, #""text": "\#(texts[Int(generator.next() % UInt64(texts.count))])""#]
                for _ in 0..<Int(generator.next() % 4) { members.append(extras[Int(generator.next() % UInt64(extras.count))]) }
                if generator.next() % 5 == 0 { members.append(#""text": "duplicate key, ignored""#) }
                if generator.next() % 3 == 0 { members.append(#""label": \#(generator.next() % 2)"#) }
                if generator.next() % 7 == 0 { members.append(#""label": null"#) }
                members.shuffle(using: &generator)
                output += "{" + members.joined(separator: generator.next() % 2 == 0 ? ", " : ",") + "}"
                output += generator.next() % 4 == 0 ? "\r\n" : "\n"
            }
        }
        return output + #"{"id": "last", "text": "no line feed after me"}"#
    }

    private func write(_ text: String) throws -> URL {
        let url = try temporaryDirectory(self).appendingPathComponent("items.jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Every item in batches of `batchSize`, and the error that ended the read (its message).
    private func read(_ url: URL, _ source: ItemSource, chunkSize: Int, threads: Int, batchSize: Int = 1000) -> ([Item], String?) {
        var items: [Item] = []
        do {
            let reader = try ItemReader(url: url, source: source, chunkSize: chunkSize, threads: threads)
            while let batch = try reader.nextBatch(maxCount: batchSize) { items += batch }
            return (items, nil)
        } catch {
            return (items, error.localizedDescription)
        }
    }

    func testTrickyRecordsDecodeTheSameAtEveryThreadCountAndChunkSize() throws {
        let url = try write(trickyJSONL(lines: 3000))
        for source in [ItemSource(goldField: "label"), ItemSource(idField: "id", goldField: "label")] {
            let (expected, error) = read(url, source, chunkSize: 1 << 20, threads: 1)
            XCTAssertNil(error)
            XCTAssertGreaterThan(expected.count, 2500)
            XCTAssertEqual(expected.last?.text, "no line feed after me")
            for threads in threadCounts {
                for chunkSize in chunkSizes where threads > 1 || chunkSize < 1 << 20 {
                    let (items, error) = read(url, source, chunkSize: chunkSize, threads: threads, batchSize: 1 + chunkSize % 997)
                    XCTAssertNil(error)
                    XCTAssertTrue(items == expected, "\(items.count) items, \(threads) threads, chunks of \(chunkSize)")
                }
            }
        }
    }

    /// The first bad line in file order stops the read with its own message, after every item
    /// before it, even when later blocks (decoded at the same time) fail too.
    func testTheFirstErrorInFileOrderWinsAfterTheItemsBeforeIt() throws {
        var lines = (1...2000).map { #"{"id": "i\#($0)", "text": "t\#($0)"}"# }
        lines[1499] = #"{"id": "i1500", "text": 5}"#           // a later block: a wrong type
        lines[1799] = #"{"id": "i1800", "text": "unclosed}"#   // invalid JSON further on
        lines[999] = #"{"id": "i10", "text": "repeats an id"}"#  // a duplicate id, first in file order
        let url = try write(lines.joined(separator: "\n") + "\n")
        let source = ItemSource(idField: "id")
        for threads in threadCounts {
            for chunkSize in [7, 4096, 1 << 20] {
                let (items, error) = read(url, source, chunkSize: chunkSize, threads: threads, batchSize: 1)
                XCTAssertEqual(items.count, 999, "\(threads) threads, chunks of \(chunkSize)")
                XCTAssertEqual(items.last?.id, "i999")
                XCTAssertEqual(error, "\(url.path):1000: record \"i10\", field id: duplicate id: line 1000 repeats the id of line 10 (ids must be unique)")
            }
        }
        lines[999] = #"{"id": "i1000", "text": "t1000"}"#
        let typed = try write(lines.joined(separator: "\n") + "\n")
        for threads in threadCounts {
            for chunkSize in [4096, 1 << 20] {
                // A batch that meets the error is not handed out, as when reading line by line.
                let (items, error) = read(typed, source, chunkSize: chunkSize, threads: threads, batchSize: 100)
                XCTAssertTrue(items.map(\.id) == (1...1400).map { "i\($0)" }, "\(items.count) items, \(threads) threads")
                XCTAssertEqual(error, "\(typed.path):1500: record \"i1500\", field text: the text must be a string, found a number")
            }
        }
    }

    /// Without an id field, ids are line numbers, counted over blank lines and across chunks
    /// and blocks.
    func testLineNumberIDsCountEveryLine() throws {
        var text = ""
        for line in 1...5000 { text += line % 3 == 0 ? "\n" : #"{"text": "line \#(line)"}"# + "\n" }
        let url = try write(text)
        for threads in threadCounts {
            let (items, error) = read(url, ItemSource(), chunkSize: 1 << 20, threads: threads)
            XCTAssertNil(error)
            XCTAssertTrue(items.map(\.id) == (1...5000).filter { $0 % 3 != 0 }.map(String.init), "\(threads) threads")
            XCTAssertTrue(items.map(\.text) == (1...5000).filter { $0 % 3 != 0 }.map { "line \($0)" }, "\(threads) threads")
        }
    }
}
