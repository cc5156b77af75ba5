import WSLabelData
/// What one LLM LF's calls came to in a run: the cost ledger's per-LF line. Filled by
/// WSLabeling's `LLMService`; read by reports, which is why it lives here.
public struct LLMUsage: Sendable, Equatable, Codable {
    /// The LF.
    public var lf: String
    /// The endpoint's name, URL and model.
    public var endpoint: String
    public var baseURL: String
    public var model: String
    /// Items the LF asked about (the vote cache answered the others without asking):
    /// `cached + answered + failed + skippedForBudget + repeatedPrompts`.
    public var requests = 0
    /// Requests whose prompt repeated another of the same batch: answered by that one call.
    public var repeatedPrompts = 0
    /// Requests answered from the response cache: no call, no cost.
    public var cached = 0
    /// Requests answered by a call this run.
    public var answered = 0
    /// Requests whose call failed after its retries (the LF abstains on them).
    public var failed = 0
    /// Requests not sent because the budget was spent (the LF abstains on them).
    public var skippedForBudget = 0
    /// Answers that meant no label (a chat answer that is no verbalizer, log-probabilities
    /// without a clear lead): the LF abstains on them.
    public var unmatchedAnswers = 0
    /// HTTP calls made, retries included.
    public var attempts = 0
    /// Tokens of this run's answered calls, from the responses' `usage`.
    public var promptTokens = 0
    public var completionTokens = 0
    /// Answered calls whose response had no `usage` (their tokens count as 0).
    public var callsWithoutUsage = 0
    /// Seconds of this run's answered calls, summed.
    public var seconds = 0.0
    /// Dollars this run's calls cost.
    public var cost = 0.0
    /// Dollars the cached answers cost when they were first asked.
    public var costSavedByCache = 0.0
    /// Tokens of the cached answers (what asking again would have used).
    public var cachedPromptTokens = 0
    public var cachedCompletionTokens = 0
    /// Whether the price book has a price for the model (the costs are 0 when not).
    public var priced: Bool
    /// Failed requests by kind of failure (`http_429`, `timeout`, `budget`, …).
    public var failuresByKind: [String: Int] = [:]
    /// The first failure's message, for the report.
    public var firstFailure: String?

    public init(lf: String, endpoint: String, baseURL: String, model: String, priced: Bool) {
        self.lf = lf
        self.endpoint = endpoint
        self.baseURL = baseURL
        self.model = model
        self.priced = priced
    }

    /// Prompt tokens per answered call (cached answers included), or `nil` with none.
    public var promptTokensPerAnswer: Double? {
        let answers = answered + cached
        return answers > 0 ? Double(promptTokens + cachedPromptTokens) / Double(answers) : nil
    }

    /// Seconds per answered call this run, or `nil` with none.
    public var secondsPerCall: Double? { answered > 0 ? seconds / Double(answered) : nil }

    /// Adds the counts of `other`, a later part of the same LF's run.
    public mutating func merge(_ other: LLMUsage) {
        requests += other.requests
        cached += other.cached
        answered += other.answered
        failed += other.failed
        skippedForBudget += other.skippedForBudget
        repeatedPrompts += other.repeatedPrompts
        unmatchedAnswers += other.unmatchedAnswers
        attempts += other.attempts
        promptTokens += other.promptTokens
        completionTokens += other.completionTokens
        callsWithoutUsage += other.callsWithoutUsage
        seconds += other.seconds
        cost += other.cost
        costSavedByCache += other.costSavedByCache
        cachedPromptTokens += other.cachedPromptTokens
        cachedCompletionTokens += other.cachedCompletionTokens
        for (kind, count) in other.failuresByKind { failuresByKind[kind, default: 0] += count }
        firstFailure = firstFailure ?? other.firstFailure
    }
}

/// A run's LLM calls: one ``LLMUsage`` per LLM-prompt LF and the budget. Timings and cache
/// hits differ from run to run, so reports that show it are not byte-identical across runs.
public struct LLMRunCosts: Sendable, Equatable {
    /// One line per LLM LF, in catalog order.
    public var usage: [LLMUsage]
    /// The budget in dollars and what was spent of it, when the task sets one.
    public var budget: Double?
    public var spent: Double?

    public init(usage: [LLMUsage], budget: Double? = nil, spent: Double? = nil) {
        self.usage = usage
        self.budget = budget
        self.spent = spent
    }

    /// Dollars of this run's calls, over all LFs.
    public var cost: Double { usage.reduce(0) { $0 + $1.cost } }

    /// As JSON: `lfs` (per LF `lf`, `endpoint`, `base_url`, `model`, `requests`, `cached`,
    /// `answered`, `failed`, `skipped_for_budget`, `repeated_prompts`, `unmatched_answers`, `attempts`,
    /// `prompt_tokens`, `completion_tokens`, `calls_without_usage`, `seconds`, `cost_usd`,
    /// `cost_saved_by_cache_usd`, `cached_prompt_tokens`, `cached_completion_tokens`, `priced`,
    /// `failures_by_kind`, `first_failure`), `cost_usd`, and `budget_usd`, `spent_usd` when set.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("lfs", .array(usage.map { line in
                func number(_ value: Int) -> JSONValue { .number(Double(value)) }
                return .object([
                    ("lf", .string(line.lf)), ("endpoint", .string(line.endpoint)), ("base_url", .string(line.baseURL)),
                    ("model", .string(line.model)), ("requests", number(line.requests)), ("cached", number(line.cached)),
                    ("answered", number(line.answered)), ("failed", number(line.failed)),
                    ("skipped_for_budget", number(line.skippedForBudget)), ("repeated_prompts", number(line.repeatedPrompts)),
                    ("unmatched_answers", number(line.unmatchedAnswers)),
                    ("attempts", number(line.attempts)), ("prompt_tokens", number(line.promptTokens)),
                    ("completion_tokens", number(line.completionTokens)), ("calls_without_usage", number(line.callsWithoutUsage)),
                    ("seconds", .number(line.seconds)), ("cost_usd", .number(line.cost)),
                    ("cost_saved_by_cache_usd", .number(line.costSavedByCache)),
                    ("cached_prompt_tokens", number(line.cachedPromptTokens)),
                    ("cached_completion_tokens", number(line.cachedCompletionTokens)), ("priced", .bool(line.priced)),
                    ("failures_by_kind", .object(line.failuresByKind.sorted { $0.key < $1.key }.map { ($0.key, number($0.value)) })),
                    ("first_failure", line.firstFailure.map(JSONValue.string) ?? .null),
                ])
            })),
            ("cost_usd", .number(cost)),
        ]
        if let budget { members.append(("budget_usd", .number(budget))) }
        if let spent { members.append(("spent_usd", .number(spent))) }
        return .object(members)
    }
}
