import WSLabelData
import WSLabeling

extension LLMRunCosts {
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
