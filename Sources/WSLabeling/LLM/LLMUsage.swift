/// What one LLM LF's calls came to in a run: the cost ledger's per-LF line, filled by
/// ``LLMService`` as it answers (reports render it: `LLMRunCosts.json`, `LLMCostTable`).
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
}
