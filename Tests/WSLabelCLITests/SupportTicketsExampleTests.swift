import Foundation
import XCTest
import TestSupport

/// The bundled example that `scripts/example.sh` runs: 440 hand-written support tickets routed
/// to BILLING, TECHNICAL or ACCOUNT by the `support_tickets` LFs. It needs nothing outside the
/// repository, so unlike the WRENCH tests it never skips.
final class SupportTicketsExampleTests: XCTestCase {
    static let example = SharedData.packageRoot.appendingPathComponent("examples/support-tickets")
    static let splitSizes = ["train": 300, "dev": 60, "test": 80]
    static let lfCount = 20

    /// A copy of the task in a temporary folder: data and LF paths made absolute (the LF folder
    /// optionally replaced), outputs and the vote cache kept in the temporary folder.
    func taskCopy(lfFolder: URL? = nil) throws -> (task: URL, labels: URL) {
        let directory = try temporaryDirectory(self)
        var yaml = try String(contentsOf: Self.example.appendingPathComponent("wslabel.yaml"), encoding: .utf8)
        let lfs = lfFolder ?? SharedData.packageRoot.appendingPathComponent("labeling_functions/support_tickets")
        yaml = yaml.replacingOccurrences(of: ": data/", with: ": " + Self.example.path + "/data/")
            .replacingOccurrences(of: "../../labeling_functions/support_tickets", with: lfs.path)
            .replacingOccurrences(of: "../output/", with: "out/")
        let task = directory.appendingPathComponent("wslabel.yaml")
        try yaml.write(to: task, atomically: true, encoding: .utf8)
        return (task, directory.appendingPathComponent("out/support-tickets/labels.jsonl"))
    }

    func fit(_ task: URL, _ extra: [String] = []) throws -> (summary: [String: Any], stderr: String) {
        let result = try CLIRunner.run(["fit", "--config", task.path, "--json"] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        return (summary, result.stderr)
    }

    func accuracy(_ summary: [String: Any], _ split: String) throws -> Double {
        try XCTUnwrap((summary["splits"] as? [String: [String: Any]])?[split]?["accuracy"] as? Double, "no \(split) accuracy")
    }

    /// Every item of the data files, by id, with its split.
    func itemSplits() throws -> [String: String] {
        var splits: [String: String] = [:]
        for split in Self.splitSizes.keys {
            let text = try String(contentsOf: Self.example.appendingPathComponent("data/\(split).jsonl"), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let id = try XCTUnwrap(record["id"] as? String)
                XCTAssertNil(splits[id], "id \(id) is repeated")
                splits[id] = split
            }
        }
        return splits
    }

    func testTheExampleLabelsEveryTicketAndTheLabelModelMatchesMajorityVote() throws {
        let (task, labels) = try taskCopy()
        let (summary, stderr) = try fit(task)
        XCTAssertTrue(stderr.contains("applied \(Self.lfCount) LFs to 440 items"), stderr)
        let splits = try XCTUnwrap(summary["splits"] as? [String: [String: Any]])
        for (split, size) in Self.splitSizes {
            XCTAssertEqual(splits[split]?["rows"] as? Double, Double(size), split)
        }
        let lfs = try XCTUnwrap((summary["lf_summary"] as? [String: Any])?["lfs"] as? [[String: Any]])
        XCTAssertEqual(lfs.count, Self.lfCount)

        // One label per ticket, in its split.
        let expected = try itemSplits()
        var written: [String: String] = [:]
        for line in try String(contentsOf: labels, encoding: .utf8).split(separator: "\n") {
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try XCTUnwrap(record["id"] as? String)
            XCTAssertNil(written[id], "\(id) labeled twice")
            written[id] = record["split"] as? String
            XCTAssertNotNil(record["label"] as? String, "\(id) has no label")
        }
        XCTAssertEqual(written, expected)

        // Measured: EM 90.0% test accuracy (dev 91.7%); majority vote 90.0% (dev 93.3%) with
        // the class prior for tickets no LF votes on, 80.0% (dev 88.3%) with WRENCH's random
        // ties, seed 0. The floor is the measurement minus 3 points, so the test guards the
        // example working, not its last decimal; the label model must stay within a point of
        // the honest baseline and clearly above WRENCH's.
        let em = try accuracy(summary, "test")
        XCTAssertGreaterThanOrEqual(em, 0.87)
        let mv = try accuracy(fit(task, ["--model", "mv"]).summary, "test")
        XCTAssertGreaterThanOrEqual(em, mv - 0.01, "EM \(em) vs majority vote \(mv)")
        let wrench = try accuracy(fit(task, ["--model", "mv", "--ties", "random"]).summary, "test")
        XCTAssertGreaterThan(em, wrench + 0.05, "EM \(em) vs WRENCH's majority vote \(wrench)")
    }

    /// What the README promises: edit one LF file, re-run, and only that LF is applied again.
    func testEditingOneLFFileReappliesOnlyThatLF() throws {
        let folder = try temporaryDirectory(self).appendingPathComponent("lfs")
        try FileManager.default.copyItem(at: SharedData.packageRoot.appendingPathComponent("labeling_functions/support_tickets"),
                                         to: folder)
        let (task, _) = try taskCopy(lfFolder: folder)
        let first = try fit(task)
        XCTAssertTrue(first.stderr.contains("\(440 * Self.lfCount) evaluations, 0 cached votes reused"), first.stderr)

        let file = folder.appendingPathComponent("billing.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "keywords: [refund,", with: "keywords: [refund, refunds,")
        XCTAssertNotEqual(edited, original, "the edit must change keyword_refund")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let second = try fit(task)
        XCTAssertTrue(second.stderr.contains(": 440 evaluations, \(440 * (Self.lfCount - 1)) cached votes reused"), second.stderr)
    }
}
