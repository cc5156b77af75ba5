import WSLabeling
@testable import WSLabelReports
import XCTest

/// The apply log: counts, then which LFs ran and why, kept to a line for catalogs of hundreds.
final class ApplySummaryTests: XCTestCase {
    /// A report of `count` LFs over 440 items, LF `i` evaluated on `evaluations(i)` items with
    /// cache status `status(i)`.
    private func report(_ count: Int, status: (Int) -> LFCacheStatus, evaluations: (Int) -> Int) -> ApplyReport {
        var report = ApplyReport(lfs: (0..<count).map { ApplyReport.LFStatistics(name: "lf_\($0)", fingerprint: "f\($0)", cacheStatus: status($0)) })
        for index in 0..<count {
            report.lfs[index].evaluations = evaluations(index)
            report.lfs[index].cacheHits = 440 - evaluations(index)
        }
        report.itemCount = 440
        return report
    }

    private func ranLine(_ report: ApplyReport) -> String {
        ApplySummary.text(report).split(separator: "\n").map(String.init)[1]
    }

    func testEditedAndNewLFsAreNamedAndTheRestCounted() {
        let edited = report(20, status: { $0 == 3 ? .edited : $0 == 7 ? .new : .cached }, evaluations: { $0 == 3 || $0 == 7 ? 440 : 0 })
        let lines = ApplySummary.text(edited).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "applied 20 LFs to 440 items in 0.00 s: 880 evaluations, 7920 cached votes reused, 0 failures")
        XCTAssertEqual(lines[1], "  ran lf_3 (edited), lf_7 (new); 18 LFs from cache")
    }

    func testEveryReasonReads() {
        let mixed = report(4, status: { [.new, .edited, .cached, .cached][$0] }, evaluations: { [440, 440, 12, 1][$0] })
        XCTAssertEqual(ranLine(mixed), "  ran lf_0 (new), lf_1 (edited), lf_2 (12 new items), lf_3 (1 new item)")
        XCTAssertEqual(ranLine(report(3, status: { _ in .noCache }, evaluations: { _ in 440 })), "  ran all 3 LFs (no cache)")
        XCTAssertEqual(ranLine(report(3, status: { _ in .new }, evaluations: { _ in 440 })), "  ran all 3 LFs (new)")
        XCTAssertEqual(ranLine(report(3, status: { _ in .cached }, evaluations: { _ in 40 })), "  ran all 3 LFs (40 new items)")
        XCTAssertEqual(ranLine(report(1, status: { _ in .cached }, evaluations: { _ in 0 })), "  all 1 LF from cache")
        XCTAssertEqual(ranLine(report(20, status: { _ in .cached }, evaluations: { _ in 0 })), "  all 20 LFs from cache")
    }

    func testAHundredLFsStayOnOneLine() {
        // 150 LFs: 30 edited, 100 new, 20 from the cache.
        let many = report(150, status: { $0 < 30 ? .edited : $0 < 130 ? .new : .cached }, evaluations: { $0 < 130 ? 440 : 0 })
        let text = ApplySummary.text(many)
        XCTAssertEqual(text.split(separator: "\n").count, 2)
        let named = (0..<ApplySummary.namedLFLimit).map { "lf_\($0) (edited)" }.joined(separator: ", ")
        XCTAssertEqual(ranLine(many), "  ran \(named) +122 more (22 edited, 100 new); 20 LFs from cache")
        XCTAssertLessThan(ranLine(many).count, 200)
    }

    func testNoItemsNoRanLine() {
        var empty = report(3, status: { _ in .new }, evaluations: { _ in 0 })
        empty.itemCount = 0
        XCTAssertEqual(ApplySummary.text(empty).split(separator: "\n").count, 1)
    }

    func testSwiftLFsWithoutASourceFingerprintAreNamed() {
        var unfollowed = report(3, status: { _ in .cached }, evaluations: { _ in 0 })
        unfollowed.lfs[0].lacksSourceFingerprint = true
        unfollowed.lfs[2].lacksSourceFingerprint = true
        let lines = ApplySummary.text(unfollowed).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[2], "  2 LFs in Swift without a source fingerprint (lf_0, lf_2): edits reuse old votes until the version "
                       + "changes; apply the LFSourceFingerprints plugin to their target (README)")
        XCTAssertEqual(ApplySummary.text(report(3, status: { _ in .cached }, evaluations: { _ in 0 })).split(separator: "\n").count, 2)
    }

    func testFailuresFollowTheRanLine() {
        var failing = report(2, status: { _ in .new }, evaluations: { _ in 440 })
        failing.lfs[1].failures = 3
        failing.lfs[1].firstFailure = "item 7: boom"
        let lines = ApplySummary.text(failing).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[1], "  ran all 2 LFs (new)")
        XCTAssertEqual(lines[2], "  LF lf_1: 3 failures (counted as abstain); first: item 7: boom")
    }
}
