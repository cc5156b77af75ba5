import Foundation
import TestSupport
import XCTest

/// `wslabel apply` end to end: a task's LFs applied to its data, one vote file per split with
/// the LFs' names as columns.
final class ApplyCommandTests: XCTestCase {
    /// A folder with a two-item spam task (`wslabel.yaml`, labels HAM and SPAM).
    private func spamTask() throws -> URL {
        let directory = try temporaryDirectory(self)
        try "id,text,label\na,Free money at www.spam.com,SPAM\nb,I love this song so much,HAM\n"
            .write(to: directory.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        try "labeling_functions:\n  - {name: money, kind: keyword, keywords: [money], label: SPAM}\n  - {name: song, kind: keyword, keywords: [song], label: HAM}\n"
            .write(to: directory.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        try """
            labels: [HAM, SPAM]
            data: {id: id, text: text, gold: label, splits: {train: train.csv}}
            labeling_functions: {files: [lfs.yaml]}
            """.write(to: directory.appendingPathComponent("wslabel.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    func testApplyWritesOneVoteFilePerSplitWithLFNames() throws {
        let directory = try spamTask()
        let output = directory.appendingPathComponent("votes")
        let result = try CLIRunner.run(["apply", "--config", directory.appendingPathComponent("wslabel.yaml").path, "--output-dir", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("train.csv"), encoding: .utf8),
                       "id,money,song\na,1,-1\nb,-1,0\n")
    }

    /// Vote files hold class indices; `label.json` beside them says which class each stands for
    /// (`{"0": "HAM", "1": "SPAM"}`, WRENCH's file), the log says so, and `fit --votes` /
    /// `predict --votes` read it back, so the labels come out named, not `0` and `1`.
    func testVoteFilesComeWithTheirClassNamesAndFitReadsThem() throws {
        let directory = try spamTask()
        for format in ["csv", "npy"] {
            let output = directory.appendingPathComponent("votes-\(format)")
            let result = try CLIRunner.run(["apply", "--config", "wslabel.yaml", "--output-dir", output.lastPathComponent, "--format", format],
                                           currentDirectory: directory)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("label.json"), encoding: .utf8), "{\"0\":\"HAM\",\"1\":\"SPAM\"}\n")
            XCTAssertTrue(result.stderr.contains("wrote votes-\(format)/label.json: class 0 = HAM, 1 = SPAM"), result.stderr)

            let votes = output.appendingPathComponent("train.\(format)").path
            let fit = try CLIRunner.run(["fit", "--votes", votes, "--output", output.appendingPathComponent("labels.jsonl").path,
                                         "--save-model", output.appendingPathComponent("model.json").path])
            XCTAssertEqual(fit.status, 0, fit.stderr)
            XCTAssertTrue(fit.stderr.contains("class names from \(output.appendingPathComponent("label.json").path): HAM, SPAM"), fit.stderr)
            let labels = try String(contentsOf: output.appendingPathComponent("labels.jsonl"), encoding: .utf8)
            XCTAssertTrue(labels.contains("\"probabilities\":{\"HAM\":"), labels)
            let predicted = try CLIRunner.run(["predict", "--model-file", output.appendingPathComponent("model.json").path, "--votes", votes])
            XCTAssertEqual(predicted.status, 0, predicted.stderr)
            XCTAssertEqual(predicted.stdout.split(separator: "\n").count, 2)

            // --labels still wins over the file; a model of other classes is refused.
            let renamed = try CLIRunner.run(["fit", "--votes", votes, "--labels", "NO,YES", "--output", "-"])
            XCTAssertEqual(renamed.status, 0, renamed.stderr)
            XCTAssertTrue(renamed.stdout.contains("\"probabilities\":{\"NO\":"), renamed.stdout)
            XCTAssertFalse(renamed.stderr.contains("class names from"), renamed.stderr)
            let otherClasses = try CLIRunner.run(["predict", "--model-file", output.appendingPathComponent("model.json").path,
                                                  "--votes", votes, "--labels", "NO,YES"])
            XCTAssertEqual(otherClasses.status, 65, otherClasses.stderr)
        }
    }

    /// Header-less TSV splits: a split sharing texts with an earlier one is warned about once
    /// per pair, with the count and the first pair of ids; repeats within a split and splits
    /// that share nothing are not.
    func testTextsSharedAcrossSplitsAreWarnedAboutOncePerPair() throws {
        let directory = try temporaryDirectory(self)
        func write(_ name: String, _ rows: [String]) throws {
            try rows.map { $0 + "\n" }.joined().write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("train.tsv", ["ham\tsee you at home", "spam\tFree money now", "ham\tsee you at home", "spam\tWIN a \"prize\"", "ham\tok"])
        try write("dev.tsv", ["ham\tlunch?", "spam\tclaim your money"])
        try write("test.tsv", ["ham\tnew text", "spam\tWIN a \"prize\"", "ham\tok", "ham\tsee you at home", "ham\tbye"])
        try "labeling_functions:\n  - {name: money, kind: keyword, keywords: [money], label: spam}\n"
            .write(to: directory.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        let task = directory.appendingPathComponent("wslabel.yaml")
        try """
            labels: [ham, spam]
            data: {format: tsv, header: false, text: 2, gold: 1, splits: {train: train.tsv, dev: dev.tsv, test: test.tsv}}
            labeling_functions: {files: [lfs.yaml]}
            """.write(to: task, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("votes")
        let result = try CLIRunner.run(["apply", "--config", task.path, "--output-dir", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "\n").filter { $0.contains("warning") },
                       ["wslabel: warning: 3 test items have the same text as a train item (first: id test.tsv:2 = train id train.tsv:4)"])
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("dev.csv"), encoding: .utf8),
                       "id,money\ndev.tsv:1,-1\ndev.tsv:2,1\n")

        // Test texts of their own: no warning (a second run reads the votes from the cache: the same).
        try write("test.tsv", ["ham\tnew text", "spam\tlose a prize"])
        for run in ["cold", "cached"] {
            let clean = try CLIRunner.run(["apply", "--config", task.path, "--output-dir", output.path])
            XCTAssertEqual(clean.status, 0, clean.stderr)
            XCTAssertFalse(clean.stderr.contains("warning"), "\(run): \(clean.stderr)")
        }
    }
}
