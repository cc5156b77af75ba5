import Foundation

/// One question for an OpenAI-compatible endpoint: a chat completion (the model answers in
/// words) or a completion scored by log-probabilities (the alternatives for its first token).
public struct LLMRequest: Sendable, Hashable {
    /// Which API the request goes to.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `POST {base}/chat/completions`: the prompt as one user message.
        case chat
        /// `POST {base}/completions` with `logprobs`: the prompt as raw text, the way base
        /// models are asked.
        case completion
    }

    public var kind: Kind
    public var prompt: String
    public var temperature: Double
    /// The longest answer, in tokens.
    public var maxTokens: Int
    /// For completions: how many alternatives for each generated token come back with their
    /// log-probabilities.
    public var topLogprobs: Int?

    public init(kind: Kind, prompt: String, temperature: Double = 0, maxTokens: Int = 8, topLogprobs: Int? = nil) {
        self.kind = kind
        self.prompt = prompt
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.topLogprobs = topLogprobs
    }

    /// The path below the endpoint's base URL.
    var path: String { kind == .chat ? "chat/completions" : "completions" }

    /// Everything that shapes the answer, on `endpoint`: the response cache's key. The same
    /// request to another URL or model is another key; the API key is never part of it.
    public func cacheKey(on endpoint: LLMEndpoint) -> String {
        // Version tag first: bump it if the key's layout ever changes.
        "wslabel-llm-v1\u{1F}\(endpoint.identity)\u{1F}\(kind.rawValue)\u{1F}\(temperature)\u{1F}\(maxTokens)\u{1F}"
            + "\(topLogprobs.map(String.init) ?? "-")\u{1F}\(prompt)"
    }

    /// The JSON body for `model`, keys sorted so the same request is the same bytes.
    func body(model: String) -> Data {
        var object: [String: Any] = ["model": model, "temperature": temperature, "max_tokens": maxTokens, "stream": false]
        switch kind {
        case .chat:
            object["messages"] = [["role": "user", "content": prompt]]
        case .completion:
            object["prompt"] = prompt
            if let topLogprobs { object["logprobs"] = topLogprobs }
        }
        // Only strings, numbers and booleans above: serialization cannot fail.
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}
