import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import XCTest

/// `wslabel classify` end to end: an end model saved by `wslabel train --save-end-model` on the
/// synthetic comments of `SyntheticSpamTexts` (300 train, 60 valid, 100 test) labels the test
/// split's texts from a file or standard input.
final class ClassifyCommandTests: XCTestCase {
    /// A trained model and what `train` read and wrote.
    private struct Trained {
        var folder: URL
        /// The WRENCH folder it learned from (`folder/wrench`).
        var wrench: URL
        var model: URL
        /// `train --output`: the end model's labels of every split.
        var labels: URL
        var test: [SyntheticSpamTexts.Record]
    }

    /// `wslabel train` with C and the weighting fixed (one fit: these tests are about classify).
    private func train() throws -> Trained {
        let folder = try temporaryDirectory(self)
        let wrench = folder.appendingPathComponent("wrench")
        try FileManager.default.createDirectory(at: wrench, withIntermediateDirectories: true)
        let records = try SyntheticSpamTexts.writeWrenchFolder(at: wrench)
        let model = folder.appendingPathComponent("end-model.json"), labels = folder.appendingPathComponent("train-labels.jsonl")
        let result = try CLIRunner.run(["train", "--wrench", wrench.path, "--c", "1", "--weighting", "confidence",
                                        "--save-end-model", model.path, "--output", labels.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return Trained(folder: folder, wrench: wrench, model: model, labels: labels, test: try XCTUnwrap(records["test"]))
    }

    /// The test split as JSON Lines: id, text and the gold class index.
    private func writeItems(_ records: [SyntheticSpamTexts.Record], to url: URL) throws {
        let lines = try records.map { record in
            let object: [String: Any] = ["id": record.id, "text": record.text, "label": record.label]
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        try lines.joined().write(to: url, atomically: true, encoding: .utf8)
    }

    /// The lines of `train --output` for split `test`: classify must write these same bytes.
    private func trainLabels(_ trained: Trained, split: String = "test") throws -> String {
        try String(contentsOf: trained.labels, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("{\"id\":") && $0.contains("\"split\":\"\(split)\"") }.map { $0 + "\n" }.joined()
    }

    /// A file's items labeled to a file (--output) and to stdout (the default): both the bytes
    /// `train --output` wrote for the test split, since both are the same end model's labels.
    func testClassifiesAFileToAFileAndToStandardOutput() throws {
        let trained = try train()
        let items = trained.folder.appendingPathComponent("test.jsonl")
        try writeItems(trained.test, to: items)
        let expected = try trainLabels(trained)
        XCTAssertEqual(expected.split(separator: "\n").count, 100)

        let output = trained.folder.appendingPathComponent("labels.jsonl")
        let toFile = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", items.path, "--id-field", "id",
                                        "--output", output.path])
        XCTAssertEqual(toFile.status, 0, toFile.stderr)
        XCTAssertEqual(toFile.stdout, "")
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), expected)

        let toStdout = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", items.path, "--id-field", "id"])
        XCTAssertEqual(toStdout.status, 0, toStdout.stderr)
        XCTAssertEqual(toStdout.stdout, expected)

        // stderr: how many items, per class, then the time; no scores without --gold-field.
        let spam = expected.split(separator: "\n").filter { $0.contains("\"label\":\"SPAM\"") }.count
        for result in [toFile, toStdout] {
            XCTAssertTrue(result.stderr.contains("wslabel: labeled 100 items (HAM \(100 - spam), SPAM \(spam))\n"), result.stderr)
            XCTAssertTrue(result.stderr.contains("wslabel: done in "), result.stderr)
            XCTAssertFalse(result.stderr.contains("accuracy"), result.stderr)
        }

        // Without --id-field the items are numbered by line, from 1.
        let numbered = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", items.path])
        XCTAssertEqual(numbered.status, 0, numbered.stderr)
        XCTAssertEqual(numbered.stdout.split(separator: "\n").map { $0.split(separator: "\"")[3] }, (1...100).map { Substring(String($0)) })
    }

    /// `--input -` reads JSON Lines from standard input; the split is `stdin` unless given.
    func testReadsJSONLinesFromStandardInput() throws {
        let trained = try train()
        let items = trained.folder.appendingPathComponent("piped.jsonl")
        try writeItems(trained.test, to: items)
        let expected = try trainLabels(trained)

        let piped = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", "-", "--id-field", "id"], standardInput: items)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stdout, expected.replacingOccurrences(of: "\"split\":\"test\"", with: "\"split\":\"stdin\""))
        XCTAssertTrue(piped.stderr.contains("wslabel: labeled 100 items ("), piped.stderr)

        let output = trained.folder.appendingPathComponent("labels.jsonl")
        let named = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", "-", "--id-field", "id", "--split", "test",
                                       "--output", output.path], standardInput: items)
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), expected)
    }

    /// --gold-field: the scores of the items with a gold value, on stderr, as computed from the
    /// labels written; the labels themselves do not change.
    func testAGoldFieldLogsTheScores() throws {
        let trained = try train()
        let items = trained.folder.appendingPathComponent("test.jsonl")
        // Every fourth gold class flipped, so that the scores are not all 100%.
        var test = trained.test
        for index in stride(from: 0, to: test.count, by: 4) { test[index].label = 1 - test[index].label }
        try writeItems(test, to: items)

        let result = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", items.path, "--id-field", "id",
                                        "--gold-field", "label"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, try trainLabels(trained))
        let predictions = result.stdout.split(separator: "\n").map { $0.contains("\"label\":\"SPAM\"") ? 1 : 0 }
        let metrics = ClassificationMetrics(predictions: predictions, gold: test.map(\.label), classCount: 2)
        XCTAssertLessThan(metrics.accuracy, 0.9)
        let line = "wslabel: on the 100 items with gold: accuracy \(ReportNumbers.percent(metrics.accuracy)), "
            + "macro-F1 \(ReportNumbers.percent(metrics.macroF1)), F1(SPAM) \(ReportNumbers.percent(metrics.f1(ofClass: 1)))\n"
        XCTAssertTrue(result.stderr.contains(line), "expected \(line) in \(result.stderr)")

        // A gold field no item has: said so, no scores.
        let none = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", items.path, "--gold-field", "gold"])
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertTrue(none.stderr.contains("wslabel: no item had a value in the gold field gold"), none.stderr)
        XCTAssertFalse(none.stderr.contains("accuracy"), none.stderr)
    }

    /// A model file that is missing or is not an end model, and a bad --format: one error line
    /// naming the file (and field), nothing on stdout.
    func testModelAndFormatErrors() throws {
        let trained = try train()
        let items = trained.folder.appendingPathComponent("test.jsonl")
        try writeItems(trained.test, to: items)

        let missing = trained.folder.appendingPathComponent("no-such-model.json")
        let noModel = try CLIRunner.run(["classify", "--end-model", missing.path, "--input", items.path])
        XCTAssertEqual(noModel.status, 66, noModel.stderr)
        XCTAssertEqual(noModel.stderr, "error: \(missing.path): no such file\n")
        XCTAssertEqual(noModel.stdout, "")

        // A label model (`wslabel fit --save-model`) is not an end model.
        let labelModel = trained.folder.appendingPathComponent("label-model.json")
        let fit = try CLIRunner.run(["fit", "--wrench", trained.wrench.path, "--save-model", labelModel.path])
        XCTAssertEqual(fit.status, 0, fit.stderr)
        let wrongKind = try CLIRunner.run(["classify", "--end-model", labelModel.path, "--input", items.path])
        XCTAssertEqual(wrongKind.status, 65, wrongKind.stderr)
        XCTAssertEqual(wrongKind.stderr, "error: \(labelModel.path): field format: expected wslabel-end-model version 1, "
                       + "found \(SavedLabelModel.formatName) version \(SavedLabelModel.formatVersion)\n")
        XCTAssertEqual(wrongKind.stdout, "")

        let bogus = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", items.path, "--format", "bogus"])
        XCTAssertEqual(bogus.status, 64, bogus.stderr)
        XCTAssertTrue(bogus.stderr.contains("--format must be jsonl, csv or tsv, not bogus"), bogus.stderr)
        XCTAssertEqual(bogus.stdout, "")
    }

    /// The same items as a TSV file without a header row (`--no-header`, columns by position)
    /// and as a semicolon CSV (`--delimiter ';'`): the labels JSON Lines get, byte for byte.
    func testHeaderlessTSVAndOtherDelimitersLabelAsJSONLines() throws {
        let trained = try train()
        let expected = try trainLabels(trained)
        let tsv = trained.folder.appendingPathComponent("test.tsv")
        try trained.test.map { "\($0.id)\t\($0.text)\t\($0.label)\n" }.joined().write(to: tsv, atomically: true, encoding: .utf8)
        let fromTSV = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", tsv.path, "--no-header",
                                         "--id-field", "1", "--text-field", "2", "--gold-field", "3"])
        XCTAssertEqual(fromTSV.status, 0, fromTSV.stderr)
        XCTAssertEqual(fromTSV.stdout, expected)
        XCTAssertTrue(fromTSV.stderr.contains("wslabel: on the 100 items with gold: accuracy "), fromTSV.stderr)

        let csv = trained.folder.appendingPathComponent("test.csv")
        let rows = trained.test.map { "\($0.id);\"\($0.text.replacingOccurrences(of: "\"", with: "\"\""))\"\n" }
        try ("id;text\n" + rows.joined()).write(to: csv, atomically: true, encoding: .utf8)
        let fromCSV = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", csv.path, "--delimiter", ";", "--id-field", "id"])
        XCTAssertEqual(fromCSV.status, 0, fromCSV.stderr)
        XCTAssertEqual(fromCSV.stdout, expected)

        for (arguments, message) in [(["--delimiter", ";;"], "--delimiter must be one ASCII character"),
                                     (["--format", "tsv", "--delimiter", ";"], "--delimiter goes with CSV files, not --format tsv")] {
            let bad = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", csv.path] + arguments)
            XCTAssertEqual(bad.status, 64, bad.stderr)
            XCTAssertTrue(bad.stderr.contains(message), bad.stderr)
        }
    }

    /// Items without the --text-field: the error names the file, line, record and field (and
    /// the fields a JSONL record has, or the columns of a CSV header); no output file is left.
    func testAMissingTextFieldNamesTheFileLineAndField() throws {
        let trained = try train()
        let jsonl = trained.folder.appendingPathComponent("items.jsonl")
        try writeItems(Array(trained.test.prefix(3)), to: jsonl)
        let output = trained.folder.appendingPathComponent("labels.jsonl")
        let fromJSONL = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", jsonl.path, "--id-field", "id",
                                           "--text-field", "body", "--output", output.path])
        XCTAssertEqual(fromJSONL.status, 65, fromJSONL.stderr)
        XCTAssertEqual(fromJSONL.stderr, "error: \(jsonl.path):1: record \"0\", field body: the record has no text field \"body\" (its fields: id, label, text)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))

        let csv = trained.folder.appendingPathComponent("items.csv")
        try "COMMENT_ID,CONTENT\n1,free cash\n".write(to: csv, atomically: true, encoding: .utf8)
        let fromCSV = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", csv.path, "--output", output.path])
        XCTAssertEqual(fromCSV.status, 65, fromCSV.stderr)
        XCTAssertEqual(fromCSV.stderr,
                       "error: \(csv.path):1: record \"header\", field text: no column \"text\" (the text field) in the header; its columns are \"COMMENT_ID\", \"CONTENT\"\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }

    /// An --output that is the --input or the --end-model is refused before anything is read,
    /// as `wslabel predict` refuses its --model-file: the file stays as it was.
    func testAnOutputOverAnInputIsRefused() throws {
        let trained = try train()
        let items = trained.folder.appendingPathComponent("test.jsonl")
        try writeItems(trained.test, to: items)
        let before = (items: try Data(contentsOf: items), model: try Data(contentsOf: trained.model))
        for (output, role) in [(items, "the --input"), (trained.model, "the --end-model")] {
            let result = try CLIRunner.run(["classify", "--end-model", trained.model.path, "--input", items.path, "--output", output.path])
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertEqual(result.stderr, "error: --output \(output.path) is \(role): writing it would replace an input; choose another path\n")
        }
        XCTAssertEqual(try Data(contentsOf: items), before.items)
        XCTAssertEqual(try Data(contentsOf: trained.model), before.model)
    }
}
