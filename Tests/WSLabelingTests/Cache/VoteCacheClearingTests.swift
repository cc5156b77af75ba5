import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// `wslabel cache clear`: everything, LFs by name or glob, the stale fingerprints, or both.
final class VoteCacheClearingTests: XCTestCase {
    private let task: [any LabelingFunction] = [
        KeywordLF("keyword_refund", keywords: ["refund", "refunds"], label: "A"),
        KeywordLF("keyword_login", keywords: ["login"], label: "A"),
        KeywordLF("regex_like", keywords: ["x"], label: "A"),
    ]
    private let item = ItemFingerprint(Item(id: "1", text: "x"))

    /// A cache with every task LF's outcome, an old version of keyword_refund and a gone LF.
    private func makeCache() throws -> VoteCache {
        let cache = try VoteCache(path: temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        var entries = task.map { VoteCache.Entry(fingerprint: $0.fingerprint, name: $0.name, item: item, outcome: .abstain) }
        entries.append(.init(fingerprint: "keyword|keyword_refund|1|A|false|substring|refund", name: "keyword_refund", item: item, outcome: .abstain))
        entries.append(.init(fingerprint: "regex|regex_gone|1|A|false|x", name: "regex_gone", item: item, outcome: .abstain))
        try cache.store(entries)
        return cache
    }

    private func remaining(_ cache: VoteCache) throws -> [String] {
        try cache.storedLFs().map { $0.name ?? "?" }
    }

    func testEverything() throws {
        let cache = try makeCache()
        let result = try VoteCacheClearing().clear(cache, taskLFs: [])
        XCTAssertEqual(result.votes, 5)
        XCTAssertEqual(result.path, cache.path)
        XCTAssertEqual(try cache.entryCount(), 0)
    }

    func testLFsByNameAndGlobEveryVersion() throws {
        let cache = try makeCache()
        let result = try VoteCacheClearing(lfPatterns: ["keyword_ref*", "regex_gone"]).clear(cache, taskLFs: task)
        XCTAssertEqual(result.removed.map { $0.name ?? "?" }, ["keyword_refund", "keyword_refund", "regex_gone"])
        XCTAssertEqual(result.votes, 3)
        XCTAssertEqual(try remaining(cache), ["keyword_login", "regex_like"])
    }

    func testStaleFingerprintsOnly() throws {
        let cache = try makeCache()
        let result = try VoteCacheClearing(stale: true).clear(cache, taskLFs: task)
        XCTAssertEqual(Set(result.removed.map(\.fingerprint)),
                       ["keyword|keyword_refund|1|A|false|substring|refund", "regex|regex_gone|1|A|false|x"])
        XCTAssertEqual(try cache.storedLFs().map(\.fingerprint).sorted(), task.map(\.fingerprint).sorted())
    }

    func testStaleAndAPatternTogether() throws {
        let cache = try makeCache()
        XCTAssertEqual(try VoteCacheClearing(lfPatterns: ["keyword_login"], stale: true).clear(cache, taskLFs: task).votes, 3)
        XCTAssertEqual(try remaining(cache), ["keyword_refund", "regex_like"])
    }

    func testAPatternMatchingNoLFIsAnErrorNamingItAndRemovesNothing() throws {
        let cache = try makeCache()
        XCTAssertThrowsError(try VoteCacheClearing(lfPatterns: ["keyword_login", "keyword_logn"]).clear(cache, taskLFs: task)) { error in
            let message = error.localizedDescription
            XCTAssertTrue(message.hasPrefix("keyword_logn matches no LF of the task or its vote cache"), message)
            XCTAssertTrue(message.contains("regex_gone"), "lists the cache's names too: \(message)")
        }
        XCTAssertEqual(try cache.entryCount(), 5)
        // A task LF with nothing cached is a match: nothing to remove is not a typo.
        let cacheWithoutLogin = try makeCache()
        try cacheWithoutLogin.removeEntries { $0.name == "keyword_login" }
        XCTAssertEqual(try VoteCacheClearing(lfPatterns: ["keyword_login"]).clear(cacheWithoutLogin, taskLFs: task).votes, 0)
    }
}
