import Foundation
import TestSupport
import XCTest

/// Numeric options out of range are usage errors (exit 64) that state the limit, never a trap
/// or an allocation failure, and `--help` states the same limits.
final class ArgumentLimitTests: XCTestCase {
    private func assertUsageError(_ arguments: [String], mentions expected: [String], line: UInt = #line) throws {
        let result = try CLIRunner.run(arguments)
        XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)", line: line)
        for text in expected {
            XCTAssertTrue(result.stderr.contains(text), "\(arguments): expected \(text) in \(result.stderr)", line: line)
        }
        XCTAssertFalse(result.stderr.contains("Fatal error"), result.stderr, line: line)
    }

    func testSynthesizeRejectsShapesAVoteMatrixCannotHold() throws {
        let output = try temporaryDirectory(self).appendingPathComponent("out").path
        try assertUsageError(["synthesize", "--output", output, "--lfs", "65536"], mentions: ["--lfs", "65,535"])
        try assertUsageError(["synthesize", "--output", output, "--lfs", "0"], mentions: ["--lfs", "65,535"])
        let labels = (0..<256).map { "class\($0)" }.joined(separator: ",")
        try assertUsageError(["synthesize", "--output", output, "--labels", labels], mentions: ["--labels", "2 to 255", "256"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testSynthesizeRejectsRowCountsItCannotAllocate() throws {
        let output = try temporaryDirectory(self).appendingPathComponent("out").path
        try assertUsageError(["synthesize", "--output", output, "--train", "9000000000000"], mentions: ["rows", "10,000,000"])
        // Sums that would overflow are caught before they are added.
        try assertUsageError(["synthesize", "--output", output, "--train", "9223372036854775807", "--valid", "9223372036854775807"],
                             mentions: ["10,000,000"])
        try assertUsageError(["synthesize", "--output", output, "--train", "5000000", "--lfs", "1000"], mentions: ["100,000,000", "cells"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testSynthesizeHelpStatesTheLimits() throws {
        let help = try CLIRunner.run(["synthesize", "--help"])
        XCTAssertEqual(help.status, 0)
        let text = help.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        for limit in ["65,535", "2 to 255", "10,000,000", "100,000,000"] {
            XCTAssertTrue(text.contains(limit), "help lacks \(limit): \(help.stdout)")
        }
    }

    func testThreadCountsOutOfRangeAreUsageErrors() throws {
        try assertUsageError(["apply", "--config", "/nonexistent.yaml", "--output-dir", "/nonexistent", "--threads", "0"],
                             mentions: ["--threads", "1 to 1,024"])
        try assertUsageError(["fit", "--wrench", "/nonexistent", "--threads", "5000"], mentions: ["--threads", "1 to 1,024"])
        try assertUsageError(["cost", "--config", "/nonexistent.yaml", "--threads", "0"], mentions: ["--threads", "1 to 1,024"])
    }

    func testCostRejectsBudgetsAndProjectionsThatAreNotNumbersOfDollarsOrItems() throws {
        for budget in ["nan", "inf", "-1"] {
            try assertUsageError(["cost", "--config", "/nonexistent.yaml", "--budget", budget], mentions: ["--budget", "finite", "0 or more"])
        }
        try assertUsageError(["cost", "--config", "/nonexistent.yaml", "--project-items", "9223372036854775807"],
                             mentions: ["--project-items", "1,000,000,000,000"])
        try assertUsageError(["cost", "--config", "/nonexistent.yaml", "--project-items", "0"], mentions: ["--project-items"])
    }

    func testReviewExportRejectsConfidencesOutsideZeroToOne() throws {
        for confidence in ["nan", "1.5", "-0.1", "inf"] {
            try assertUsageError(["review", "export", "--config", "/nonexistent.yaml", "--output", "/nonexistent/r.json",
                                  "--below-confidence", confidence], mentions: ["--below-confidence", "[0, 1]"])
        }
        try assertUsageError(["review", "export", "--config", "/nonexistent.yaml", "--output", "/nonexistent/r.json", "--count", "0"],
                             mentions: ["--count"])
    }

    func testReviewCurveRejectsNegativeSteps() throws {
        let config = SharedData.packageRoot.appendingPathComponent("examples/support-tickets/wslabel.yaml").path
        let result = try CLIRunner.run(["review", "curve", "--config", config, "--steps=-5", "--split", "test"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("steps are numbers of human labels, 0 or more; found -5"), result.stderr)
    }
}
