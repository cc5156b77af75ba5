import Foundation
import Synchronization
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// `LFApplier.apply(_:)` decodes and applies each block of JSONL lines on the thread that read
/// it, over views of the records: its votes, ids, gold labels, report and errors must be those
/// of reading batches and applying them, whatever the threads and chunk size.
final class ReaderApplyTests: XCTestCase {
    private static let labels = ["0", "1"]

    /// What a run came to: its rows, or its error's message.
    private enum Outcome {
        case votes(AppliedVotes)
        case error(String)
    }

    /// Views an LF kept past its vote, with the item each was made for (checked after the run).
    private static let keptViews = Mutex<[ItemView]>([])

    /// LFs reading every part of a view: bytes, strings, tokens, fields, the item; one that
    /// throws, one that votes a label the task lacks, one that keeps views.
    private static func catalog() throws -> LFCatalog {
        try LFCatalog {
            KeywordLF("keyword", keywords: ["check", "é"], label: "1")
            KeywordLF("keyword_case", keywords: ["PLAIN"], label: "0", caseSensitive: true)
            try RegexLF("chain", pattern: "check.*out", label: "1")
            try RegexLF("regex", pattern: #"\bsla[s]h|😀"#, label: "0")
            HeuristicLF("words", labels: ["0"]) { $0.wordCount < 3 ? "0" : nil }
            HeuristicLF("strings", labels: ["0", "1"]) { view in
                let parts = [view.text, view.lowercasedText, view.tokens.joined(separator: "|"), view.item.id, view.item.gold ?? "-"]
                return parts.joined().unicodeScalars.count % 2 == 0 ? "0" : "1"
            }
            HeuristicLF("fields", labels: ["1"]) { view in
                view[field: "n"] != nil || view.item.fields["tags"] != nil ? "1" : nil
            }
            HeuristicLF("fragile") { view in
                if view.text.contains("\t") { throw WSLabelError.invalidArgument("tab in \(view.item.id)") }
                return nil
            }
            HeuristicLF("sloppy") { $0.lowercasedText.contains("spaced") ? "HAM" : nil }
            HeuristicLF("keeper") { view in
                if view.wordCount % 5 == 1 { keptViews.withLock { $0.append(view) } }
                return nil
            }
        }
    }

    /// Records of every kind the reader meets: escapes, non-ASCII, blank and white-space lines,
    /// CRLF, a byte order mark, duplicate keys, extra fields, long lines, no final line feed.
    private func jsonl(lines: Int, seed: UInt64 = 7, change: [Int: String] = [:]) -> String {
        var generator = SplitMix64(seed: seed)
        let texts = ["plain PLAIN", "quote \\\" and backslash \\\\", "tab\\tnewline\\n check it out", "\\u00e9\\ud83d\\ude00 and é😀",
                     "\\/slash", String(repeating: "long check ", count: 700) + "out", "", " spaced  ", "İSTANBUL Ǆ ß",
                     "check\\u2028out", "e\\u0301 a\\u0300b", "\u{FEFF}Check OUT my channel\u{FEFF}"]
        let extras = [#""n": 3"#, #""x": -0.5e-3"#, #""ok": true"#, #""gone": null"#, #""tags": ["a", 1, {"k": [null]}]"#,
                      #""text2": "y""#]
        var output = "\u{FEFF}"
        for line in 1...lines {
            if let replacement = change[line] {
                output += replacement + "\n"
                continue
            }
            switch generator.next() % 25 {
            case 0: output += "\n"
            case 1: output += "  \t \r\n"
            default:
                var members = [#""id": "r\#(line)""#, #""text": "\#(texts[Int(generator.next() % UInt64(texts.count))])""#]
                for _ in 0..<Int(generator.next() % 3) { members.append(extras[Int(generator.next() % UInt64(extras.count))]) }
                if generator.next() % 6 == 0 { members.append(#""text": "duplicate key, ignored""#) }
                if generator.next() % 2 == 0 { members.append(#""label": \#(generator.next() % 2)"#) }
                members.shuffle(using: &generator)
                output += "{" + members.joined(separator: ", ") + "}"
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

    /// The result of reading batches and applying them, or the error's message.
    /// (Reader batches of `batchSize` items: a reader's error wins over a gold label's in its batch.)
    private func batched(_ url: URL, _ source: ItemSource, threads: Int, batchSize: Int = 1000) -> Outcome {
        do {
            let reader = try ItemReader(url: url, source: source, chunkSize: 1 << 20, threads: threads)
            var applier = try LFApplier(catalog: Self.catalog(), labels: Self.labels)
            applier.threads = threads
            return .votes(try applier.apply { try reader.nextBatch(maxCount: batchSize) })
        } catch {
            return .error(error.localizedDescription)
        }
    }

    /// The result of `apply(_:)` on a reader, or the error's message.
    private func fused(_ url: URL, _ source: ItemSource, chunkSize: Int, threads: Int, batchSize: Int = 1000) -> Outcome {
        do {
            let reader = try ItemReader(url: url, source: source, chunkSize: chunkSize, threads: threads)
            var applier = try LFApplier(catalog: Self.catalog(), labels: Self.labels)
            applier.threads = threads
            return .votes(try applier.apply(reader, readBatchSize: batchSize, flushingEvery: .max) { _ in })
        } catch {
            return .error(error.localizedDescription)
        }
    }

    private func assertSame(_ result: Outcome, _ expected: Outcome, _ context: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        switch (result, expected) {
        case let (.votes(result), .votes(expected)):
            XCTAssertEqual(result.votes, expected.votes, context, file: file, line: line)
            XCTAssertEqual(result.itemIDs, expected.itemIDs, context, file: file, line: line)
            XCTAssertEqual(result.gold, expected.gold, context, file: file, line: line)
            // Hashed from the record's bytes in place, as the batch path hashes the item's text.
            XCTAssertEqual(result.textHashes, expected.textHashes, context, file: file, line: line)
            XCTAssertEqual(ApplierTests.withoutTiming(result.report), ApplierTests.withoutTiming(expected.report), context,
                           file: file, line: line)
        case let (.error(message), .error(expected)):
            XCTAssertEqual(message, expected, context, file: file, line: line)
        default:
            XCTFail("\(context): \(result) is not \(expected)", file: file, line: line)
        }
    }

    private let sources = [ItemSource(goldField: "label"), ItemSource(idField: "id", goldField: "label"), ItemSource(idField: "id")]

    func testRecordsApplyAsBatchesDoAtEveryThreadCountAndChunkSize() throws {
        let url = try write(jsonl(lines: 1500))
        for source in sources {
            let expected = batched(url, source, threads: 1)
            guard case let .votes(votes) = expected else { return XCTFail("\(expected)") }
            XCTAssertGreaterThan(votes.votes.rowCount, 1300)
            XCTAssertTrue(votes.report.lfs.allSatisfy { $0.votes > 0 || $0.failures > 0 || ["keeper", "fragile"].contains($0.name) })
            XCTAssertNotNil(votes.report.lfs[7].firstFailure)
            XCTAssertNotNil(votes.report.lfs[8].firstFailure)
            for threads in [1, 3] {
                for chunkSize in [1, 7, 64, 4096, 1 << 20] {
                    assertSame(fused(url, source, chunkSize: chunkSize, threads: threads), expected,
                               "\(source.idField ?? "line numbers"), \(threads) threads, chunks of \(chunkSize)")
                }
            }
        }
    }

    /// A view an LF keeps stays valid after its block: its storage is not reused.
    func testViewsAnLFKeepsStayValid() throws {
        let url = try write(jsonl(lines: 800))
        Self.keptViews.withLock { $0 = [] }
        guard case .votes = fused(url, ItemSource(idField: "id", goldField: "label"), chunkSize: 64, threads: 2) else {
            return XCTFail("the run failed")
        }
        let kept = Self.keptViews.withLock { $0 }
        Self.keptViews.withLock { $0 = [] }
        let items = try Dictionary(uniqueKeysWithValues: ItemReader(url: url, source: ItemSource(idField: "id", goldField: "label"))
            .readAll().map { ($0.id, $0) })
        XCTAssertGreaterThan(kept.count, 50)
        for view in kept {
            let item = try XCTUnwrap(items[view.item.id])
            XCTAssertEqual(view.item, item)
            XCTAssertEqual(view.lowercasedText, item.text.lowercased())
            XCTAssertEqual(view.withUTF8(lowercased: false) { Array($0) }, Array(item.text.utf8))
            XCTAssertEqual(view.withUTF8(lowercased: true) { Array($0) }, Array(item.text.lowercased().utf8))
            XCTAssertEqual(view.wordCount, item.text.split(whereSeparator: \.isWhitespace).count)
        }
    }

    /// Whatever comes first in file order wins: a malformed line, a duplicate id, a gold label
    /// the task lacks, or a text over the size limit; each alone and before another.
    func testTheFirstErrorInFileOrderIsTheBatchesOne() throws {
        let bad = [
            #"{"id": "bad", "text": 5}"#,             // not a string
            #"{"id": "r3", "text": "again"}"#,        // a duplicate id (with ids from the field)
            #"{"id": "g", "text": "t", "label": 2}"#, // a gold label the task lacks
            #"{"id": "z", "text": "a\u00e9 ünïcode", "label": "x"}"#,
            "{not json",
        ]
        var cases: [[Int: String]] = bad.map { [900: $0] }
        cases += [[300: bad[2], 900: bad[0]], [300: bad[0], 301: bad[2]], [500: bad[1], 501: bad[2]], [600: bad[2], 600 + 1: bad[1]],
                  [100: bad[2], 1100: bad[1]], [20: bad[2], 1190: bad[4]]]
        for (index, change) in cases.enumerated() {
            let url = try write(jsonl(lines: 1200, change: change))
            for source in sources + [ItemSource(goldField: "label", maxTextBytes: 6000)] {
                // Reader batches of 250 items: a gold label's error and a later reader's error
                // fall in the same batch or in two.
                for batchSize in [250, 4096] {
                    let expected = batched(url, source, threads: 1, batchSize: batchSize)
                    for threads in [1, 3] {
                        for chunkSize in [64, 1 << 20] {
                            assertSame(fused(url, source, chunkSize: chunkSize, threads: threads, batchSize: batchSize), expected,
                                       "case \(index), \(source.idField ?? "line numbers"), batches of \(batchSize), \(threads) threads, chunks of \(chunkSize)")
                        }
                    }
                }
            }
        }
    }

    /// CSV is read in batches and viewed as items: the same rows as applying the batches.
    func testCSVAppliesAsBatchesDo() throws {
        var csv = "id,text,label\n"
        for row in 1...700 { csv += "c\(row),\"Check it out \(row) \(row % 7 == 0 ? "é" : "plain")\",\(row % 2)\n" }
        let url = try temporaryDirectory(self).appendingPathComponent("items.csv")
        try Data(csv.utf8).write(to: url)
        let source = ItemSource(idField: "id", textField: "text", goldField: "label")
        for threads in [1, 3] {
            assertSame(fused(url, source, chunkSize: 64, threads: threads), batched(url, source, threads: threads), "CSV, \(threads) threads")
        }
    }

    /// With a vote cache, the reader's batches are applied through it: the same rows, cold
    /// and warm, as without one.
    func testWithACacheTheReadersBatchesAreApplied() throws {
        let url = try write(jsonl(lines: 1500))
        let source = ItemSource(idField: "id", goldField: "label")
        guard case let .votes(expected) = fused(url, source, chunkSize: 4096, threads: 2) else { return XCTFail("the run failed") }
        let cachePath = try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path
        for run in ["cold", "warm"] {
            let applier = try LFApplier(catalog: Self.catalog(), labels: Self.labels, cache: VoteCache(path: cachePath))
            let result = try applier.apply(ItemReader(url: url, source: source, chunkSize: 4096, threads: 2))
            XCTAssertEqual(result.votes, expected.votes, run)
            XCTAssertEqual(result.itemIDs, expected.itemIDs, run)
            XCTAssertEqual(result.gold, expected.gold, run)
            XCTAssertEqual(result.textHashes, expected.textHashes, run)
            XCTAssertEqual(result.report.lfs.map(\.votes), expected.report.lfs.map(\.votes), run)
            XCTAssertEqual(result.report.cacheHits > 0, run == "warm", run)
        }
    }

    /// Streamed, the rows come in runs of at least the batch size and add up to the whole.
    func testStreamedRunsAddUpToTheWhole() throws {
        let url = try write(jsonl(lines: 3000))
        let source = ItemSource(idField: "id", goldField: "label")
        var applier = try LFApplier(catalog: Self.catalog(), labels: Self.labels)
        applier.batchSize = 500
        var runs: [AppliedVotes] = []
        try applier.apply(ItemReader(url: url, source: source, chunkSize: 4096, threads: 2)) { runs.append($0) }
        XCTAssertGreaterThan(runs.count, 3)
        XCTAssertTrue(runs.dropLast().allSatisfy { $0.votes.rowCount >= 500 })
        var whole = runs[0]
        for run in runs.dropFirst() { whole.append(run) }
        assertSame(.votes(whole), batched(url, source, threads: 2), "streamed")
    }
}
