/// What calls to one model cost, in US dollars: per million input and output tokens (a hosted
/// API), or per hour of call time (a model on one's own machine).
///
/// ```yaml
/// prices:                        # in the task file's llm section, by model name
///   gpt-4o-mini: {input_per_million: 0.15, output_per_million: 0.60, source: "openai.com/api/pricing, 2026-11"}
///   gemma-3-270m: {per_hour: 0.10, source: "a 2-core cloud VM's hourly price"}
/// ```
public struct LLMPrice: Sendable, Hashable, Codable {
    /// Dollars per million prompt tokens.
    public var inputPerMillion: Double
    /// Dollars per million generated tokens.
    public var outputPerMillion: Double
    /// Dollars per hour of call time: each call's latency, summed. With several calls in
    /// flight on one server this counts their overlap more than once, so it errs high.
    public var perHour: Double
    /// Where the figures come from, shown beside them in reports.
    public var source: String?

    public init(inputPerMillion: Double = 0, outputPerMillion: Double = 0, perHour: Double = 0, source: String? = nil) {
        precondition(inputPerMillion >= 0 && outputPerMillion >= 0 && perHour >= 0, "prices must not be negative")
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.perHour = perHour
        self.source = source
    }

    /// The cost of one call with these token counts and latency.
    public func cost(promptTokens: Int, completionTokens: Int, seconds: Double) -> Double {
        Double(promptTokens) * inputPerMillion / 1e6 + Double(completionTokens) * outputPerMillion / 1e6 + seconds * perHour / 3600
    }
}
