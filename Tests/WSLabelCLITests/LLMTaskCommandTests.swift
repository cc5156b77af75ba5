import Foundation
import TestSupport
import XCTest
import WSLabeling

/// A task with an LLM-prompt LF, run through the `wslabel` executable against a loopback
/// server: the ledger in `--json`, no call on a re-run, the response cache behind an edited
/// LF, resuming after a SIGKILL without losing answers, and the API key in no artefact.
final class LLMTaskCommandTests: XCTestCase {
    private static let key = "sk-test-cli-6f1c2a9e-SECRET"
    private static let keyVariable = "WSLABEL_TEST_LLM_KEY"

    /// A task of `count` comments (every third says "buy") with a keyword LF and an LLM LF.
    private func makeTask(count: Int, server: LoopbackLLMServer, concurrency: Int = 2) throws -> URL {
        let folder = try temporaryDirectory(self)
        let items = (0..<count).map { i in
            #"{"id": "c\#(i)", "text": "\#(i % 3 == 0 ? "buy cheap pills" : "lovely song") number \#(i)", "label": "\#(i % 3 == 0 ? "SPAM" : "HAM")"}"#
        }
        try (items.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("items.jsonl"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lfs"), withIntermediateDirectories: true)
        try """
            labeling_functions:
              - {name: keyword_buy, kind: keyword, keywords: [buy], label: SPAM}
              - name: llm_spam
                kind: llm
                template: "Is this spam? {text}"
                verbalizers: {SPAM: ["yes"], HAM: ["no"]}
            """.write(to: folder.appendingPathComponent("lfs/lfs.yaml"), atomically: true, encoding: .utf8)
        try """
            labels: [HAM, SPAM]
            data:
              id: id
              gold: label
              splits: {train: items.jsonl}
            labeling_functions:
              files: [lfs]
            output:
              labels: out/labels.jsonl
            llm:
              endpoints:
                test:
                  base_url: \(server.baseURL.absoluteString)
                  model: test-model
                  api_key_env: \(Self.keyVariable)
                  max_concurrency: \(concurrency)
                  initial_retry_delay_seconds: 0.01
              prices:
                test-model: {input_per_million: 100, output_per_million: 400}
            """.write(to: folder.appendingPathComponent("wslabel.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    private func wslabel(_ arguments: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(arguments, environment: [Self.keyVariable: Self.key])
    }

    private static func chat(_ request: LoopbackLLMServer.Received, _: Int) -> LoopbackLLMServer.Reply {
        .chat(request.prompt.contains("buy") ? "yes" : "no", promptTokens: 30, completionTokens: 1)
    }

    func testTheLedgerCachesAndAnAPIKeyThatAppearsNowhere() throws {
        let server = try LoopbackLLMServer(script: Self.chat)
        let folder = try makeTask(count: 60, server: server)
        let config = folder.appendingPathComponent("wslabel.yaml").path

        let first = try wslabel(["fit", "--config", config, "--json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(server.requestCount, 60)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let llm = try XCTUnwrap(summary["llm"] as? [String: Any])
        let line = try XCTUnwrap((llm["lfs"] as? [[String: Any]])?.first)
        XCTAssertEqual(line["answered"] as? Int, 60)
        XCTAssertEqual(line["prompt_tokens"] as? Int, 60 * 30)
        XCTAssertEqual(try XCTUnwrap(line["cost_usd"] as? Double), 60 * (30 * 100 + 400) / 1e6, accuracy: 1e-12)
        XCTAssertTrue(first.stderr.contains("LLM LF llm_spam (test-model at test): 60 asked, 0 from the LLM cache, 60 answered by 60 calls"), first.stderr)
        let train = try XCTUnwrap((summary["splits"] as? [String: Any])?["train"] as? [String: Any])
        XCTAssertEqual(train["accuracy"] as? Double, 1)

        // A re-run: every vote from the vote cache, no call, the same labels.
        let second = try wslabel(["fit", "--config", config, "--json"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(server.requestCount, 60, "a re-run made calls")
        let secondSummary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((secondSummary["splits"] as? NSDictionary), (summary["splits"] as? NSDictionary), "the cached run labels differently")
        XCTAssertEqual((secondSummary["lf_summary"] as? NSDictionary), (summary["lf_summary"] as? NSDictionary))

        // An edited LLM LF is a new LF to the vote cache, but asks the same prompts: the LLM
        // cache answers them, at no cost, and the new verbalizer changes nothing here.
        let lfs = folder.appendingPathComponent("lfs/lfs.yaml")
        try String(contentsOf: lfs, encoding: .utf8).replacingOccurrences(of: #"HAM: ["no"]"#, with: #"HAM: ["no", "ham"]"#)
            .write(to: lfs, atomically: true, encoding: .utf8)
        let edited = try wslabel(["fit", "--config", config, "--json"])
        XCTAssertEqual(edited.status, 0, edited.stderr)
        XCTAssertEqual(server.requestCount, 60, "the LLM cache did not answer the edited LF")
        XCTAssertTrue(edited.stderr.contains("60 asked, 60 from the LLM cache, 0 answered by 0 calls"), edited.stderr)

        var printed = [first, second, edited]
        for format in ["html", "json", "markdown", "text"] {
            let report = try wslabel(["report", "--config", config, "--format", format, "--output", folder.appendingPathComponent("report.\(format)").path])
            XCTAssertEqual(report.status, 0, report.stderr)
            printed.append(report)
        }
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<h2>LLM calls this run</h2>"))
        printed.append(try wslabel(["apply", "--config", config, "--output-dir", folder.appendingPathComponent("votes").path]))

        // The key went to the server and nowhere else: not in any file the runs wrote (caches,
        // their WAL files, labels, reports, vote files) nor in anything they printed.
        XCTAssertEqual(server.requests.first?.authorization, "Bearer \(Self.key)")
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        XCTAssertGreaterThan(files.filter { $0.path.contains(".sqlite") }.count, 1, "the caches were not written where expected")
        for file in files where !file.hasDirectoryPath {
            let bytes = try Data(contentsOf: file)
            XCTAssertNil(bytes.range(of: Data(Self.key.utf8)), "the API key is in \(file.path)")
        }
        for output in printed {
            XCTAssertFalse(output.stdout.contains(Self.key) || output.stderr.contains(Self.key))
        }
    }

    func testAKilledRunLosesNoAnswerAndTheNextAsksOnlyWhatIsMissing() throws {
        let server = try LoopbackLLMServer { request, _ in .delayed(0.02, Self.chat(request, 0)) }
        let total = 300
        let folder = try makeTask(count: total, server: server)
        let config = folder.appendingPathComponent("wslabel.yaml").path

        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["apply", "--config", config, "--output-dir", folder.appendingPathComponent("votes").path]
        process.environment = ProcessInfo.processInfo.environment.merging([Self.keyVariable: Self.key]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while server.requestCount < total / 2 && Date() < deadline { usleep(5_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the run ended before it could be killed")
        let asked = server.requestCount
        XCTAssertLessThan(asked, total)

        // Every answer the server had sent is in the cache: at most the calls in flight (2) were lost.
        let stored = try LLMResponseCache(path: folder.appendingPathComponent(".wslabel/llm.sqlite").path).count()
        XCTAssertGreaterThanOrEqual(stored, asked - 2)
        XCTAssertLessThanOrEqual(stored, asked)

        server.resetCount()
        let resumed = try wslabel(["apply", "--config", config, "--output-dir", folder.appendingPathComponent("votes").path])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(server.requestCount, total - stored, "the resumed run must ask exactly the missing comments")
        XCTAssertEqual(Set(server.requests.map(\.prompt)).count, total - stored)
        let votes = try String(contentsOf: folder.appendingPathComponent("votes/train.csv"), encoding: .utf8)
        XCTAssertEqual(votes.split(separator: "\n").count, total + 1)
    }
}
