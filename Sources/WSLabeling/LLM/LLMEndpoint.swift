import Foundation

/// An OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp's server) and how to call it.
///
/// ```swift
/// let local = LLMEndpoint(name: "local", baseURL: URL(string: "http://127.0.0.1:8080/v1")!, model: "gemma-3-270m")
/// let openAI = LLMEndpoint(name: "openai", baseURL: URL(string: "https://api.openai.com/v1")!,
///                          model: "gpt-4o-mini", apiKeyVariable: "OPENAI_API_KEY")
/// ```
///
/// The API key is never part of an endpoint: only the name of the environment variable that
/// holds it, read when a client is made.
public struct LLMEndpoint: Sendable, Hashable {
    /// The name LFs refer to it by.
    public var name: String
    /// The URL that `chat/completions` and `completions` are relative to, e.g. `…/v1`.
    public var baseURL: URL
    /// The model to ask.
    public var model: String
    /// The environment variable holding the API key, sent as `Authorization: Bearer`; `nil`
    /// for endpoints without one (a local server).
    public var apiKeyVariable: String?
    /// Seconds one HTTP call may take before it counts as timed out (and is retried).
    public var timeout: Double
    /// Calls in flight at once, at most.
    public var maxConcurrency: Int
    /// When and how often failed calls are tried again.
    public var retry: RetryPolicy

    public init(
        name: String, baseURL: URL, model: String, apiKeyVariable: String? = nil, timeout: Double = 60,
        maxConcurrency: Int = 4, retry: RetryPolicy = RetryPolicy()
    ) {
        precondition(timeout > 0, "timeout must be positive")
        precondition(maxConcurrency > 0, "maxConcurrency must be positive")
        self.name = name
        self.baseURL = baseURL
        self.model = model
        self.apiKeyVariable = apiKeyVariable
        self.timeout = timeout
        self.maxConcurrency = maxConcurrency
        self.retry = retry
    }

    /// What makes answers differ between endpoints: the URL and the model (never the key).
    /// Part of every cache key and of LLM LFs' fingerprints.
    public var identity: String { "\(baseURL.absoluteString)|\(model)" }
}
