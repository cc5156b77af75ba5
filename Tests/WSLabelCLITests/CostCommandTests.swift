import Foundation
import TestSupport
import XCTest
import WSLabeling

/// `wslabel cost` end to end: on the bundled example (no LLM), and on a task whose LLM LF was
/// answered by a loopback server, where the LLM rows must price exactly the ledger's calls.
final class CostCommandTests: XCTestCase {
    private func json(_ output: CLIRunner.Output) throws -> [String: Any] {
        XCTAssertEqual(output.status, 0, output.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    private func options(_ object: [String: Any]) throws -> [String: [String: Any]] {
        let list = try XCTUnwrap(object["options"] as? [[String: Any]])
        return Dictionary(list.map { ($0["name"] as! String, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func testTheBundledExampleComparesWeakSupervisionWithPeople() throws {
        // A copy of the example, so that its vote cache is written there, not into the checkout.
        let root = try SupportTicketsExample.copy(for: self)
        let config = root.appendingPathComponent(SupportTicketsExample.taskFile).path
        let object = try json(CLIRunner.run(["cost", "--config", config, "--json", "--budget", "600"]))
        XCTAssertEqual(object["items"] as? Int, 440)
        XCTAssertEqual(object["evaluation_split"] as? String, "test")
        let byName = try options(object)
        let labelModel = try XCTUnwrap(byName["label model (rule LFs)"])
        XCTAssertEqual(try XCTUnwrap(labelModel["accuracy"] as? Double), 0.9, accuracy: 1e-9, "the example's documented test accuracy")
        let crowd = try XCTUnwrap(byName["crowd (85.0% accurate) labels every item"])
        XCTAssertEqual(try XCTUnwrap(crowd["cost_usd"] as? Double), 440 * 0.25, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(crowd["accuracy"] as? Double), 0.85, accuracy: 1e-9, "people priced with their accuracy")
        XCTAssertEqual(crowd["on_frontier"] as? Bool, true)
        XCTAssertNil(byName.keys.first { $0.contains("LLM") }, "no LLM rows without an LLM LF")
        // Majority vote's row says its rule, in its name and as JSON.
        let majority = try XCTUnwrap(byName["majority vote (rule LFs; ties random, uncovered → dev-gold prior)"])
        XCTAssertEqual((majority["ties"] as? [String: Any])?["uncovered_rows"] as? String, "class_prior")
        // Within $600, the end model (93.8%) beats crowd labels that are right 85% of the time.
        let recommendation = try XCTUnwrap(object["recommendation"] as? [String: Any])
        XCTAssertEqual(recommendation["option"] as? String, "end model (text classifier on the label model's labels)")
        let prices = try XCTUnwrap(object["prices"] as? [String: Any])
        XCTAssertTrue(((prices["crowd"] as? [String: Any])?["source"] as? String ?? "").contains("$0.10–$0.50"))
        XCTAssertEqual((prices["expert"] as? [String: Any])?["accuracy"] as? Double, 0.95)
        XCTAssertTrue(((prices["crowd"] as? [String: Any])?["accuracy_source"] as? String ?? "").contains("Snow et al."))

        let folder = try temporaryDirectory(self)
        let report = folder.appendingPathComponent("report.html")
        let reported = try CLIRunner.run(["report", "--config", config, "--costs", "--output", report.path])
        XCTAssertEqual(reported.status, 0, reported.stderr)
        let html = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(html.contains("<h2>Cost and quality</h2>"))
        XCTAssertTrue(html.contains("<h3>Accuracy against cost</h3>") && html.contains("<h3>Active learning</h3>"))

        let text = try CLIRunner.run(["cost", "--config", config])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("Labeling all 440 items of the task, scored on the 80 items of test"), text.stdout)
        XCTAssertTrue(text.stdout.contains("◆"))
    }

    /// A task whose train items have no gold labels: the cost page and the report's cost
    /// section leave the active-learning curve out with a note, and `review curve`, whose whole
    /// output the curve is, fails with the reason before refitting anything.
    func testACurveWithoutTrainGoldIsLeftOutWithANote() throws {
        let folder = try temporaryDirectory(self)
        func lines(_ range: Range<Int>, gold: Bool) -> String {
            range.map { i in
                let spam = i % 3 == 0
                return #"{"id": "\#(i)", "text": "\#(spam ? "buy now" : "nice song") \#(i)""# + (gold ? #", "label": "\#(spam ? "SPAM" : "HAM")"}"# : "}")
            }.joined(separator: "\n") + "\n"
        }
        try lines(0..<60, gold: false).write(to: folder.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        try lines(60..<90, gold: true).write(to: folder.appendingPathComponent("test.jsonl"), atomically: true, encoding: .utf8)
        try """
            labeling_functions:
              - {name: keyword_song, kind: keyword, keywords: [song], label: HAM}
              - {name: keyword_buy, kind: keyword, keywords: [buy], label: SPAM}
            """.write(to: folder.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        try """
            labels: [HAM, SPAM]
            data: {id: id, gold: label, splits: {train: train.jsonl, test: test.jsonl}}
            labeling_functions: {files: [lfs.yaml]}
            """.write(to: folder.appendingPathComponent("wslabel.yaml"), atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("wslabel.yaml").path
        let why = "train has none: give train items gold labels (the task's data.gold field) — at least 200 — to measure it"

        let text = try CLIRunner.run(["cost", "--config", config, "--curve", "--no-end-model"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("label model (rule LFs)"), "the rest of the page is there")
        XCTAssertTrue(text.stdout.contains("The active-learning curve is left out: the curve simulates people with the train split's gold labels, and " + why),
                      text.stdout)
        let object = try json(CLIRunner.run(["cost", "--config", config, "--curve", "--json", "--no-end-model"]))
        XCTAssertTrue(object["active_learning"] is NSNull)
        XCTAssertTrue((object["active_learning_note"] as? String ?? "").contains(why))
        let page = folder.appendingPathComponent("cost.html")
        XCTAssertEqual(try CLIRunner.run(["cost", "--config", config, "--curve", "--no-end-model", "--output", page.path]).status, 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.contains("<h2>Options</h2>") && html.contains("<section id=\"curve\"><h2>Active learning</h2><p class=\"note\">"), html)
        let reportPage = folder.appendingPathComponent("report.html")
        let report = try CLIRunner.run(["report", "--config", config, "--costs", "--output", reportPage.path])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(try String(contentsOf: reportPage, encoding: .utf8).contains("The active-learning curve is left out"))

        let curve = try CLIRunner.run(["review", "curve", "--config", config])
        XCTAssertEqual(curve.status, 64, curve.stderr)
        XCTAssertTrue(curve.stderr.contains("cannot measure the active-learning curve: the curve simulates people with the train split's gold labels, and " + why),
                      curve.stderr)
        XCTAssertFalse(curve.stderr.contains("refitting"), "said before any refit")
        XCTAssertTrue(curve.stdout.isEmpty)
    }

    /// The bundled example with its LLM LF, answered from the recorded ledger beside the task:
    /// no server, no key, and the LLM rows price exactly the recorded calls.
    func testTheBundledExampleWithItsRecordedLedger() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let config = root.appendingPathComponent(SupportTicketsExample.llmTaskFile).path
        let ledgerURL = root.appendingPathComponent("examples/support-tickets/llm-ledger.sqlite")
        let recorded = try Data(contentsOf: ledgerURL)
        let object = try json(CLIRunner.run(["cost", "--config", config, "--json"], environment: ["WSLABEL_LOCAL_LLM_KEY": ""]))
        XCTAssertEqual(try Data(contentsOf: ledgerURL), recorded, "reading the committed ledger must not change its bytes")
        XCTAssertEqual(object["llm_lf"] as? String, "llm_gemma_route")
        let byName = try options(object)
        let llm = try XCTUnwrap(byName["LLM only (llm_gemma_route)"])
        XCTAssertTrue(llm["projection"] is NSNull, "every ticket's answer is in the recorded ledger")
        let ledger = try LLMResponseCache(path: ledgerURL.path)
        XCTAssertEqual(try ledger.count(), 440)
        XCTAssertGreaterThan(try XCTUnwrap(llm["cost_usd"] as? Double), 0)
        XCTAssertNotNil(byName["label model (rule LFs + llm_gemma_route)"])
    }

    func testLLMRowsPriceTheLedgersCalls() throws {
        let server = try LoopbackLLMServer { request, _ in
            .chat(request.prompt.contains("buy") ? "yes" : "no", promptTokens: 40, completionTokens: 1)
        }
        let folder = try temporaryDirectory(self)
        var lines: [String] = []
        for i in 0..<40 {
            let spam = i % 4 == 0
            lines.append(#"{"id": "\#(i)", "text": "\#(spam ? "buy now" : "nice song") \#(i)", "label": "\#(spam ? "SPAM" : "HAM")", "part": "\#(i < 30 ? "train" : "test")"}"#)
        }
        try (lines.prefix(30).joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        try (lines.suffix(10).joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("test.jsonl"), atomically: true, encoding: .utf8)
        try """
            labeling_functions:
              - {name: keyword_song, kind: keyword, keywords: [song], label: HAM}
              - {name: keyword_buy, kind: keyword, keywords: [buy], label: SPAM}
              - {name: llm_spam, kind: llm, template: "{text}", verbalizers: {SPAM: ["yes"], HAM: ["no"]}}
            """.write(to: folder.appendingPathComponent("lfs.yaml"), atomically: true, encoding: .utf8)
        try """
            labels: [HAM, SPAM]
            data: {id: id, gold: label, splits: {train: train.jsonl, test: test.jsonl}}
            labeling_functions: {files: [lfs.yaml]}
            llm:
              endpoints:
                test: {base_url: "\(server.baseURL.absoluteString)", model: m}
              prices:
                m: {input_per_million: 1000}
            costs:
              lf_authoring: {hours: 1, hourly_rate: 10, source: test}
              machine: {per_hour: 0}
            """.write(to: folder.appendingPathComponent("wslabel.yaml"), atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("wslabel.yaml").path
        let object = try json(CLIRunner.run(["cost", "--config", config, "--json"]))
        XCTAssertEqual(server.requestCount, 40)
        XCTAssertEqual(object["llm_lf"] as? String, "llm_spam")
        let byName = try options(object)
        // 40 calls of 40 prompt tokens at $1,000 per million: $0.04 each, $1.60.
        let llm = try XCTUnwrap(byName["LLM only (llm_spam)"])
        XCTAssertEqual(try XCTUnwrap(llm["cost_usd"] as? Double), 1.6, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(llm["accuracy"] as? Double), 1, accuracy: 1e-9)
        XCTAssertTrue(llm["projection"] is NSNull)
        let labelModel = try XCTUnwrap(byName["label model (rule LFs)"])
        XCTAssertEqual(try XCTUnwrap(labelModel["cost_usd"] as? Double), 10, accuracy: 1e-9)
        let withLLM = try XCTUnwrap(byName["label model (rule LFs + llm_spam)"])
        XCTAssertEqual(try XCTUnwrap(withLLM["cost_usd"] as? Double), 11.6, accuracy: 1e-9)
        XCTAssertFalse(try XCTUnwrap(object["options"] as? [[String: Any]]).filter { ($0["kind"] as? String) == "hybrid_llm" }.isEmpty)

        // A second run asks nothing: the ledger is read from the response cache.
        let again = try json(CLIRunner.run(["cost", "--config", config, "--json"]))
        XCTAssertEqual(server.requestCount, 40)
        XCTAssertEqual(try XCTUnwrap(try options(again)["LLM only (llm_spam)"]?["cost_usd"] as? Double), 1.6, accuracy: 1e-9)
    }
}
