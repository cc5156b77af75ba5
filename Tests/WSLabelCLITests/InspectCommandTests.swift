import Foundation
import TestSupport
import XCTest

/// `wslabel inspect` end to end on a copy of the bundled example: the formats for people and
/// tools, the output file, and the errors.
final class InspectCommandTests: XCTestCase {
    func testJSONLinesNameEveryVoteAndClassAndMatchTheTextForm() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let config = SupportTicketsExample.taskFile
        let lines = try CLIRunner.run(["inspect", "--config", config, "--lf", "keyword_account", "--format", "jsonl", "--limit", "0"],
                                      currentDirectory: root)
        XCTAssertEqual(lines.status, 0, lines.stderr)
        let records = try lines.stdout.split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertGreaterThan(records.count, 5)
        let labels: Set<String> = ["BILLING", "TECHNICAL", "ACCOUNT"]
        for record in records {
            XCTAssertEqual(record["split"] as? String, "train")
            let votes = try XCTUnwrap(record["votes"] as? [[String: String]])
            XCTAssertTrue(votes.contains { $0["lf"] == "keyword_account" && $0["label"] == "ACCOUNT" }, "every item: the LF votes")
            XCTAssertTrue(votes.allSatisfy { labels.contains($0["label"] ?? "") })
            let probabilities = try XCTUnwrap(record["probabilities"] as? [String: Double])
            XCTAssertEqual(Set(probabilities.keys), labels)
            XCTAssertEqual(probabilities.values.reduce(0, +), 1, accuracy: 1e-9)
            XCTAssertEqual(record["confidence"] as? Double, probabilities.values.max())
            XCTAssertTrue(labels.contains(record["label"] as? String ?? ""))
            XCTAssertFalse((record["text"] as? String ?? "").isEmpty)
        }

        let text = try CLIRunner.run(["inspect", "--config", config, "--lf", "keyword_account", "--limit", "2"], currentDirectory: root)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("train items where keyword_account votes: \(records.count) of 300 items match, showing 2 in file order"), text.stdout)
        let firstID = try XCTUnwrap(records.first?["id"] as? String)
        XCTAssertTrue(text.stdout.contains("1. \(firstID)  gold "), text.stdout)
        XCTAssertTrue(text.stdout.contains("votes: keyword_account ACCOUNT"), "the named LF's vote first: \(text.stdout)")
    }

    func testCSVToAFileWithTheFormatFromItsExtension() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let output = root.appendingPathComponent("wrong.csv")
        let run = try CLIRunner.run(["inspect", "--config", SupportTicketsExample.taskFile, "--bucket", "wrong", "--output", output.path],
                                    currentDirectory: root)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("matching items to \(output.path)"), run.stderr)
        let csv = try String(contentsOf: output, encoding: .utf8)
        let header = try XCTUnwrap(csv.split(separator: "\n").first)
        XCTAssertEqual(header, "split,row,id,gold,label,confidence,majority_vote,p_BILLING,p_TECHNICAL,p_ACCOUNT,votes,text")
        // Quoted texts may hold line breaks: count records by their split field.
        let records = csv.components(separatedBy: "\ndev,").count - 1
        XCTAssertGreaterThan(records, 0, "the label model errs on some dev tickets")
    }

    func testMistakesFailWithAMessageAndNoOutput() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let config = SupportTicketsExample.taskFile
        let cases: [([String], String)] = [
            (["--lf", "keyword_acount"], "no LF named keyword_acount"),
            (["--lf", "a", "--lf", "b", "--lf", "c"], "give --lf once, or twice"),
            (["--bucket", "wrong", "--split", "train", "--gold", "NOPE"], "--gold NOPE is not a label"),
            (["--bucket", "sometimes"], "sometimes"),
            (["--limit=-1"], "--limit must be 0"),
            (["--output", "items.xlsx"], "cannot tell the format from items.xlsx"),
            (["--lf-vote", "BILLING"], "--lf-vote goes with --lf"),
        ]
        for (arguments, expected) in cases {
            let run = try CLIRunner.run(["inspect", "--config", config] + arguments, currentDirectory: root)
            XCTAssertNotEqual(run.status, 0, "\(arguments)")
            XCTAssertTrue(run.stderr.contains(expected), "\(arguments): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "\(arguments)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("items.xlsx").path))
    }

    /// While the test split is held back, inspect shows none of its gold labels.
    func testAHiddenTestSplitsGoldIsNotShown() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let config = SupportTicketsExample.taskFile
        let refused = try CLIRunner.run(["inspect", "--config", config, "--bucket", "wrong", "--split", "test", "--hide-test"], currentDirectory: root)
        XCTAssertEqual(refused.status, 64, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("the test split's gold labels are hidden while you write LFs"), refused.stderr)
        let items = try CLIRunner.run(["inspect", "--config", config, "--split", "test", "--hide-test", "--format", "jsonl", "--limit", "0"],
                                      currentDirectory: root)
        XCTAssertEqual(items.status, 0, items.stderr)
        let lines = items.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 80)
        XCTAssertTrue(lines.allSatisfy { $0.contains(#""gold":null"#) }, "no test item shows its gold label")
        let shown = try CLIRunner.run(["inspect", "--config", config, "--bucket", "wrong", "--split", "test", "--show-test"], currentDirectory: root)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.hasPrefix("test items where the label model is wrong: 8 of 80 items match"), shown.stdout)
    }

    /// The HTML report's samples: a section with each LF's items, its name in the LF table a
    /// link there; `--no-samples` leaves them out.
    func testTheHTMLReportLinksEachLFToItsSamples() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let page = root.appendingPathComponent("report.html")
        let run = try CLIRunner.run(["report", "--config", SupportTicketsExample.taskFile, "--output", page.path], currentDirectory: root)
        XCTAssertEqual(run.status, 0, run.stderr)
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.contains("<section id=\"samples\">"))
        for lf in 0..<20 {
            XCTAssertTrue(html.contains("href=\"#samples-lf-\(lf)\""), "LF \(lf) links to its samples")
            XCTAssertTrue(html.contains("<details id=\"samples-lf-\(lf)\">"), "LF \(lf) has samples")
        }
        XCTAssertTrue(html.contains("dev items where keyword_refund is wrong"))
        XCTAssertTrue(html.contains("<blockquote>"), "with texts")

        let without = try CLIRunner.run(["report", "--config", SupportTicketsExample.taskFile, "--output", page.path, "--no-samples"],
                                        currentDirectory: root)
        XCTAssertEqual(without.status, 0, without.stderr)
        let plain = try String(contentsOf: page, encoding: .utf8)
        XCTAssertFalse(plain.contains("samples-lf-"))
    }

    /// A WRENCH folder whose items have no text (as imdb's and yelp's train splits): the samples
    /// come without texts and the page says why, instead of failing.
    func testSamplesOfItemsWithoutTextSayWhy() throws {
        let page = try temporaryDirectory(self).appendingPathComponent("report.html")
        let bundled = SharedData.packageRoot.appendingPathComponent("examples/synthetic-spam").path
        let run = try CLIRunner.run(["report", "--wrench", bundled, "--output", page.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.contains("<section id=\"samples\">"))
        XCTAssertTrue(html.contains("Texts not shown:") && html.contains("data.text"), "the reason, with the field")
        XCTAssertFalse(html.contains("<blockquote>"))
    }
}
