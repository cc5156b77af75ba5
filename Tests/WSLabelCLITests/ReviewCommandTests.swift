import Foundation
import TestSupport
import XCTest

/// The human-review round trip through real-format files: `wslabel review export` writes
/// Label Studio tasks (and the project's labeling config) or Argilla records; exports in those
/// tools' formats, answered with the example's gold labels, come back through `review import`
/// into the task's human labels, and `fit` then fits semi-supervised.
final class ReviewCommandTests: XCTestCase {
    private let root = SharedData.packageRoot.appendingPathComponent("examples/support-tickets")

    /// The bundled example's task, its human labels and outputs in a temporary folder.
    private func makeTask() throws -> (config: String, folder: URL) {
        let folder = try temporaryDirectory(self)
        let lfs = SharedData.packageRoot.appendingPathComponent("labeling_functions/support_tickets").path
        try """
            labels: [BILLING, TECHNICAL, ACCOUNT]
            data:
              id: id
              gold: label
              splits: {train: \(root.path)/data/train.jsonl, dev: \(root.path)/data/dev.jsonl, test: \(root.path)/data/test.jsonl}
            labeling_functions: {swift: [support_tickets], files: [\(lfs)]}
            model: {dev_split: dev}
            output: {human_labels: \(folder.path)/human.jsonl, cache: \(folder.path)/votes.sqlite}
            """.write(to: folder.appendingPathComponent("wslabel.yaml"), atomically: true, encoding: .utf8)
        return (folder.appendingPathComponent("wslabel.yaml").path, folder)
    }

    private func gold() throws -> [String: String] {
        var gold: [String: String] = [:]
        for line in try String(contentsOf: root.appendingPathComponent("data/train.jsonl"), encoding: .utf8).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            gold[object["id"] as! String] = (object["label"] as! String)
        }
        return gold
    }

    func testLabelStudioRoundTrip() throws {
        let (config, folder) = try makeTask()
        let tasksURL = folder.appendingPathComponent("review.json")
        let export = try CLIRunner.run(["review", "export", "--config", config, "--count", "12", "--output", tasksURL.path])
        XCTAssertEqual(export.status, 0, export.stderr)
        let tasks = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: tasksURL)) as? [[String: Any]])
        XCTAssertEqual(tasks.count, 12)
        let first = try XCTUnwrap(tasks.first)
        let data = try XCTUnwrap(first["data"] as? [String: Any])
        XCTAssertNotNil(data["text"] as? String)
        let prediction = try XCTUnwrap((first["predictions"] as? [[String: Any]])?.first)
        let result = try XCTUnwrap((prediction["result"] as? [[String: Any]])?.first)
        XCTAssertEqual(result["type"] as? String, "choices")
        let labelConfig = try String(contentsOfFile: tasksURL.path + ".label-config.xml", encoding: .utf8)
        XCTAssertTrue(labelConfig.contains(#"<Choices name="label" toName="text" choice="single""#))
        XCTAssertTrue(labelConfig.contains(#"<Choice value="TECHNICAL"/>"#))

        // What Label Studio's JSON export gives after labeling: each task with its id, data and
        // annotations. Task 1 has two annotators who disagree (then the second's answer wins a
        // tie-break by label order), task 2 is cancelled, the others carry the gold label.
        let gold = try gold()
        var exported: [[String: Any]] = []
        for (index, task) in tasks.enumerated() {
            let id = (task["data"] as! [String: Any])["wslabel_id"] as! String
            func annotation(_ label: String, cancelled: Bool = false) -> [String: Any] {
                ["id": index * 10, "completed_by": 1, "was_cancelled": cancelled, "ground_truth": false, "lead_time": 3.2,
                 "result": [["id": "r\(index)", "from_name": "label", "to_name": "text", "type": "choices", "origin": "manual",
                             "value": ["choices": [label]]]]]
            }
            var annotations = [annotation(gold[id]!)]
            if index == 1 { annotations.append(annotation(gold[id]! == "BILLING" ? "ACCOUNT" : "BILLING")) }
            if index == 2 { annotations = [annotation(gold[id]!, cancelled: true)] }
            exported.append(["id": index + 1, "project": 3, "data": task["data"]!, "annotations": annotations, "predictions": []])
        }
        let exportURL = folder.appendingPathComponent("label-studio-export.json")
        try JSONSerialization.data(withJSONObject: exported).write(to: exportURL)
        let imported = try CLIRunner.run(["review", "import", "--config", config, exportURL.path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stderr.contains("11 labels, 1 unanswered, 1 settled by majority"), imported.stderr)
        let stored = try String(contentsOf: folder.appendingPathComponent("human.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(stored.count, 11)

        let fit = try CLIRunner.run(["fit", "--config", config, "--json"])
        XCTAssertEqual(fit.status, 0, fit.stderr)
        XCTAssertTrue(fit.stderr.contains("semi-supervised: 11 train items labeled by people"), fit.stderr)

        // A later export leaves out what people labeled.
        let next = try CLIRunner.run(["review", "export", "--config", config, "--count", "12", "--output", tasksURL.path])
        XCTAssertEqual(next.status, 0, next.stderr)
        let nextIDs = try (JSONSerialization.jsonObject(with: Data(contentsOf: tasksURL)) as! [[String: Any]])
            .map { ($0["data"] as! [String: Any])["wslabel_id"] as! String }
        let labeledIDs = stored.map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String }
        XCTAssertTrue(Set(nextIDs).isDisjoint(with: labeledIDs))
    }

    func testArgillaRoundTripAndLocatedErrors() throws {
        let (config, folder) = try makeTask()
        let recordsURL = folder.appendingPathComponent("records.jsonl")
        let export = try CLIRunner.run(["review", "export", "--config", config, "--format", "argilla", "--count", "5",
                                        "--strategy", "random", "--output", recordsURL.path])
        XCTAssertEqual(export.status, 0, export.stderr)
        let records = try String(contentsOf: recordsURL, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        XCTAssertEqual(records.count, 5)
        XCTAssertNotNil((records[0]["fields"] as? [String: Any])?["text"] as? String)
        XCTAssertNotNil(((records[0]["suggestions"] as? [String: Any])?["label"] as? [String: Any])?["value"] as? String)

        // Argilla 2's Record.to_dict() after labeling: responses per question, a list of
        // {value, user_id}; one record's answer is a discarded draft.
        let gold = try gold()
        var lines: [String] = []
        for (index, record) in records.enumerated() {
            var answered = record
            var response: [String: Any] = ["value": gold[record["id"] as! String]!, "user_id": "5e3c0d6a-0000-0000-0000-000000000001"]
            if index == 0 { response["status"] = "discarded" }
            answered["responses"] = ["label": [response]]
            answered["_server_id"] = "7b1c9e0a-0000-0000-0000-00000000000\(index)"
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: answered), as: UTF8.self))
        }
        let exportURL = folder.appendingPathComponent("argilla-export.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: exportURL, atomically: true, encoding: .utf8)
        let imported = try CLIRunner.run(["review", "import", "--config", config, exportURL.path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stderr.contains("4 labels, 1 unanswered, 0 settled by majority"), imported.stderr)

        // A label the task does not have is an error naming the file, line and field.
        try (lines[1].replacingOccurrences(of: gold[records[1]["id"] as! String]!, with: "REFUND") + "\n")
            .write(to: exportURL, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["review", "import", "--config", config, exportURL.path])
        XCTAssertEqual(bad.status, 65)
        XCTAssertTrue(bad.stderr.contains("\(exportURL.path):1: field responses.label.value: \"REFUND\" is not one of the task's labels"), bad.stderr)
    }

    func testExportsLeaveTheGoldFieldOutUnlessAsked() throws {
        let (config, folder) = try makeTask()
        let tasksURL = folder.appendingPathComponent("review.json"), recordsURL = folder.appendingPathComponent("records.jsonl")
        func labelStudioData(_ extra: [String]) throws -> [[String: Any]] {
            let export = try CLIRunner.run(["review", "export", "--config", config, "--count", "5", "--output", tasksURL.path] + extra)
            XCTAssertEqual(export.status, 0, export.stderr)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: tasksURL)) as? [[String: Any]]).map { $0["data"] as! [String: Any] }
        }
        func argillaMetadata(_ extra: [String]) throws -> [[String: Any]] {
            let export = try CLIRunner.run(["review", "export", "--config", config, "--format", "argilla", "--count", "5",
                                            "--output", recordsURL.path] + extra)
            XCTAssertEqual(export.status, 0, export.stderr)
            return try String(contentsOf: recordsURL, encoding: .utf8).split(separator: "\n").map {
                (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["metadata"] as! [String: Any]
            }
        }
        let labelStudio = try labelStudioData([])
        XCTAssertEqual(labelStudio.count, 5)
        for data in labelStudio {
            XCTAssertNil(data["label"], "the gold field is shown to annotators: \(data)")
            XCTAssertNotNil(data["channel"], "other fields stay")
        }
        for metadata in try argillaMetadata([]) { XCTAssertNil(metadata["label"], "the gold field is shown to annotators: \(metadata)") }

        let gold = try gold()
        for data in try labelStudioData(["--include-gold"]) {
            XCTAssertEqual(data["label"] as? String, gold[data["wslabel_id"] as! String])
        }
        for metadata in try argillaMetadata(["--include-gold"]) { XCTAssertNotNil(metadata["label"] as? String) }
        let help = try CLIRunner.run(["review", "export", "--help"])
        XCTAssertTrue(help.stdout.contains("--include-gold"), help.stdout)
        XCTAssertTrue(help.stdout.contains("bias"), help.stdout)
    }

    func testImportRejectsIdsTheTaskDoesNotHave() throws {
        let (config, folder) = try makeTask()
        let gold = try gold()
        func task(_ id: String, _ label: String) -> [String: Any] {
            ["data": ["wslabel_id": id, "text": "…"],
             "annotations": [["result": [["from_name": "label", "to_name": "text", "type": "choices", "value": ["choices": [label]]]]]]]
        }
        let exportURL = folder.appendingPathComponent("export.json")
        try JSONSerialization.data(withJSONObject: [task("t0001", gold["t0001"]!), task("nosuch-1", "BILLING"), task("nosuch-2", "ACCOUNT")])
            .write(to: exportURL)
        let result = try CLIRunner.run(["review", "import", "--config", config, exportURL.path])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("error: \(exportURL.path): record \"task 2\", field data.wslabel_id: \"nosuch-1\" is not an item of the task"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("2 of 3 labeled records"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\"nosuch-2\" (task 3)"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("human.jsonl").path), "nothing is imported")

        let argillaURL = folder.appendingPathComponent("export.jsonl")
        try (#"{"id": "t0001", "responses": {"label": [{"value": "BILLING"}]}}"# + "\r\n"
             + #"{"id": "nosuch-3", "responses": {"label": [{"value": "BILLING"}]}}"# + "\r\n").write(to: argillaURL, atomically: true, encoding: .utf8)
        let argilla = try CLIRunner.run(["review", "import", "--config", config, argillaURL.path])
        XCTAssertEqual(argilla.status, 65, argilla.stderr)
        XCTAssertTrue(argilla.stderr.contains("error: \(argillaURL.path):2: field id: \"nosuch-3\" is not an item of the task"), argilla.stderr)
    }

    /// Both export formats carry every LF's vote as `lf=LABEL` terms; checked against a keyword
    /// LF's own rule, read from the exported text.
    func testExportsCarryTheLFVotes() throws {
        let (config, folder) = try makeTask()
        let refundWords = ["refund", "money back", "chargeback", "credit note", "reimburse"]   // keyword_refund in billing.yaml
        var checked = 0, fired = 0
        func check(text: String, votes: [String]) {
            let fires = refundWords.contains { text.lowercased().contains($0) }
            XCTAssertEqual(votes.contains("keyword_refund=BILLING"), fires, text)
            XCTAssertTrue(votes.allSatisfy { $0.split(separator: "=").count == 2 }, "\(votes)")
            checked += 1
            fired += fires ? 1 : 0
        }
        let studio = folder.appendingPathComponent("review.json")
        let export = try CLIRunner.run(["review", "export", "--config", config, "--count", "150", "--output", studio.path])
        XCTAssertEqual(export.status, 0, export.stderr)
        for task in try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: studio)) as? [[String: Any]]) {
            let data = try XCTUnwrap(task["data"] as? [String: Any])
            check(text: try XCTUnwrap(data["text"] as? String), votes: try XCTUnwrap(data["wslabel_votes"] as? [String]))
        }
        let argilla = folder.appendingPathComponent("review.jsonl")
        let records = try CLIRunner.run(["review", "export", "--config", config, "--format", "argilla", "--count", "150", "--output", argilla.path])
        XCTAssertEqual(records.status, 0, records.stderr)
        for line in try String(contentsOf: argilla, encoding: .utf8).split(separator: "\n") {
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let text = try XCTUnwrap((record["fields"] as? [String: Any])?["text"] as? String)
            check(text: text, votes: try XCTUnwrap((record["metadata"] as? [String: Any])?["wslabel_votes"] as? [String]))
        }
        XCTAssertEqual(checked, 300)
        XCTAssertGreaterThan(fired, 0, "some exported ticket asks for a refund, or the check shows little")
    }
}
