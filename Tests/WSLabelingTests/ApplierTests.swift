import Foundation
import Synchronization
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// Counts LF invocations by name, from any thread.
final class InvocationCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func record(_ name: String) { counts.withLock { $0[name, default: 0] += 1 } }
    subscript(name: String) -> Int { counts.withLock { $0[name] ?? 0 } }
    func reset() { counts.withLock { $0 = [:] } }
}

struct LFBoom: Error, CustomStringConvertible {
    var description: String { "boom: the LF could not parse this item" }
}

final class ApplierTests: XCTestCase {
    static let labels = ["HAM", "SPAM"]

    /// Items whose texts mix keywords, lengths and numbers so every LF both votes and abstains.
    static func items(_ count: Int) -> [Item] {
        let words = ["check", "out", "my", "channel", "great", "song", "subscribe", "love", "free", "video", "please"]
        return (0..<count).map { index in
            var state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
            var text: [String] = []
            for _ in 0..<(1 + index % 9) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(words[Int(state >> 33) % words.count])
            }
            if index % 5 == 0 { text.append("\(index)") }
            return Item(id: "item-\(index)", text: text.joined(separator: " "), gold: index % 3 == 0 ? "SPAM" : "HAM")
        }
    }

    /// The catalog under test; `changed` edits one heuristic (new version and logic) and one
    /// keyword LF (new keywords), leaving the rest alone.
    static func catalog(counter: InvocationCounter, changed: Bool = false) throws -> LFCatalog {
        try LFCatalog {
            KeywordLF("keyword_subscribe", keywords: changed ? ["subscribe", "channel"] : ["subscribe"], label: "SPAM")
            try RegexLF("regex_check_out", pattern: "check.*out", label: "SPAM")
            HeuristicLF("short", version: changed ? 2 : 1) { item in
                counter.record("short")
                return item.wordCount < (changed ? 4 : 3) ? "HAM" : nil
            }
            HeuristicLF("song") { item in
                counter.record("song")
                return item.tokens.contains("song") ? "HAM" : nil
            }
            HeuristicLF("fragile") { item in
                counter.record("fragile")
                if item.tokens.contains(where: { $0.allSatisfy(\.isNumber) }) { throw LFBoom() }
                return item.tokens.contains("free") ? "SPAM" : nil
            }
            HeuristicLF("sloppy_label") { item in
                counter.record("sloppy_label")
                return item.tokens.contains("love") ? "Ham" : nil
            }
        }
    }

    /// The votes computed the slow, obvious way: one LF at a time, sequentially.
    static func expectedVotes(_ items: [Item], _ catalog: LFCatalog) throws -> VoteMatrix {
        let rows = items.map { item in
            let view = ItemView(item)
            return catalog.functions.map { function -> Int in
                guard let label = try? function.vote(on: view) else { return VoteMatrix.abstain }
                return labels.firstIndex(of: label) ?? VoteMatrix.abstain
            }
        }
        return try VoteMatrix(denseRows: rows, classCount: labels.count, lfCount: catalog.functions.count)
    }

    func cachePath() throws -> String {
        try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path
    }

    // MARK: Votes and order

    func testVotesMatchTheObviousComputationForAnyThreadCountAndBatchSize() throws {
        let items = Self.items(3_000)
        let catalog = try Self.catalog(counter: InvocationCounter())
        let expected = try Self.expectedVotes(items, catalog)
        var reference: AppliedVotes?
        for (threads, batchSize) in [(1, 4096), (1, 7), (2, 100), (8, 333), (3, 4096)] {
            var applier = try LFApplier(catalog: catalog, labels: Self.labels)
            applier.threads = threads
            applier.batchSize = batchSize
            let result = try applier.apply(items)
            XCTAssertEqual(result.votes, expected, "threads \(threads), batch \(batchSize)")
            XCTAssertEqual(result.itemIDs, items.map(\.id))
            XCTAssertEqual(result.gold, items.map { $0.gold == "SPAM" ? 1 : 0 })
            if let reference {
                XCTAssertEqual(Self.withoutTiming(result.report), Self.withoutTiming(reference.report))
            } else {
                reference = result
            }
        }
        XCTAssertGreaterThan(expected.voteCount, 1_000)
    }

    func testAThrowingLFAbstainsAndIsCountedWithItsFirstMessage() throws {
        let items = Self.items(200)
        let result = try LFApplier(catalog: try Self.catalog(counter: InvocationCounter()), labels: Self.labels).apply(items)
        let fragile = 4
        let throwing = items.indices.filter { items[$0].text.split(separator: " ").contains { $0.allSatisfy(\.isNumber) } }
        XCTAssertEqual(throwing.count, 40)
        XCTAssertEqual(result.report.lfs[fragile].failures, throwing.count)
        XCTAssertEqual(result.report.lfs[fragile].unknownLabels, 0)
        XCTAssertEqual(result.report.lfs[fragile].evaluations, items.count)
        XCTAssertEqual(result.report.lfs[fragile].firstFailure, "item item-0: boom: the LF could not parse this item")
        for row in throwing { XCTAssertEqual(result.votes.vote(row: row, lf: fragile), VoteMatrix.abstain) }
        XCTAssertGreaterThan(result.report.lfs[fragile].votes, 0, "the LF still votes where it does not throw")
    }

    func testAVoteForAnUnknownLabelIsAFailureAndAnAbstain() throws {
        let items = Self.items(300)
        let result = try LFApplier(catalog: try Self.catalog(counter: InvocationCounter()), labels: Self.labels).apply(items)
        let sloppy = 5
        let loving = items.indices.filter { items[$0].text.split(separator: " ").contains("love") }
        XCTAssertFalse(loving.isEmpty)
        XCTAssertEqual(result.report.lfs[sloppy].failures, loving.count)
        XCTAssertEqual(result.report.lfs[sloppy].unknownLabels, loving.count)
        XCTAssertEqual(result.report.lfs[sloppy].votes, 0)
        XCTAssertEqual(result.report.lfs[sloppy].firstFailure,
                       #"item \#(items[loving[0]].id): voted "Ham", which is not one of the task's labels (HAM, SPAM); counted as an abstain"#)
        XCTAssertTrue((0..<items.count).allSatisfy { result.votes.vote(row: $0, lf: sloppy) == VoteMatrix.abstain })
    }

    func testDeclaredLabelsAndGoldLabelsAreChecked() throws {
        let unknownDeclared = try LFCatalog { KeywordLF("k", keywords: ["x"], label: "EGGS") }
        XCTAssertThrowsError(try LFApplier(catalog: unknownDeclared, labels: Self.labels))
        XCTAssertThrowsError(try LFApplier(catalog: unknownDeclared, labels: ["EGGS"]))
        XCTAssertThrowsError(try LFApplier(catalog: unknownDeclared, labels: ["EGGS", "EGGS"]))

        let applier = try LFApplier(catalog: try Self.catalog(counter: InvocationCounter()), labels: Self.labels)
        XCTAssertThrowsError(try applier.apply([Item(id: "a", text: "hi", gold: "HAM"), Item(id: "b", text: "x", gold: "spam")])) { error in
            XCTAssertEqual(error.localizedDescription,
                           #"record "b", field gold: gold label "spam" is not one of the task's labels (HAM, SPAM)"#)
        }
        let noGold = try applier.apply([Item(id: "a", text: "hi")])
        XCTAssertEqual(noGold.gold, [nil])
        XCTAssertFalse(noGold.hasGold)
    }

    // MARK: Streaming and progress

    func testStreamedBatchesGiveTheSameRowsAndReportProgressPerBatch() throws {
        let items = Self.items(1_050)
        let catalog = try Self.catalog(counter: InvocationCounter())
        var applier = try LFApplier(catalog: catalog, labels: Self.labels)
        applier.batchSize = 256
        let whole = try applier.apply(items)

        let pieces = [Array(items[0..<300]), [], Array(items[300..<350]), Array(items[350...])]
        var progress: [[Int?]] = []
        let streamed = try applier.apply(batches: pieces, expectedCount: items.count) { done, total in
            progress.append([done, total])
        }
        XCTAssertEqual(streamed.votes, whole.votes)
        XCTAssertEqual(streamed.itemIDs, whole.itemIDs)
        XCTAssertEqual(progress, [256, 300, 350, 606, 862, 1_050].map { [$0, 1_050] })

        var appended = try applier.apply(batch: pieces[0])
        for piece in pieces.dropFirst() { appended.append(try applier.apply(batch: piece)) }
        XCTAssertEqual(appended.votes, whole.votes)
        XCTAssertEqual(Self.withoutTiming(appended.report), Self.withoutTiming(whole.report))

        struct ReaderFailed: Error {}
        var calls = 0
        XCTAssertThrowsError(try applier.apply { () throws -> [Item]? in
            calls += 1
            if calls == 3 { throw ReaderFailed() }
            return Array(items[0..<10])
        }) { XCTAssertTrue($0 is ReaderFailed) }
    }

    // MARK: The vote cache

    func testEditingOneLFReevaluatesOnlyThatLF() throws {
        let items = Self.items(2_500)
        let counter = InvocationCounter()
        let cache = try VoteCache(path: try cachePath())
        var applier = try LFApplier(catalog: try Self.catalog(counter: counter), labels: Self.labels, cache: cache)
        applier.batchSize = 1_000

        let first = try applier.apply(items)
        for name in ["short", "song", "fragile", "sloppy_label"] { XCTAssertEqual(counter[name], items.count, name) }
        XCTAssertEqual(first.report.cacheHits, 0)
        XCTAssertEqual(try cache.entryCount(), items.count * 6)

        // Same catalog again: everything comes from the cache, failures included.
        counter.reset()
        let second = try applier.apply(items)
        for name in ["short", "song", "fragile", "sloppy_label"] { XCTAssertEqual(counter[name], 0, name) }
        XCTAssertEqual(second.votes, first.votes)
        XCTAssertEqual(second.report.evaluations, 0)
        XCTAssertEqual(second.report.cacheHits, items.count * 6)
        for (cached, computed) in zip(second.report.lfs, first.report.lfs) {
            XCTAssertEqual(cached.failures, computed.failures)
            XCTAssertEqual(cached.firstFailure, computed.firstFailure)
            XCTAssertEqual(cached.votes, computed.votes)
        }

        // Edit the heuristic "short" and the keyword LF, then apply again with more items.
        counter.reset()
        let moreItems = Self.items(2_600)
        let changed = try Self.catalog(counter: counter, changed: true)
        var changedApplier = try LFApplier(catalog: changed, labels: Self.labels, cache: cache)
        changedApplier.batchSize = 1_000
        let third = try changedApplier.apply(moreItems)
        XCTAssertEqual(counter["short"], moreItems.count)
        for name in ["song", "fragile", "sloppy_label"] { XCTAssertEqual(counter[name], 100, "\(name): only the new items") }
        XCTAssertEqual(third.report.lfs.map(\.evaluations), [2_600, 100, 2_600, 100, 100, 100])
        XCTAssertEqual(third.report.lfs.map(\.cacheHits), [0, 2_500, 0, 2_500, 2_500, 2_500])

        let fromScratch = try LFApplier(catalog: changed, labels: Self.labels).apply(moreItems)
        XCTAssertEqual(third.votes, fromScratch.votes)
        XCTAssertEqual(third.votes, try Self.expectedVotes(moreItems, changed))
        XCTAssertEqual(third.report.lfs.map(\.failures), fromScratch.report.lfs.map(\.failures))
        XCTAssertNotEqual(third.votes, first.votes.appending(fromScratch.votes.selectingRows(2_500..<2_600)))
    }

    func testCachedFailuresAreRetriedOnlyWhenAsked() throws {
        let items = Self.items(100)
        let counter = InvocationCounter()
        let cache = try VoteCache(path: try cachePath())
        var applier = try LFApplier(catalog: try Self.catalog(counter: counter), labels: Self.labels, cache: cache)
        _ = try applier.apply(items)
        counter.reset()
        applier.retryFailures = true
        let retried = try applier.apply(items)
        XCTAssertEqual(counter["fragile"], 20, "the 20 items on which it threw")
        XCTAssertEqual(counter["song"], 0)
        XCTAssertEqual(retried.report.lfs[4].evaluations, 20)
        XCTAssertEqual(retried.report.lfs[4].failures, 20)
    }

    func testTheCacheDoesNotChangeVotesAcrossThreadCounts() throws {
        let items = Self.items(1_500)
        let catalog = try Self.catalog(counter: InvocationCounter())
        let cache = try VoteCache(path: try cachePath())
        var results: [AppliedVotes] = []
        for threads in [1, 4] {
            // The first run fills half the cache, the second finds that half and fills the rest.
            var applier = try LFApplier(catalog: catalog, labels: Self.labels, cache: cache)
            applier.threads = threads
            applier.batchSize = 128
            results.append(try applier.apply(threads == 1 ? Array(items.prefix(750)) : items))
        }
        XCTAssertEqual(results[1].votes, try Self.expectedVotes(items, catalog))
        XCTAssertEqual(results[1].report.lfs.map(\.cacheHits), Array(repeating: 750, count: 6))
    }

    static func withoutTiming(_ report: ApplyReport) -> ApplyReport {
        var report = report
        report.seconds = 0
        return report
    }
}
