import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// `kind: llm` in LF files and the `llm` section of task files: what they declare, and the
/// load-time errors naming file, line and field.
final class LLMFilesTests: XCTestCase {
    private let labels = ["HAM", "SPAM"]

    private let lfFile = """
        labeling_functions:
          - name: llm_spam
            kind: llm
            endpoint: local
            mode: logprobs
            preamble: Spam or ham?
            template: "Comment by {AUTHOR}: {text}\\nLabel:"
            verbalizers: {SPAM: [spam, "yes"], HAM: ham}
            examples:
              - {text: "sub to me", label: SPAM, fields: {AUTHOR: bob}}
            margin: 0.5
            top_logprobs: 5
            max_tokens: 2
          - {name: llm_chat, kind: llm, template: "{text}", verbalizers: {SPAM: [yes], HAM: [no]}}
        """

    func testDeclaresLLMPromptLFs() throws {
        let functions = try LFFile.parse(lfFile, file: "llm.yaml", labels: labels, endpoints: ["local"])
        let lf = try XCTUnwrap(functions[0] as? LLMPromptLF)
        XCTAssertEqual(lf.endpoint, "local")
        XCTAssertEqual(lf.mode, .logprobs(margin: 0.5, topLogprobs: 5))
        XCTAssertEqual(lf.maxTokens, 2)
        XCTAssertEqual(lf.verbalizers, ["SPAM": ["spam", "yes"], "HAM": ["ham"]])
        XCTAssertEqual(try lf.prompt(for: Item(id: "1", text: "nice", fields: ["AUTHOR": "ann"])),
                       "Spam or ham?\n\nComment by bob: sub to me\nLabel:\nspam\n\nComment by ann: nice\nLabel:")
        let chat = try XCTUnwrap(functions[1] as? LLMPromptLF)
        XCTAssertEqual(chat.endpoint, "default", "with one endpoint, an LF may leave it out")
        XCTAssertEqual(chat.mode, .chat)
        XCTAssertEqual(chat.maxTokens, 8)
    }

    func testLLMEntryErrorsNameLineAndField() {
        func error(_ entry: String, endpoints: [String] = ["local"]) -> String {
            do {
                _ = try LFFile.parse("labeling_functions:\n" + entry, file: "llm.yaml", labels: labels, endpoints: endpoints)
                return "no error"
            } catch {
                return error.localizedDescription
            }
        }
        let base = "  - {name: l, kind: llm, endpoint: local, template: \"{text}\", verbalizers: {SPAM: [yes], HAM: [no]}"
        XCTAssertEqual(error(base + "}\n"), "no error")
        XCTAssertEqual(error(base.replacingOccurrences(of: "endpoint: local", with: "endpoint: cloud") + "}\n"),
                       "llm.yaml:2: record \"LF l\", field endpoint: unknown endpoint \"cloud\"; the task's llm.endpoints are local")
        XCTAssertEqual(error(base + "}\n", endpoints: []),
                       "llm.yaml:2: record \"LF l\", field endpoint: the task file has no llm.endpoints; add one for this LF to ask")
        XCTAssertEqual(error(base.replacingOccurrences(of: "SPAM: [yes]", with: "EGGS: [yes]") + "}\n"),
                       "llm.yaml:2: record \"LF l\", field verbalizers: unknown label \"EGGS\"; the task's labels are HAM, SPAM")
        XCTAssertEqual(error(base + ", mode: guess}\n"), "llm.yaml:2: record \"LF l\", field mode: expected chat or logprobs, found \"guess\"")
        XCTAssertEqual(error(base + ", margin: 1}\n"), "llm.yaml:2: record \"LF l\", field margin: only for mode: logprobs")
        XCTAssertEqual(error(base + ", mode: logprobs, top_logprobs: 50}\n"),
                       "llm.yaml:2: record \"LF l\", field top_logprobs: expected 1 to 20 (what OpenAI-compatible servers allow)")
        XCTAssertEqual(error(base.replacingOccurrences(of: "\"{text}\"", with: "\"{AUTHOR}: {text}\"") + ", examples: [{text: x, label: HAM}]}\n"),
                       "llm.yaml:2: record \"LF l\", field fields: the template uses {AUTHOR}; give the example that field")
        XCTAssertEqual(error(base + ", temperature: 3}\n"), "llm.yaml:2: record \"LF l\", field temperature: expected 0 to 2")
        XCTAssertTrue(error(base + ", prompt: x}\n").contains("field prompt: unknown key"))
        XCTAssertTrue(error("  - {name: l, kind: llm, endpoint: local, verbalizers: {SPAM: [yes]}}\n").contains("field template: missing"))
    }

    private let task = """
        labels: [HAM, SPAM]
        data:
          splits: {train: a.jsonl}
        labeling_functions:
          files: [lfs]
        llm:
          endpoints:
            local:
              base_url: http://127.0.0.1:8080/v1
              model: gemma
              timeout_seconds: 30
              max_concurrency: 2
              max_retries: 3
            openai:
              base_url: https://api.openai.com/v1
              model: gpt-4o-mini
              api_key_env: OPENAI_API_KEY
          prices:
            gpt-4o-mini: {input_per_million: 0.15, output_per_million: 0.6, source: pricing page}
            gemma: {per_hour: 0.09}
          budget_usd: 2.5
          cache: cache/llm.sqlite
        """

    func testReadsTheLLMSection() throws {
        let parsed = try TaskFile(yaml: task, url: URL(fileURLWithPath: "/project/wslabel.yaml"))
        let settings = try XCTUnwrap(parsed.llm)
        XCTAssertEqual(settings.endpoints.map(\.name), ["local", "openai"])
        let local = settings.endpoints[0]
        XCTAssertEqual(local.baseURL.absoluteString, "http://127.0.0.1:8080/v1")
        XCTAssertEqual(local.timeout, 30)
        XCTAssertEqual(local.maxConcurrency, 2)
        XCTAssertEqual(local.retry.maxRetries, 3)
        XCTAssertNil(local.apiKeyVariable)
        XCTAssertEqual(settings.endpoints[1].apiKeyVariable, "OPENAI_API_KEY")
        XCTAssertEqual(settings.prices["gpt-4o-mini"], LLMPrice(inputPerMillion: 0.15, outputPerMillion: 0.6, source: "pricing page"))
        XCTAssertEqual(settings.prices["gemma"]?.perHour, 0.09)
        XCTAssertEqual(settings.budget, 2.5)
        XCTAssertEqual(settings.cache.path, "/project/cache/llm.sqlite")
        XCTAssertNil(settings.endpoint(named: "default"), "two endpoints: an LF must name one")
    }

    func testLLMSectionErrorsNameLineAndKey() {
        func error(_ text: String) -> String {
            do { _ = try TaskFile(yaml: text, url: URL(fileURLWithPath: "/p/wslabel.yaml")); return "no error" } catch { return error.localizedDescription }
        }
        XCTAssertEqual(error(task.replacingOccurrences(of: "http://127.0.0.1:8080/v1", with: "ftp://host/v1")),
                       "/p/wslabel.yaml:9: record \"llm.endpoints.local\", field base_url: expected an http:// or https:// URL, found ftp://host/v1")
        XCTAssertEqual(error(task.replacingOccurrences(of: "https://api.openai.com/v1", with: "https://me:sk-123@api.openai.com/v1")),
                       "/p/wslabel.yaml:15: record \"llm.endpoints.openai\", field base_url: must not hold credentials; put the key in an environment variable named by api_key_env")
        XCTAssertEqual(error(task.replacingOccurrences(of: "budget_usd: 2.5", with: "budget_usd: -1")),
                       "/p/wslabel.yaml:21: record \"llm\", field budget_usd: must not be negative")
        XCTAssertEqual(error(task.replacingOccurrences(of: "max_concurrency: 2", with: "max_concurrency: 0")),
                       "/p/wslabel.yaml:12: record \"llm.endpoints.local\", field max_concurrency: must be positive")
        XCTAssertEqual(error(task.replacingOccurrences(of: "{per_hour: 0.09}", with: "{per_hour: cheap}")),
                       "/p/wslabel.yaml:20: record \"llm.prices.gemma\", field per_hour: expected a number")
        XCTAssertTrue(error(task.replacingOccurrences(of: "budget_usd", with: "budget")).contains("field budget: unknown key"))
    }
}
