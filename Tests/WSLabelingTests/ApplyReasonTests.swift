import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// Why the applier evaluated each LF (``ApplyReport/EvaluationReason``): new, edited, no cache,
/// or new items, read from what the cache held when the apply began.
final class ApplyReasonTests: XCTestCase {
    private func applier(_ catalog: LFCatalog, cache: VoteCache?) throws -> LFApplier {
        var applier = try LFApplier(catalog: catalog, labels: ApplierTests.labels, cache: cache)
        applier.batchSize = 100
        return applier
    }

    private func reasons(_ report: ApplyReport) -> [ApplyReport.EvaluationReason?] {
        report.lfs.map(\.evaluationReason)
    }

    func testWithoutACacheEveryLFRunsForThatReason() throws {
        let catalog = try ApplierTests.catalog(counter: InvocationCounter())
        let applied = try applier(catalog, cache: nil).apply(ApplierTests.items(50))
        XCTAssertEqual(reasons(applied.report), Array(repeating: .noCache, count: 6))
        XCTAssertEqual(applied.report.evaluatedLFs.map(\.name), catalog.names)
    }

    func testNewThenCachedThenEditedAndNewItems() throws {
        let cache = try VoteCache(path: temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        let items = ApplierTests.items(300)
        let catalog = try ApplierTests.catalog(counter: InvocationCounter())

        // Several batches: the status is the one before the first batch stored anything.
        let first = try applier(catalog, cache: cache).apply(items)
        XCTAssertEqual(reasons(first.report), Array(repeating: .new, count: 6))

        let second = try applier(catalog, cache: cache).apply(items)
        XCTAssertEqual(reasons(second.report), Array(repeating: nil, count: 6))
        XCTAssertTrue(second.report.evaluatedLFs.isEmpty)

        // keyword_subscribe and short are edited; 20 items are new to every LF.
        let changed = try ApplierTests.catalog(counter: InvocationCounter(), changed: true)
        let third = try applier(changed, cache: cache).apply(ApplierTests.items(320))
        XCTAssertEqual(reasons(third.report), [.edited, .newItems(20), .edited, .newItems(20), .newItems(20), .newItems(20)])
        XCTAssertEqual(third.report.evaluatedLFs.map(\.name), changed.names)
    }

    func testAClearedLFIsNewAgain() throws {
        let cache = try VoteCache(path: temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        let items = ApplierTests.items(100)
        let catalog = try ApplierTests.catalog(counter: InvocationCounter())
        _ = try applier(catalog, cache: cache).apply(items)
        try cache.removeEntries { $0.name == "song" }
        let again = try applier(catalog, cache: cache).apply(items)
        XCTAssertEqual(reasons(again.report), [nil, nil, nil, .new, nil, nil])
        XCTAssertEqual(again.report.lfs[3].evaluations, 100)
    }

    func testMergedReportsKeepTheStatusOfTheEarliestPart() throws {
        // Two splits applied one after the other, as TaskApplication does: the second sees the
        // LFs the first stored, but the merged report says why they ran in the first place.
        let cache = try VoteCache(path: temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        let catalog = try ApplierTests.catalog(counter: InvocationCounter())
        let applier = try applier(catalog, cache: cache)
        let items = ApplierTests.items(150)
        var train = try applier.apply(Array(items[0..<100]))
        let dev = try applier.apply(Array(items[100...]))
        XCTAssertEqual(reasons(dev.report), Array(repeating: .newItems(50), count: 6))
        train.append(dev)
        XCTAssertEqual(reasons(train.report), Array(repeating: .new, count: 6))
        XCTAssertEqual(train.report.lfs.map(\.evaluations), Array(repeating: 150, count: 6))
    }

    func testHeuristicsBuiltWithoutThePluginAreMarked() throws {
        let catalog = try LFCatalog {
            KeywordLF("keyword", keywords: ["x"], label: "SPAM")
            HeuristicLF("here") { _ in nil }   // this test module is built without the plugin
            HeuristicLF("bundled", fileID: "LabelingFunctions/Mine.swift") { _ in nil }
        }
        let report = try applier(catalog, cache: nil).apply(ApplierTests.items(10)).report
        XCTAssertEqual(report.lfs.map(\.lacksSourceFingerprint), [false, true, false])
    }

    func testTheStatusComesFromTheNamesTheCacheHolds() throws {
        let catalog = try LFCatalog {
            KeywordLF("a", keywords: ["x"], label: "SPAM")
            KeywordLF("b", keywords: ["y"], label: "SPAM")
            KeywordLF("c", keywords: ["z"], label: "SPAM")
        }
        let stored: [String: String?] = [catalog.functions[0].fingerprint: "a", "keyword|b|1|SPAM|old": "b", "whatever": nil]
        XCTAssertEqual(LFCacheStatus.statuses(of: catalog.functions, stored: stored), [.cached, .edited, .new])
    }
}
