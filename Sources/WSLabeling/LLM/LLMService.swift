import Foundation
import Synchronization
import WSLabelCore

/// Everything around an endpoint's calls: the response cache first, the budget before each
/// call, at most ``LLMEndpoint/maxConcurrency`` calls in flight, and every outcome in the cost
/// ledger. LLM LFs ask through one service per endpoint.
///
/// ```swift
/// let service = LLMService(endpoint: local, cache: try LLMResponseCache(path: ".wslabel/llm.sqlite"),
///                              price: LLMPrice(perHour: 0.10))
/// let answers = service.answers(to: requests, lf: "llm_spam")   // one Result per request
/// service.usage(lf: "llm_spam")                                  // calls, tokens, dollars
/// ```
public final class LLMService: Sendable {
    public let endpoint: LLMEndpoint
    /// The endpoint's price, when the price book has one for its model.
    public let price: LLMPrice?
    private let client: OpenAICompatibleClient
    private let cache: LLMResponseCache?
    private let budget: LLMBudget?
    private let ledger = Mutex<[String: LLMUsage]>([:])

    /// - Parameters:
    ///   - cache: where answers are kept between runs (none: every run asks again).
    ///   - price: what calls cost (none: they are counted, not priced).
    ///   - budget: the run's cap, shared with the other endpoints' services.
    ///   - environment: where the API key variable is read (when it is not set, answers come
    ///     from the cache only and every call fails, saying so).
    public init(endpoint: LLMEndpoint, cache: LLMResponseCache? = nil, price: LLMPrice? = nil, budget: LLMBudget? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        client = OpenAICompatibleClient(endpoint: endpoint, environment: environment)
        self.endpoint = endpoint
        self.cache = cache
        self.price = price
        self.budget = budget
    }

    /// The answers to `requests` on behalf of LF `lf`, in order: cached ones without a call,
    /// the others asked concurrently. Repeated requests are asked once.
    ///
    /// A request that fails (after its retries, or for the budget) is a failure in its slot;
    /// the cache file failing is too, for every request it touched.
    public func answers(to requests: [LLMRequest], lf: String) -> [Result<LLMResponse, LLMCallError>] {
        var usage = blankUsage(lf: lf)
        usage.requests = requests.count
        var results = [Result<LLMResponse, LLMCallError>?](repeating: nil, count: requests.count)
        let keys = requests.map { $0.cacheKey(on: endpoint) }

        var stored: [LLMResponseCache.Entry?] = Array(repeating: nil, count: requests.count)
        if let cache {
            do {
                stored = try cache.entries(for: keys)
            } catch {
                let failure = LLMCallError.connection("the LLM cache cannot be read: \(error.localizedDescription)")
                return record(Array(repeating: .failure(failure), count: requests.count), usage: usage)
            }
        }
        // The first slot of each distinct key not in the cache is asked; the others copy it.
        var firstSlot: [String: Int] = [:]
        var toAsk: [Int] = []
        for (slot, key) in keys.enumerated() {
            if let entry = stored[slot] {
                results[slot] = .success(entry.response)
                usage.cached += 1
                usage.costSavedByCache += entry.cost
                usage.cachedPromptTokens += entry.response.promptTokens
                usage.cachedCompletionTokens += entry.response.completionTokens
            } else if firstSlot[key] == nil {
                firstSlot[key] = slot
                toAsk.append(slot)
            }
        }

        let asked = AskedCalls()
        let slotsToAsk = toAsk
        Self.runConcurrently(count: slotsToAsk.count, maxConcurrency: endpoint.maxConcurrency) { index in
            let slot = slotsToAsk[index]
            let outcome = self.ask(requests[slot], key: keys[slot])
            asked.outcomes.withLock { $0[slot] = outcome }
        }
        for (slot, outcome) in asked.outcomes.withLock({ $0 }) {
            results[slot] = outcome.0
            usage.attempts += outcome.attempts
            usage.cost += outcome.cost
            switch outcome.0 {
            case let .success(response):
                usage.answered += 1
                usage.promptTokens += response.promptTokens
                usage.completionTokens += response.completionTokens
                usage.seconds += response.latency
                if !response.hasUsage { usage.callsWithoutUsage += 1 }
            case .failure:
                break  // counted below, per slot
            }
        }
        var repeats = Set<Int>()
        for slot in results.indices where results[slot] == nil {
            results[slot] = results[firstSlot[keys[slot]]!]
            repeats.insert(slot)
        }
        usage.repeatedPrompts = repeats.count
        return record(results.map { $0! }, usage: usage, skipping: repeats)
    }

    /// This run's ledger line of LF `lf` (zeros when it asked nothing).
    public func usage(lf: String) -> LLMUsage {
        ledger.withLock { $0[lf] } ?? blankUsage(lf: lf)
    }

    private func blankUsage(lf: String) -> LLMUsage {
        LLMUsage(lf: lf, endpoint: endpoint.name, baseURL: endpoint.baseURL.absoluteString, model: endpoint.model, priced: price != nil)
    }

    /// Counts `count` answers of LF `lf` that meant no label, for its ledger line.
    public func noteUnmatchedAnswers(_ count: Int, lf: String) {
        guard count > 0 else { return }
        let blank = blankUsage(lf: lf)
        ledger.withLock { $0[lf, default: blank].unmatchedAnswers += count }
    }

    /// One uncached request: budget, call, cache write. Returns the result, the HTTP calls
    /// made and the dollars spent.
    private func ask(_ request: LLMRequest, key: String) -> (Result<LLMResponse, LLMCallError>, attempts: Int, cost: Double) {
        var reservation = 0.0
        if let budget {
            guard let reserved = budget.reserve() else { return (.failure(.budgetExhausted(limit: budget.limit)), 0, 0) }
            reservation = reserved
        }
        let outcome = client.send(request)
        var cost = 0.0
        if case let .success(response) = outcome.result {
            cost = price?.cost(promptTokens: response.promptTokens, completionTokens: response.completionTokens,
                               seconds: response.latency) ?? 0
        }
        budget?.settle(reservation: reservation, cost: cost, paid: cost > 0)
        if case let .success(response) = outcome.result, let cache {
            do {
                try cache.store(response, cost: cost, key: key, endpoint: endpoint, kind: request.kind)
            } catch {
                // The answer is used this run; the next run will ask again.
                return (.success(response), outcome.attempts, cost)
            }
        }
        return (outcome.result, outcome.attempts, cost)
    }

    /// Adds the failures of `results` (but those of `repeats`, which share another slot's call)
    /// to `usage`, merges it into the ledger, returns `results`.
    private func record(_ results: [Result<LLMResponse, LLMCallError>], usage: LLMUsage,
                        skipping repeats: Set<Int> = []) -> [Result<LLMResponse, LLMCallError>] {
        var usage = usage
        for (slot, result) in results.enumerated() where !repeats.contains(slot) {
            guard case let .failure(error) = result else { continue }
            if case .budgetExhausted = error { usage.skippedForBudget += 1 } else { usage.failed += 1 }
            usage.failuresByKind[error.kind, default: 0] += 1
            usage.firstFailure = usage.firstFailure ?? error.localizedDescription
        }
        ledger.withLock { ledger in
            if ledger[usage.lf] == nil { ledger[usage.lf] = usage } else { ledger[usage.lf]!.merge(usage) }
        }
        return results
    }

    /// Runs `body(0..<count)` on up to `maxConcurrency` threads of its own (calls block on the
    /// network, so they should not hold the shared dispatch pool's few threads), and waits.
    static func runConcurrently(count: Int, maxConcurrency: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let next = AtomicCounter()
        let group = DispatchGroup()
        for _ in 0..<min(count, maxConcurrency) {
            group.enter()
            let thread = Thread {
                while true {
                    let index = next.increment()
                    if index >= count { break }
                    body(index)
                }
                group.leave()
            }
            thread.start()
        }
        group.wait()
    }
}

/// The outcomes of one batch's calls, filled from the calling threads.
private final class AskedCalls: Sendable {
    let outcomes = Mutex([Int: (Result<LLMResponse, LLMCallError>, attempts: Int, cost: Double)]())
}
