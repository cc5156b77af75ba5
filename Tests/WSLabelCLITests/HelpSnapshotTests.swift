import Foundation
import TestSupport
import XCTest

/// `--help` of `wslabel` and of every subcommand against the golden files in `Snapshots/help/`:
/// a changed option, default or explanation shows up as a diff to review. `COLUMNS=80` fixes
/// the wrapping whatever the terminal that runs the tests. Record again after an intended
/// change: `WSLABEL_RECORD_SNAPSHOTS=1 swift test --filter HelpSnapshotTests`.
final class HelpSnapshotTests: XCTestCase {
    /// Runs `wslabel <command> --help` at 80 columns and compares its output with
    /// `Snapshots/help/<command words joined by ->.txt` (`wslabel.txt` for the root command).
    private func assertHelp(_ command: String..., file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try CLIRunner.run(command + ["--help"], environment: ["COLUMNS": "80"])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stderr, "", "help goes to stdout", file: file, line: line)
        let name = command.isEmpty ? "wslabel" : command.joined(separator: "-")
        assertSnapshot(result.stdout, named: "help/\(name).txt", in: self, file: file, line: line)
    }

    func testRootHelp() throws { try assertHelp() }
    func testFitHelp() throws { try assertHelp("fit") }
    func testTrainHelp() throws { try assertHelp("train") }
    func testClassifyHelp() throws { try assertHelp("classify") }
    func testReportHelp() throws { try assertHelp("report") }
    func testInspectHelp() throws { try assertHelp("inspect") }
    func testEvaluateHelp() throws { try assertHelp("evaluate") }
    func testApplyHelp() throws { try assertHelp("apply") }
    func testCostHelp() throws { try assertHelp("cost") }
    func testReviewHelp() throws { try assertHelp("review") }
    func testReviewExportHelp() throws { try assertHelp("review", "export") }
    func testReviewImportHelp() throws { try assertHelp("review", "import") }
    func testReviewCurveHelp() throws { try assertHelp("review", "curve") }
    func testPredictHelp() throws { try assertHelp("predict") }
    func testSynthesizeHelp() throws { try assertHelp("synthesize") }
    func testMergeCountsHelp() throws { try assertHelp("merge-counts") }
    func testCacheHelp() throws { try assertHelp("cache") }
    func testCacheStatsHelp() throws { try assertHelp("cache", "stats") }
    func testCacheClearHelp() throws { try assertHelp("cache", "clear") }
}
