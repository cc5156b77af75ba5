import Foundation
import GRDB
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

final class VoteCacheTests: XCTestCase {
    // MARK: Item fingerprints

    func testFNV1a128MatchesReferenceVectors() {
        var empty = FNV1a128()
        empty.combine(bytes: [])
        XCTAssertEqual(String(empty.state, radix: 16), "6c62272e07bb014262b821756295c58d")
        var letter = FNV1a128()
        letter.combine(bytes: Array("a".utf8))
        XCTAssertEqual(String(letter.state, radix: 16), "d228cb696f1a8caf78912b704e4a8964")
    }

    func testItemFingerprintIsPinnedAndIgnoresFieldOrder() {
        // The value is computed by an independent Python implementation of the documented
        // encoding; it must never change, or every user's cache silently goes cold.
        let item = Item(id: "42", text: "Check out my channel",
                        fields: ["text": "Check out my channel", "author": "Ann"], gold: "SPAM")
        XCTAssertEqual(ItemFingerprint(item).hexString, "a4619336cea1351b7e071226d322435e")

        var reordered: [String: String] = [:]
        reordered["author"] = "Ann"
        reordered["text"] = "Check out my channel"
        XCTAssertEqual(ItemFingerprint(Item(id: "42", text: "Check out my channel", fields: reordered, gold: "SPAM")),
                       ItemFingerprint(item))
        XCTAssertEqual(ItemFingerprint(bytes: ItemFingerprint(item).bytes), ItemFingerprint(item))
    }

    func testItemFingerprintChangesWithEveryPartAnLFCanRead() {
        let base = Item(id: "1", text: "ab", fields: ["x": "c"], gold: "HAM")
        let variants = [
            Item(id: "2", text: "ab", fields: ["x": "c"], gold: "HAM"),
            Item(id: "1", text: "ab!", fields: ["x": "c"], gold: "HAM"),
            Item(id: "1", text: "ab", fields: ["x": "d"], gold: "HAM"),
            Item(id: "1", text: "ab", fields: ["y": "c"], gold: "HAM"),
            Item(id: "1", text: "ab", fields: ["x": "c"], gold: nil),
            Item(id: "1", text: "ab", fields: ["x": "c"], gold: "SPAM"),
            // Moving a boundary between parts must change the hash too.
            Item(id: "1a", text: "b", fields: ["x": "c"], gold: "HAM"),
        ]
        let fingerprints = Set(([base] + variants).map(ItemFingerprint.init))
        XCTAssertEqual(fingerprints.count, variants.count + 1)
    }

    // MARK: Storing and reading

    func testStoredOutcomesAreReadBackAcrossChunksAndReopening() throws {
        let path = try temporaryDirectory(self).appendingPathComponent("nested/folder/votes.sqlite").path
        let items = (0..<1_200).map { ItemFingerprint(Item(id: "\($0)", text: "text \($0)")) }
        let outcomes: [LFOutcome] = [.vote("SPAM"), .abstain, .failed("boom: bad input")]
        do {
            let cache = try VoteCache(path: path)
            var entries: [VoteCache.Entry] = []
            for (index, item) in items.enumerated() where index % 4 != 3 {
                entries.append(.init(fingerprint: "lf-a|1", item: item, outcome: outcomes[index % 3]))
            }
            entries.append(.init(fingerprint: "lf-b|1", item: items[7], outcome: .vote("HAM")))
            try cache.store(entries)
            XCTAssertEqual(try cache.entryCount(), 900 + 1)
        }

        let cache = try VoteCache(path: path)
        // Ask in another order, with a duplicate, an unknown item and an unknown LF.
        let unknownItem = ItemFingerprint(Item(id: "none", text: ""))
        let query = items.reversed() + [items[7], unknownItem]
        let found = try cache.outcomes(of: ["lf-never-stored", "lf-a|1", "lf-b|1"], on: query)
        XCTAssertEqual(found.count, query.count)
        for (row, item) in query.enumerated() {
            XCTAssertNil(found[row][0])
            if item == unknownItem {
                XCTAssertEqual(found[row], [nil, nil, nil])
                continue
            }
            let index = items.firstIndex(of: item)!
            XCTAssertEqual(found[row][1], index % 4 == 3 ? nil : outcomes[index % 3], "item \(index)")
            XCTAssertEqual(found[row][2], index == 7 ? .vote("HAM") : nil)
        }
    }

    func testStoringAgainReplacesAnOutcome() throws {
        let cache = try VoteCache(path: try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        let item = ItemFingerprint(Item(id: "1", text: "x"))
        try cache.store([.init(fingerprint: "lf", item: item, outcome: .failed("timeout"))])
        try cache.store([.init(fingerprint: "lf", item: item, outcome: .vote("SPAM"))])
        XCTAssertEqual(try cache.outcomes(of: ["lf"], on: [item]), [[.vote("SPAM")]])
        XCTAssertEqual(try cache.entryCount(), 1)
    }

    func testRemovingStaleFingerprintsKeepsTheOthers() throws {
        let cache = try VoteCache(path: try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        let items = (0..<10).map { ItemFingerprint(Item(id: "\($0)", text: "")) }
        try cache.store(items.map { .init(fingerprint: "old|1", item: $0, outcome: .abstain) }
            + items.map { .init(fingerprint: "new|2", item: $0, outcome: .vote("A")) })
        XCTAssertEqual(try cache.removeEntries(keepingOnly: ["new|2"]), 10)
        XCTAssertEqual(try cache.entryCount(), 10)
        XCTAssertEqual(try cache.outcomes(of: ["old|1", "new|2"], on: [items[0]]), [[nil, .vote("A")]])
        // The removed fingerprint can come back.
        try cache.store([.init(fingerprint: "old|1", item: items[0], outcome: .vote("B"))])
        XCTAssertEqual(try cache.outcomes(of: ["old|1"], on: [items[0]]), [[.vote("B")]])
    }

    func testTheCacheIsInWALMode() throws {
        let cache = try VoteCache(path: try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        let mode = try cache.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
    }

    // MARK: Files that are not (this version of) a vote cache

    func testANewerSchemaVersionIsRefusedWithAClearMessage() throws {
        let path = try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path
        do {
            let cache = try VoteCache(path: path)
            try cache.database.write { try $0.execute(sql: "PRAGMA user_version = 7") }
        }
        XCTAssertThrowsError(try VoteCache(path: path)) { error in
            guard case let .fileAccess(errorPath, message)? = error as? WSLabelError else {
                return XCTFail("expected fileAccess, got \(error)")
            }
            XCTAssertEqual(errorPath, path)
            XCTAssertTrue(message.contains("schema version 7, newer than the version \(VoteCacheSchema.currentVersion)"), message)
        }
    }

    func testOtherFilesAreRefusedAsFileAccessErrors() throws {
        let directory = try temporaryDirectory(self)

        let foreign = directory.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE people (name TEXT)") }
        assertFileAccessError(try VoteCache(path: foreign), path: foreign, mentioning: "not a wslabel vote cache")

        let text = directory.appendingPathComponent("notes.txt")
        try String(repeating: "these are not the votes you are looking for\n", count: 100).write(to: text, atomically: true, encoding: .utf8)
        assertFileAccessError(try VoteCache(path: text.path), path: text.path, mentioning: "not a SQLite database")

        assertFileAccessError(try VoteCache(path: directory.path), path: directory.path, mentioning: "cannot open")

        let blocker = directory.appendingPathComponent("file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let underAFile = blocker.appendingPathComponent("votes.sqlite").path
        assertFileAccessError(try VoteCache(path: underAFile), path: underAFile, mentioning: "folder")
    }

    private func assertFileAccessError(_ body: @autoclosure () throws -> some Any, path: String, mentioning text: String,
                                       line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            guard case let .fileAccess(errorPath, message)? = error as? WSLabelError else {
                return XCTFail("expected fileAccess, got \(error)", line: line)
            }
            XCTAssertEqual(errorPath, path, line: line)
            XCTAssertTrue(message.contains(text), "\(message) does not mention \(text)", line: line)
        }
    }

    // MARK: Crash safety

    func testAFailedWriteStoresNothingAndTheCacheStaysUsable() throws {
        let cache = try VoteCache(path: try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        let items = (0..<100).map { ItemFingerprint(Item(id: "\($0)", text: "")) }
        try cache.store(items.map { .init(fingerprint: "kept", item: $0, outcome: .vote("A")) })
        struct Interrupted: Error {}
        XCTAssertThrowsError(try cache.store(items.map { .init(fingerprint: "lost", item: $0, outcome: .vote("B")) },
                                             beforeCommit: { throw Interrupted() }))
        XCTAssertEqual(try cache.entryCount(), 100)
        XCTAssertEqual(try cache.outcomes(of: ["kept", "lost"], on: [items[0]]), [[.vote("A"), nil]])
        // The rolled-back LF id must not be remembered: storing the same fingerprint works.
        try cache.store([.init(fingerprint: "lost", item: items[0], outcome: .vote("B"))])
        XCTAssertEqual(try cache.outcomes(of: ["kept", "lost"], on: [items[0]]), [[.vote("A"), .vote("B")]])
    }

    /// A child process (this test binary, running ``testChildWriterForCrashTest``) commits three
    /// batches, then is killed with SIGKILL in the middle of a large fourth one whose pages have
    /// already spilled into the WAL. The reopened cache holds exactly the three batches.
    func testAWriterKilledMidBatchLosesOnlyThatBatch() throws {
        let executable = CommandLine.arguments[0]
        guard executable.hasSuffix(".xctest"), FileManager.default.isExecutableFile(atPath: executable) else {
            throw XCTSkip("needs to re-run the test binary as a child process; \(executable) is not one")
        }
        let directory = try temporaryDirectory(self)
        let path = directory.appendingPathComponent("votes.sqlite").path
        let ready = directory.appendingPathComponent("ready").path

        let child = Process()
        child.executableURL = URL(fileURLWithPath: executable)
        child.arguments = ["WSLabelingTests.VoteCacheTests/testChildWriterForCrashTest"]
        child.environment = ProcessInfo.processInfo.environment.merging(
            [Self.childCacheVariable: path, Self.childReadyVariable: ready]) { _, new in new }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }

        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: ready) {
            guard child.isRunning else { return XCTFail("the child writer exited early with status \(child.terminationStatus)") }
            guard Date() < deadline else { return XCTFail("the child writer never reached its fourth batch") }
            usleep(20_000)
        }
        let walBytes = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)
        // The uncommitted batch was large enough to be written into the WAL before the kill.
        XCTAssertGreaterThan(walBytes, 1_000_000)

        let cache = try VoteCache(path: path)
        XCTAssertEqual(try cache.entryCount(), 3 * Self.committedBatchSize)
        let integrity = try cache.database.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(integrity, "ok")
        let committed = Self.childEntries(batch: 2, count: Self.committedBatchSize)
        XCTAssertEqual(try cache.outcomes(of: ["lf|1"], on: committed.map(\.item)).map { $0[0] }, committed.map(\.outcome))
        let lost = Self.childEntries(batch: 3, count: 10)
        XCTAssertEqual(try cache.outcomes(of: ["lf|1"], on: lost.map(\.item)).map { $0[0] }, Array(repeating: nil, count: 10))
        // And the cache keeps working.
        try cache.store(lost)
        XCTAssertEqual(try cache.entryCount(), 3 * Self.committedBatchSize + 10)
    }

    static let childCacheVariable = "WSLABEL_TEST_CRASH_CHILD_CACHE"
    static let childReadyVariable = "WSLABEL_TEST_CRASH_CHILD_READY"
    static let committedBatchSize = 1_000

    static func childEntries(batch: Int, count: Int) -> [VoteCache.Entry] {
        (0..<count).map { index in
            let item = ItemFingerprint(Item(id: "\(batch)-\(index)", text: "item \(index) of batch \(batch)"))
            let outcome: LFOutcome = index % 2 == 0 ? .vote("label-\(batch)") : .abstain
            return .init(fingerprint: "lf|1", item: item, outcome: outcome)
        }
    }

    /// The child side of ``testAWriterKilledMidBatchLosesOnlyThatBatch``; does nothing in a
    /// normal test run.
    func testChildWriterForCrashTest() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment[Self.childCacheVariable], let ready = environment[Self.childReadyVariable] else { return }
        let cache = try VoteCache(path: path)
        for batch in 0..<3 { try cache.store(Self.childEntries(batch: batch, count: Self.committedBatchSize)) }
        // A small page cache makes SQLite spill the open transaction's pages into the WAL, the
        // harder case for recovery (the parent checks the WAL grew).
        try cache.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = -256") }
        try cache.store(Self.childEntries(batch: 3, count: 100_000), beforeCommit: {
            _ = FileManager.default.createFile(atPath: ready, contents: Data())
            while true { sleep(60) }
        })
    }
}
