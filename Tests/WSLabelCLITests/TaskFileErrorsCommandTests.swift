import Foundation
import XCTest
import TestSupport

/// Task-file mistakes the CLI reports at once, in one line naming the place: before, a bad
/// `model:` value failed only after every LF had been applied, with the usage text and no
/// file or line, and a folder given as `--config` was "not UTF-8 text".
final class TaskFileErrorsCommandTests: XCTestCase {
    private func task(_ model: String) throws -> URL {
        let folder = try temporaryDirectory(self)
        try "id,text,label\n1,free money,SPAM\n2,nice song,HAM\n".write(to: folder.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        try "labeling_functions:\n  - {name: kw, kind: keyword, keywords: [free], label: SPAM}\n"
            .write(to: folder.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        let url = folder.appendingPathComponent("wslabel.yaml")
        try """
            labels: [HAM, SPAM]
            data: {id: id, gold: label, splits: {train: train.csv}}
            labeling_functions: {files: [lfs.yaml]}
            model:
              \(model)
            """.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The one line of stderr that is not progress (`wslabel: …`), or all of stderr.
    private static func errorLine(_ stderr: String) -> String {
        let lines = stderr.split(separator: "\n").filter { !$0.hasPrefix("wslabel: ") }
        return lines.count == 1 ? String(lines[0]) : stderr
    }

    func testABadModelValueFailsBeforeApplyingWithItsPlace() throws {
        for (line, message) in [("select_metric: F1", "field select_metric: expected accuracy, f1 or macro-f1, found \"F1\""),
                                ("model: foo", "field model: expected em or mv, found \"foo\""),
                                ("ties: x", "field ties: expected model, abstain, prior or random, found \"x\"")] {
            let config = try task(line)
            let result = try CLIRunner.run(["fit", "--config", config.path])
            XCTAssertEqual(result.status, 65, result.stderr)
            XCTAssertEqual(Self.errorLine(result.stderr), "error: \(config.path):5: record \"model\", \(message)")
            XCTAssertFalse(result.stderr.lowercased().contains("usage"), "no usage text: the value is wrong, not the command line")
            XCTAssertFalse(FileManager.default.fileExists(atPath: config.deletingLastPathComponent().appendingPathComponent(".wslabel").path),
                           "nothing was applied")
        }
    }

    /// The old key `positive_label` still runs, with one warning naming the file, line and new
    /// key `positive_class` (the flag's name, `--positive-class`); the new key warns of nothing.
    func testTheOldPositiveLabelKeyRunsWithAWarning() throws {
        let old = try task("positive_label: SPAM")
        let result = try CLIRunner.run(["fit", "--config", old.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning") }
        XCTAssertEqual(warnings, ["""
            wslabel: warning: \(old.path):5: record "model", field positive_label: model.positive_label is renamed \
            positive_class; the old name still works in this release and will stop working in the next
            """])
        let new = try task("positive_class: SPAM")
        let renamed = try CLIRunner.run(["fit", "--config", new.path])
        XCTAssertEqual(renamed.status, 0, renamed.stderr)
        XCTAssertFalse(renamed.stderr.contains("warning"), renamed.stderr)
    }

    /// A flag naming a class or split the task lacks stops the run before any LF is applied,
    /// listing what the task has.
    func testAFlagNamingAClassOrSplitTheTaskLacksFailsBeforeApplying() throws {
        for (flags, message) in [(["--select-metric", "f1", "--positive-class", "EGGS"],
                                  "error: --positive-class EGGS: no such class; expected a label (HAM, SPAM) or a class index 0..1"),
                                 (["--dev-split", "valid"], "error: --dev-split valid: the task has no such split; its splits are train")] {
            let config = try task("seed: 0")
            let result = try CLIRunner.run(["fit", "--config", config.path] + flags)
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertEqual(Self.errorLine(result.stderr), message)
            XCTAssertFalse(FileManager.default.fileExists(atPath: config.deletingLastPathComponent().appendingPathComponent(".wslabel").path),
                           "nothing was applied")
        }
    }

    func testAFolderAsConfigIsCalledAFolder() throws {
        let folder = try temporaryDirectory(self)
        let result = try CLIRunner.run(["fit", "--config", folder.path])
        XCTAssertEqual(result.status, 66, result.stderr)
        XCTAssertEqual(Self.errorLine(result.stderr), "error: \(folder.path): is a folder, not a task file (give the task file itself, e.g. wslabel.yaml)")
    }
}
