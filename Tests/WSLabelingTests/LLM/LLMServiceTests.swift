import Foundation
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// LLM calls over real HTTP to a loopback server that injects faults: caching, retries with
/// backoff and `Retry-After`, timeouts, malformed answers, dropped connections, the budget,
/// bounded concurrency and the API key kept out of every message.
final class LLMServiceTests: XCTestCase {
    private static let key = "sk-test-0123456789-SECRET"

    private func endpoint(_ server: LoopbackLLMServer, timeout: Double = 5, retries: Int = 2, concurrency: Int = 4,
                          keyVariable: String? = "WSLABEL_TEST_KEY") -> LLMEndpoint {
        LLMEndpoint(name: "test", baseURL: server.baseURL, model: "test-model", apiKeyVariable: keyVariable, timeout: timeout,
                    maxConcurrency: concurrency, retry: RetryPolicy(maxRetries: retries, initialDelay: 0.01, maxDelay: 0.05))
    }

    private func service(_ endpoint: LLMEndpoint, cache: LLMResponseCache? = nil, price: LLMPrice? = nil,
                         budget: LLMBudget? = nil) throws -> LLMService {
        LLMService(endpoint: endpoint, cache: cache, price: price, budget: budget, environment: ["WSLABEL_TEST_KEY": Self.key])
    }

    private func spamLF(_ service: LLMService, mode: LLMPromptLF.Mode = .chat) -> LLMPromptLF {
        LLMPromptLF("llm_spam", template: "Spam? {text}", verbalizers: ["SPAM": ["yes"], "HAM": ["no"]], mode: mode).bound(to: service)
    }

    private func views(_ texts: [String]) -> [ItemView] {
        texts.enumerated().map { ItemView(Item(id: "\($0.offset)", text: $0.element)) }
    }

    private func cachePath() throws -> String {
        try temporaryDirectory(self).appendingPathComponent("llm.sqlite").path
    }

    /// Chat replies by content: "buy" is spam, "??" gets a non-answer, the rest ham.
    private static func chatScript(_ request: LoopbackLLMServer.Received, _: Int) -> LoopbackLLMServer.Reply {
        if request.prompt.contains("??") { return .chat("maybe") }
        return .chat(request.prompt.contains("buy") ? "yes" : "No.", promptTokens: 20, completionTokens: 2)
    }

    func testChatCallsCarryTheRequestAndBecomeVotes() throws {
        let server = try LoopbackLLMServer(script: Self.chatScript)
        let service = try service(endpoint(server))
        let outcomes = spamLF(service).outcomes(on: views(["buy now", "nice song", "hm ??"]))
        XCTAssertEqual(outcomes, [.vote("SPAM"), .vote("HAM"), .abstain])
        XCTAssertEqual(server.requestCount, 3)
        let first = try XCTUnwrap(server.requests.first { $0.prompt == "Spam? buy now" })
        XCTAssertEqual(first.path, "/v1/chat/completions")
        XCTAssertEqual(first.body, #"{"max_tokens":8,"messages":[{"content":"Spam? buy now","role":"user"}],"model":"test-model","stream":false,"temperature":0}"#)
        XCTAssertEqual(first.authorization, "Bearer \(Self.key)")
        let usage = service.usage(lf: "llm_spam")
        XCTAssertEqual(usage.requests, 3)
        XCTAssertEqual(usage.answered, 3)
        XCTAssertEqual(usage.unmatchedAnswers, 1)
        XCTAssertEqual(usage.promptTokens, 20 + 20 + 12)
        XCTAssertEqual(usage.completionTokens, 2 + 2 + 1)
        XCTAssertEqual(usage.attempts, 3)
    }

    func testARerunAsksNothingAndCostsNothing() throws {
        let server = try LoopbackLLMServer(script: Self.chatScript)
        let path = try cachePath()
        let price = LLMPrice(inputPerMillion: 1_000, outputPerMillion: 10_000)  // $0.02 + $0.02 per call here
        let items = views(["buy now", "nice song", "buy this", "buy now"])
        let first = try service(endpoint(server), cache: LLMResponseCache(path: path), price: price)
        let firstVotes = spamLF(first).outcomes(on: items)
        XCTAssertEqual(server.requestCount, 3, "the repeated item is asked once")
        XCTAssertEqual(first.usage(lf: "llm_spam").cost, 3 * 0.04, accuracy: 1e-12)

        let second = try service(endpoint(server), cache: LLMResponseCache(path: path), price: price)
        XCTAssertEqual(spamLF(second).outcomes(on: items), firstVotes)
        XCTAssertEqual(server.requestCount, 3, "a re-run makes no call")
        let usage = second.usage(lf: "llm_spam")
        XCTAssertEqual(usage.cached, 4)
        XCTAssertEqual(usage.answered, 0)
        XCTAssertEqual(usage.cost, 0)
        XCTAssertEqual(usage.costSavedByCache, 4 * 0.04, accuracy: 1e-12)
        XCTAssertEqual(usage.cachedPromptTokens, 80)
    }

    func testLogprobsModeAsksCompletionsAndScoresTheFirstToken() throws {
        let server = try LoopbackLLMServer { request, _ in
            request.prompt.contains("buy")
                ? .completion(" yes", topLogprobs: [" yes": log(0.8), " no": log(0.1), " maybe": log(0.05)])
                : .completion(" no", topLogprobs: [" no": log(0.5), " yes": log(0.4)])
        }
        let lf = spamLF(try service(endpoint(server)), mode: .logprobs(margin: 1, topLogprobs: 3))
        XCTAssertEqual(lf.outcomes(on: views(["buy now", "hmm"])), [.vote("SPAM"), .abstain])
        let request = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(request.path, "/v1/completions")
        XCTAssertTrue(request.body.contains(#""logprobs":3"#) && request.body.contains(#""max_tokens":1"#), request.body)
    }

    func testRateLimitsAreRetriedAfterTheirRetryAfter() throws {
        let server = try LoopbackLLMServer { _, number in
            number == 0 ? .status(429, headers: ["Retry-After": "1"], body: #"{"error": "slow down"}"#) : .chat("yes")
        }
        let service = try service(endpoint(server))
        let started = Date()
        XCTAssertEqual(spamLF(service).outcomes(on: views(["buy"])), [.vote("SPAM")])
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 1, "Retry-After: 1 was not honoured")
        XCTAssertEqual(server.requestCount, 2)
        XCTAssertEqual(service.usage(lf: "llm_spam").attempts, 2)
        XCTAssertEqual(service.usage(lf: "llm_spam").failed, 0)
    }

    func testServerErrorsAreRetriedThenCountedAsFailures() throws {
        let server = try LoopbackLLMServer { _, number in number < 2 ? .status(503) : .status(500, body: "boom") }
        let service = try service(endpoint(server, retries: 2))
        let outcomes = spamLF(service).outcomes(on: views(["buy"]))
        guard case let .failed(message) = outcomes[0] else { return XCTFail("\(outcomes)") }
        XCTAssertEqual(message, "HTTP 500: boom")
        XCTAssertEqual(server.requestCount, 3, "one call and two retries")
        let usage = service.usage(lf: "llm_spam")
        XCTAssertEqual(usage.failed, 1)
        XCTAssertEqual(usage.failuresByKind, ["http_500": 1])
        XCTAssertEqual(usage.firstFailure, "HTTP 500: boom")
    }

    func testClientErrorsAreNotRetried() throws {
        let server = try LoopbackLLMServer { _, _ in .status(400, body: "bad request") }
        let service = try service(endpoint(server, retries: 3))
        _ = spamLF(service).outcomes(on: views(["buy"]))
        XCTAssertEqual(server.requestCount, 1)
    }

    func testSlowAnswersTimeOut() throws {
        let server = try LoopbackLLMServer { _, _ in .delayed(4, .chat("yes")) }
        let service = try service(endpoint(server, timeout: 0.5, retries: 1))
        let started = Date()
        let outcomes = spamLF(service).outcomes(on: views(["buy"]))
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(elapsed, 1, "two calls that each wait their 0.5 s")
        XCTAssertLessThan(elapsed, 3.5, "the call was not cut at its timeout")
        XCTAssertEqual(outcomes, [.failed("no answer within 0.50 s")])
        XCTAssertEqual(service.usage(lf: "llm_spam").failuresByKind, ["timeout": 1])
        XCTAssertEqual(server.requestCount, 2)
    }

    func testMalformedResponsesFail() throws {
        let server = try LoopbackLLMServer { request, _ in
            request.prompt.contains("one") ? .raw("{\"choices\": [") : .raw(#"{"result": "yes"}"#)
        }
        let service = try service(endpoint(server, retries: 0))
        let outcomes = spamLF(service).outcomes(on: views(["one", "two"]))
        for outcome in outcomes {
            guard case let .failed(message) = outcome else { return XCTFail("\(outcomes)") }
            XCTAssertTrue(message.hasPrefix("unreadable response: not an OpenAI-compatible chat/completions response"), message)
        }
        XCTAssertEqual(service.usage(lf: "llm_spam").failuresByKind, ["malformed_response": 2])
    }

    func testDroppedConnectionsFailAfterRetries() throws {
        let server = try LoopbackLLMServer { _, _ in .dropConnection }
        let service = try service(endpoint(server, retries: 1))
        let outcomes = spamLF(service).outcomes(on: views(["buy"]))
        guard case .failed = outcomes[0] else { return XCTFail("\(outcomes)") }
        XCTAssertEqual(server.requestCount, 2)
        XCTAssertEqual(service.usage(lf: "llm_spam").failed, 1)
    }

    func testTheBudgetStopsSpendingAndSaysSo() throws {
        let server = try LoopbackLLMServer { _, _ in .chat("yes", promptTokens: 10, completionTokens: 0) }
        let budget = LLMBudget(limit: 25)
        // $10 a call: the first two fit ($20), a third would pass $25.
        let service = try service(endpoint(server, concurrency: 1), price: LLMPrice(inputPerMillion: 1_000_000), budget: budget)
        let outcomes = spamLF(service).outcomes(on: views((0..<5).map { "buy \($0)" }))
        XCTAssertEqual(Array(outcomes.prefix(2)), [.vote("SPAM"), .vote("SPAM")])
        XCTAssertEqual(Array(outcomes.dropFirst(2)), Array(repeating: .failed("not asked: the LLM budget of $25.0000 is spent"), count: 3))
        XCTAssertEqual(server.requestCount, 2)
        XCTAssertEqual(budget.spent, 20, accuracy: 1e-9)
        let usage = service.usage(lf: "llm_spam")
        XCTAssertEqual(usage.skippedForBudget, 3)
        XCTAssertEqual(usage.failed, 0)
        XCTAssertEqual(usage.cost, 20, accuracy: 1e-9)
    }

    func testCallsInFlightStayWithinTheEndpointsConcurrency() throws {
        let server = try LoopbackLLMServer { _, _ in .delayed(0.3, .chat("no")) }
        let service = try service(endpoint(server, concurrency: 3))
        let outcomes = spamLF(service).outcomes(on: views((0..<12).map { "comment \($0)" }))
        XCTAssertEqual(outcomes, Array(repeating: .vote("HAM"), count: 12))
        XCTAssertLessThanOrEqual(server.maxInFlight, 3)
        XCTAssertGreaterThanOrEqual(server.maxInFlight, 2, "calls were not concurrent")
    }

    func testTheAPIKeyNeverReachesAMessage() throws {
        let server = try LoopbackLLMServer { _, _ in .status(401, body: "Incorrect API key provided: \(Self.key).") }
        let service = try service(endpoint(server))
        let outcomes = spamLF(service).outcomes(on: views(["buy"]))
        XCTAssertEqual(outcomes, [.failed("HTTP 401: Incorrect API key provided: [API key].")])
        XCTAssertFalse(String(describing: service.usage(lf: "llm_spam")).contains(Self.key))
        // Without its key an endpoint makes no call: each fails saying which variable to set.
        server.resetCount()
        let keyless = LLMService(endpoint: endpoint(server, keyVariable: "WSLABEL_UNSET_KEY"), environment: [:])
        XCTAssertEqual(spamLF(keyless).outcomes(on: views(["buy"])),
                       [.failed("the API key variable WSLABEL_UNSET_KEY is not set in the environment")])
        XCTAssertEqual(server.requestCount, 0)
    }

    /// A server that echoes the key with a combining mark after it (one character with the
    /// key's last letter) still has it scrubbed: the scrub matches bytes, not characters.
    func testTheAPIKeyIsScrubbedEvenWhenACombiningMarkFollowsIt() throws {
        let server = try LoopbackLLMServer { _, _ in .status(401, body: "bad key \(Self.key)\u{301}!") }
        let outcomes = spamLF(try service(endpoint(server))).outcomes(on: views(["buy"]))
        guard case let .failed(message) = outcomes.first else { return XCTFail("expected a failure, got \(outcomes)") }
        XCTAssertFalse(Data(message.utf8).range(of: Data(Self.key.utf8)) != nil, message)
        XCTAssertEqual(message, "HTTP 401: bad key [API key]\u{301}!")
    }

    func testFailedCallsAreLeftOutOfTheVoteCacheAndAskedAgain() throws {
        let failing = Locked(true)
        let server = try LoopbackLLMServer { _, _ in failing.value ? .status(500) : .chat("yes") }
        let service = try service(endpoint(server, retries: 0))
        let catalog = try LFCatalog([spamLF(service)])
        let cache = try VoteCache(path: try temporaryDirectory(self).appendingPathComponent("votes.sqlite").path)
        let applier = try LFApplier(catalog: catalog, labels: ["HAM", "SPAM"], cache: cache)
        let items = (0..<3).map { Item(id: "\($0)", text: "buy \($0)") }
        let first = try applier.apply(items)
        XCTAssertEqual(first.report.lfs[0].failures, 3)
        XCTAssertEqual(first.votes.voteCount, 0)
        failing.value = false
        let second = try applier.apply(items)
        XCTAssertEqual(second.report.lfs[0].cacheHits, 0, "failures must not be cached")
        XCTAssertEqual(second.report.lfs[0].votes, 3)
        XCTAssertEqual(server.requestCount, 6)
        let third = try applier.apply(items)
        XCTAssertEqual(third.report.lfs[0].cacheHits, 3)
        XCTAssertEqual(third.report.lfs[0].votes, 3, "cached votes of a batch LF count as votes")
        XCTAssertEqual(third.votes, second.votes, "the vote cache gives the votes the calls gave")
        XCTAssertEqual(server.requestCount, 6)
    }
}

/// A value shared with a server script.
private final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
