import Foundation
import Yams

/// The `llm` section of a task file: the endpoints LLM-prompt LFs ask, what their models cost,
/// the run's budget and where answers are cached.
///
/// ```yaml
/// llm:
///   endpoints:
///     local:                                   # the name LFs give as `endpoint`
///       base_url: http://127.0.0.1:8080/v1
///       model: gemma-3-270m
///       api_key_env: OPENAI_API_KEY            # optional: the variable holding the key
///       timeout_seconds: 60                    # per call (default 60)
///       max_concurrency: 4                     # calls in flight (default 4)
///       max_retries: 4                         # after 429, 5xx, timeouts (default 4)
///   prices:                                    # by model; dollars
///     gemma-3-270m: {per_hour: 0.10, source: "2-core VM, on-demand price"}
///     gpt-4o-mini: {input_per_million: 0.15, output_per_million: 0.60}
///   budget_usd: 5.00                           # optional: stop calling at $5
///   cache: .wslabel/llm.sqlite                 # default
/// ```
public struct LLMSettings: Sendable {
    /// The endpoints, in file order.
    public var endpoints: [LLMEndpoint]
    /// Prices by model name.
    public var prices: [String: LLMPrice]
    /// The run's spending cap in dollars, when set.
    public var budget: Double?
    /// The response cache's SQLite file.
    public var cache: URL

    /// The endpoint an LF names; an LF that names none (`default`) gets the only endpoint.
    public func endpoint(named name: String) -> LLMEndpoint? {
        if let endpoint = endpoints.first(where: { $0.name == name }) { return endpoint }
        return name == LLMSettings.defaultEndpointName && endpoints.count == 1 ? endpoints[0] : nil
    }

    /// What an LLM LF that names no endpoint asks for.
    public static let defaultEndpointName = "default"

    /// Parses the `llm` section; `resolve` turns relative paths into URLs beside the task file.
    init(_ node: Node, file: String, resolve: (String) -> URL) throws {
        let section = try YAMLFields(node, file: file, record: "llm", what: "the llm section (endpoints, prices, budget_usd, cache)")
        try section.rejectUnknown(TaskFileKeys.llm)
        guard let endpointsNode = section["endpoints"] else { throw section.error("endpoints", "missing: name at least one endpoint") }
        let endpointFields = try YAMLFields(endpointsNode, file: file, record: "llm", what: "endpoints by name")
        var endpoints: [LLMEndpoint] = []
        for (key, value) in endpointFields.mapping {
            guard let name = key.string else { continue }
            endpoints.append(try Self.endpoint(value, name: name, file: file))
        }
        guard !endpoints.isEmpty else { throw endpointFields.error("endpoints", "name at least one endpoint") }

        var prices: [String: LLMPrice] = [:]
        if let pricesNode = section["prices"] {
            let priceFields = try YAMLFields(pricesNode, file: file, record: "llm", what: "prices by model name")
            for (key, value) in priceFields.mapping {
                guard let model = key.string else { continue }
                let price = try YAMLFields(value, file: file, record: "llm.prices.\(model)", what: "a price")
                try price.rejectUnknown(TaskFileKeys.llmPrice)
                let figures = try ["input_per_million", "output_per_million", "per_hour"].map { key -> Double in
                    let figure = try price.double(key) ?? 0
                    guard figure >= 0 else { throw price.error(key, "must not be negative") }
                    return figure
                }
                prices[model] = LLMPrice(inputPerMillion: figures[0], outputPerMillion: figures[1], perHour: figures[2],
                                         source: try price.optionalString("source"))
            }
        }
        let budget = try section.double("budget_usd")
        if let budget, budget < 0 { throw section.error("budget_usd", "must not be negative") }
        self.endpoints = endpoints
        self.prices = prices
        self.budget = budget
        cache = resolve(try section.optionalString("cache") ?? ".wslabel/llm.sqlite")
    }

    private static func endpoint(_ node: Node, name: String, file: String) throws -> LLMEndpoint {
        let fields = try YAMLFields(node, file: file, record: "llm.endpoints.\(name)", what: "an endpoint (base_url, model, …)")
        try fields.rejectUnknown(TaskFileKeys.llmEndpoint)
        let address = try fields.string("base_url")
        guard let url = URL(string: address), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw fields.error("base_url", "expected an http:// or https:// URL, found \(address)")
        }
        guard url.user == nil && url.password == nil else {
            // Credentials in the URL would end up in the cache keys and reports.
            throw fields.error("base_url", "must not hold credentials; put the key in an environment variable named by api_key_env")
        }
        let timeout = try fields.double("timeout_seconds") ?? 60
        guard timeout > 0 else { throw fields.error("timeout_seconds", "must be positive") }
        let concurrency = try fields.int("max_concurrency") ?? 4
        guard concurrency > 0 else { throw fields.error("max_concurrency", "must be positive") }
        let retries = try fields.int("max_retries") ?? 4
        guard retries >= 0 else { throw fields.error("max_retries", "must not be negative") }
        var retry = RetryPolicy(maxRetries: retries)
        if let delay = try fields.double("initial_retry_delay_seconds") {
            guard delay >= 0 else { throw fields.error("initial_retry_delay_seconds", "must not be negative") }
            retry.initialDelay = delay
        }
        if let delay = try fields.double("max_retry_delay_seconds") {
            guard delay >= 0 else { throw fields.error("max_retry_delay_seconds", "must not be negative") }
            retry.maxDelay = delay
        }
        return LLMEndpoint(name: name, baseURL: url, model: try fields.string("model"), apiKeyVariable: try fields.optionalString("api_key_env"),
                           timeout: timeout, maxConcurrency: concurrency, retry: retry)
    }
}
