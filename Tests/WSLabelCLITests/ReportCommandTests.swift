import Foundation
import XCTest
import TestSupport

/// `wslabel report` end to end on the bundled synthetic example (WRENCH layout, 10 LFs, gold on
/// valid and test): every format, files written by extension, determinism, usage errors.
final class ReportCommandTests: XCTestCase {
    private let bundled = SharedData.packageRoot.appendingPathComponent("examples/synthetic-spam").path

    func testJSONHasEverySectionWithSnorkelColumnsOnValid() throws {
        let result = try CLIRunner.run(["report", "--wrench", bundled, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["model", "labels", "lf_summary", "class_coverage", "learned", "flags", "pairwise", "splits"] {
            XCTAssertNotNil(report[key], "missing \(key)")
        }
        let summary = try XCTUnwrap(report["lf_summary"] as? [String: Any])
        XCTAssertEqual(summary["analysed_split"] as? String, "train")
        XCTAssertEqual(summary["gold_split"] as? String, "valid")
        let lfs = try XCTUnwrap(summary["lfs"] as? [[String: Any]])
        XCTAssertEqual(lfs.count, 10)
        for lf in lfs {
            let correct = try XCTUnwrap(lf["correct"] as? Int), incorrect = try XCTUnwrap(lf["incorrect"] as? Int)
            if correct + incorrect > 0 {
                XCTAssertEqual(try XCTUnwrap(lf["empirical_accuracy"] as? Double), Double(correct) / Double(correct + incorrect), accuracy: 1e-12)
            }
            XCTAssertLessThanOrEqual(try XCTUnwrap(lf["conflicts"] as? Double), try XCTUnwrap(lf["overlaps"] as? Double))
            XCTAssertLessThanOrEqual(try XCTUnwrap(lf["overlaps"] as? Double), try XCTUnwrap(lf["coverage"] as? Double))
        }
        let pairwise = try XCTUnwrap(report["pairwise"] as? [String: Any])
        let overlaps = try XCTUnwrap(pairwise["overlap_rows"] as? [[Int]])
        XCTAssertEqual(overlaps.count, 10)
        XCTAssertEqual(overlaps[0][0], Int(((lfs[0]["coverage"] as? Double) ?? 0) * 1000 + 0.5), "the diagonal is the LF's train vote count")
        let splits = try XCTUnwrap(report["splits"] as? [String: [String: Any]])
        XCTAssertEqual(Set(splits.keys), ["train", "valid", "test"])
        XCTAssertEqual((splits["test"]?["confidence_histogram"] as? [Int])?.reduce(0, +), 400)
    }

    func testTextMarkdownAndCSVAgreeOnTheLFs() throws {
        let text = try CLIRunner.run(["report", "--wrench", bundled])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("train: 1000 rows, 10 LFs;"), text.stdout)
        XCTAssertFalse(text.stdout.contains("\u{1B}["), "no colours when stdout is not a terminal")
        XCTAssertTrue(text.stdout.contains("acc(valid)"))

        let coloured = try CLIRunner.run(["report", "--wrench", bundled, "--color", "always"])
        XCTAssertTrue(coloured.stdout.contains("\u{1B}[1m"), "--color always colours even a pipe")

        let markdown = try CLIRunner.run(["report", "--wrench", bundled, "--format", "markdown"])
        XCTAssertTrue(markdown.stdout.hasPrefix("# LF report: synthetic-spam\n"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("## Labeling functions"))
        XCTAssertEqual(markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("| lf\\_") }.count, 10)

        let csv = try CLIRunner.run(["report", "--wrench", bundled, "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "lf,polarity,coverage,overlaps,conflicts,correct,incorrect,empirical_accuracy,learned_accuracy,flags")
        XCTAssertEqual(lines.count, 11)
    }

    func testOutputFileFormatFollowsTheExtensionAndRunsAreByteIdentical() throws {
        let directory = try temporaryDirectory(self)
        let first = directory.appendingPathComponent("report.md"), second = directory.appendingPathComponent("again.md")
        for file in [first, second] {
            let result = try CLIRunner.run(["report", "--wrench", bundled, "--output", file.path, "--threads", file == first ? "1" : "2"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, "", "the report goes to the file")
        }
        let written = try Data(contentsOf: first)
        XCTAssertTrue(String(decoding: written, as: UTF8.self).hasPrefix("# LF report"))
        XCTAssertEqual(written, try Data(contentsOf: second), "same inputs, same bytes, at any thread count")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["again.md", "report.md"],
                       "no temporary files left behind")
    }

    func testUsageErrors() throws {
        let unknown = try CLIRunner.run(["report", "--wrench", bundled, "--output", "/tmp/report.xyz"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("cannot tell the format from /tmp/report.xyz"), unknown.stderr)
        let missingFolder = try CLIRunner.run(["report", "--wrench", bundled, "--output", "/nonexistent/dir/report.html"])
        XCTAssertEqual(missingFolder.status, 66)
        XCTAssertTrue(missingFolder.stderr.contains("folder /nonexistent/dir does not exist"), missingFolder.stderr)
        let help = try CLIRunner.run(["report", "--help"])
        for option in ["--format", "--output", "--title", "--color", "--config", "--wrench"] {
            XCTAssertTrue(help.stdout.contains(option), "help lacks \(option)")
        }
    }
}
