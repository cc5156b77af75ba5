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

    func testAFolderAsConfigIsCalledAFolder() throws {
        let folder = try temporaryDirectory(self)
        let result = try CLIRunner.run(["fit", "--config", folder.path])
        XCTAssertEqual(result.status, 66, result.stderr)
        XCTAssertEqual(Self.errorLine(result.stderr), "error: \(folder.path): is a folder, not a task file (give the task file itself, e.g. wslabel.yaml)")
    }
}
