import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// `wslabel cache stats`' numbers: outcomes under a task LF's fingerprint now are current,
/// the rest stale, counted toward their name.
final class VoteCacheStatisticsTests: XCTestCase {
    private let lfs: [any LabelingFunction] = [
        KeywordLF("keyword_refund", keywords: ["refund", "refunds"], label: "BILLING"),
        KeywordLF("keyword_login", keywords: ["login"], label: "ACCOUNT"),
        KeywordLF("keyword_new", keywords: ["new"], label: "ACCOUNT"),
    ]

    func testCurrentStaleGoneAndUnnamedOutcomes() {
        let stored: [VoteCache.StoredLF] = [
            .init(fingerprint: lfs[0].fingerprint, name: "keyword_refund", outcomes: 440),
            .init(fingerprint: "keyword|keyword_refund|1|BILLING|false|substring|refund", name: "keyword_refund", outcomes: 440),
            .init(fingerprint: "keyword|keyword_refund|1|BILLING|false|substring|refund\u{1F}refund!", name: "keyword_refund", outcomes: 300),
            .init(fingerprint: lfs[1].fingerprint, name: "keyword_login", outcomes: 440),
            .init(fingerprint: "regex|regex_gone|1|x", name: "regex_gone", outcomes: 100),
            .init(fingerprint: "old-custom", name: nil, outcomes: 7),
            .init(fingerprint: "older-custom", name: nil, outcomes: 3),
        ]
        let statistics = VoteCacheStatistics(path: "votes.sqlite", fileBytes: 4096, stored: stored, lfs: lfs)
        XCTAssertEqual(statistics.lfs, [
            .init(name: "keyword_refund", fingerprint: lfs[0].fingerprint, votes: 440, staleVotes: 740, staleFingerprints: 2, inTask: true),
            .init(name: "keyword_login", fingerprint: lfs[1].fingerprint, votes: 440, staleVotes: 0, staleFingerprints: 0, inTask: true),
            .init(name: "keyword_new", fingerprint: lfs[2].fingerprint, votes: 0, staleVotes: 0, staleFingerprints: 0, inTask: true),
            .init(name: "regex_gone", fingerprint: nil, votes: 0, staleVotes: 100, staleFingerprints: 1, inTask: false),
            .init(name: nil, fingerprint: nil, votes: 0, staleVotes: 10, staleFingerprints: 2, inTask: false),
        ])
        XCTAssertEqual(statistics.totalVotes, 440 + 440 + 300 + 440 + 100 + 7 + 3)
        XCTAssertEqual(statistics.staleVotes, 740 + 100 + 10)
    }

    func testTheShortFingerprintIsStableAndTellsFingerprintsApart() {
        let short = VoteCacheStatistics.shortFingerprint(lfs[0].fingerprint)
        XCTAssertEqual(short.count, 8)
        XCTAssertTrue(short.allSatisfy(\.isHexDigit))
        XCTAssertEqual(short, VoteCacheStatistics.shortFingerprint(lfs[0].fingerprint))
        XCTAssertNotEqual(short, VoteCacheStatistics.shortFingerprint(lfs[1].fingerprint))
        // The top 32 bits of FNV-1a 128 over the length-prefixed string (computed by an
        // independent Python implementation): pinned so that ids a user noted stay valid.
        XCTAssertEqual(VoteCacheStatistics.shortFingerprint(""), "9d30c1f7")
    }

    func testStatisticsOfARealCache() throws {
        let cache = try VoteCache(path: temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        let items = (0..<5).map { Item(id: "\($0)", text: $0 % 2 == 0 ? "refund please" : "login fails") }
        _ = try LFApplier(catalog: LFCatalog(lfs), labels: ["BILLING", "ACCOUNT"], cache: cache).apply(items)
        let statistics = try VoteCacheStatistics(cache: cache, lfs: lfs)
        XCTAssertEqual(statistics.lfs.map(\.votes), [5, 5, 5])
        XCTAssertEqual(statistics.totalVotes, 15)
        XCTAssertEqual(statistics.path, cache.path)
        XCTAssertGreaterThan(statistics.fileBytes, 0)
    }
}
