import Foundation
import GRDB
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// What a vote cache holds LF by LF, removing LFs' outcomes, the names stored beside the
/// fingerprints (and their migration from version 1 files), and removal while another
/// connection keeps applying.
final class VoteCacheContentsTests: XCTestCase {
    private let items = (0..<10).map { ItemFingerprint(Item(id: "\($0)", text: "item \($0)")) }

    private func makeCache() throws -> VoteCache {
        try VoteCache(path: temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
    }

    private func entries(_ fingerprint: String, name: String?, count: Int, vote: String = "A") -> [VoteCache.Entry] {
        items.prefix(count).map { .init(fingerprint: fingerprint, name: name, item: $0, outcome: .vote(vote)) }
    }

    func testStoredLFsCountOutcomesPerFingerprintWithTheirNames() throws {
        let cache = try makeCache()
        try cache.store(entries("keyword|b|1", name: "b", count: 4) + entries("keyword|a|1", name: "a", count: 10))
        try cache.store(entries("keyword|a|2", name: "a", count: 3) + entries("custom", name: nil, count: 2))
        XCTAssertEqual(try cache.storedLFs(), [
            .init(fingerprint: "keyword|a|1", name: "a", outcomes: 10),
            .init(fingerprint: "keyword|a|2", name: "a", outcomes: 3),
            .init(fingerprint: "keyword|b|1", name: "b", outcomes: 4),
            .init(fingerprint: "custom", name: nil, outcomes: 2),
        ])
        let expected: [String: String?] = ["keyword|a|1": "a", "keyword|a|2": "a", "keyword|b|1": "b", "custom": nil]
        XCTAssertEqual(try cache.storedNames(), expected)
        XCTAssertGreaterThan(cache.fileBytes(), 0)
    }

    func testRemovingLFsRemovesTheirOutcomesAndNothingElse() throws {
        let cache = try makeCache()
        try cache.store(entries("keyword|a|1", name: "a", count: 10) + entries("keyword|a|2", name: "a", count: 3)
                        + entries("keyword|b|1", name: "b", count: 4))
        let removed = try cache.removeEntries { $0.name == "a" }
        XCTAssertEqual(Set(removed), [.init(fingerprint: "keyword|a|1", name: "a", outcomes: 10),
                                      .init(fingerprint: "keyword|a|2", name: "a", outcomes: 3)])
        XCTAssertEqual(try cache.entryCount(), 4)
        XCTAssertEqual(try cache.storedLFs().map(\.fingerprint), ["keyword|b|1"])
        XCTAssertEqual(try cache.outcomes(of: ["keyword|a|1", "keyword|b|1"], on: [items[0]]), [[nil, .vote("A")]])

        XCTAssertEqual(try cache.removeEntries { _ in true }.map(\.outcomes), [4])
        XCTAssertEqual(try cache.entryCount(), 0)
        XCTAssertEqual(try cache.storedNames().count, 0)
    }

    /// Another process (here another connection) removes an LF while this one goes on: this one
    /// must not read or write under the removed LF's id, which SQLite gives to the next new
    /// fingerprint when it was the largest.
    func testARemovalByAnotherConnectionNeverMixesUpLFs() throws {
        let path = try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path
        let applying = try VoteCache(path: path), clearing = try VoteCache(path: path)
        try applying.store(entries("keyword|b|1", name: "b", count: 10, vote: "B"))
        try applying.store(entries("keyword|a|1", name: "a", count: 10, vote: "A"))   // the largest id
        XCTAssertEqual(try applying.outcomes(of: ["keyword|a|1"], on: [items[0]]), [[.vote("A")]])

        try clearing.removeEntries { $0.name == "a" }
        try applying.store(entries("keyword|c|1", name: "c", count: 10, vote: "C"))   // may take a's old id
        XCTAssertEqual(try applying.outcomes(of: ["keyword|a|1", "keyword|b|1", "keyword|c|1"], on: [items[0]]),
                       [[nil, .vote("B"), .vote("C")]])
        try applying.store(entries("keyword|a|1", name: "a", count: 1, vote: "A"))
        XCTAssertEqual(try clearing.outcomes(of: ["keyword|a|1", "keyword|c|1"], on: [items[0]]), [[.vote("A"), .vote("C")]])
    }

    func testAVersion1CacheGetsTheNamesOfWSLabelsOwnKindsAndKeepsItsOutcomes() throws {
        let path = try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path
        // A version 1 file, as wslabel wrote it before names were stored.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TABLE lfs (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE);
                CREATE TABLE votes (item BLOB NOT NULL, lf INTEGER NOT NULL REFERENCES lfs(id), vote TEXT, failure TEXT,
                                    PRIMARY KEY (item, lf)) WITHOUT ROWID;
                PRAGMA application_id = \(VoteCacheSchema.applicationID);
                PRAGMA user_version = 1;
                INSERT INTO lfs (id, fingerprint) VALUES (1, 'heuristic|short|1'), (2, 'keyword|kw|1|SPAM|false|substring|free'),
                    (3, 'regex|rx|1|SPAM|false|a|b'), (4, 'my-own-lf-type:v3'), (5, 'keyword||1');
                """)
            for id in 1...5 {
                try db.execute(sql: "INSERT INTO votes (item, lf, vote) VALUES (?, ?, 'SPAM')", arguments: [Data(items[0].bytes), id])
            }
        }
        let cache = try VoteCache(path: path)
        let expected: [String: String?] = ["heuristic|short|1": "short", "keyword|kw|1|SPAM|false|substring|free": "kw",
                                           "regex|rx|1|SPAM|false|a|b": "rx", "my-own-lf-type:v3": nil, "keyword||1": nil]
        XCTAssertEqual(try cache.storedNames(), expected)
        XCTAssertEqual(try cache.outcomes(of: ["heuristic|short|1"], on: [items[0]]), [[.vote("SPAM")]])
        let version = try cache.database.read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        XCTAssertEqual(version, VoteCacheSchema.currentVersion)
        // Opening it again does not migrate twice.
        XCTAssertEqual(try VoteCache(path: path).storedNames().count, 5)
    }
}
