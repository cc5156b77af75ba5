import Foundation

/// What an endpoint answered to one ``LLMRequest``, with what it cost.
public struct LLMResponse: Sendable, Equatable, Codable {
    /// One alternative for the first generated token.
    public struct TokenLogprob: Sendable, Equatable, Codable {
        public var token: String
        public var logprob: Double

        public init(token: String, logprob: Double) {
            self.token = token
            self.logprob = logprob
        }
    }

    /// The generated text (the chat message's content, or the completion).
    public var text: String
    /// The alternatives for the first generated token with their log-probabilities, most
    /// likely first; empty when the endpoint sent none.
    public var topLogprobs: [TokenLogprob]
    /// Input tokens, from the response's `usage`.
    public var promptTokens: Int
    /// Generated tokens, from `usage`.
    public var completionTokens: Int
    /// Whether the response had a `usage` object (the token counts are 0 when not).
    public var hasUsage: Bool
    /// Seconds the successful HTTP call took.
    public var latency: Double

    public init(text: String, topLogprobs: [TokenLogprob] = [], promptTokens: Int = 0, completionTokens: Int = 0,
                hasUsage: Bool = true, latency: Double = 0) {
        self.text = text
        self.topLogprobs = topLogprobs
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.hasUsage = hasUsage
        self.latency = latency
    }

    /// Decodes an OpenAI-compatible response body to `request`.
    ///
    /// Chat: `choices[0].message.content`; completions: `choices[0].text`. Log-probabilities in
    /// either layout: legacy completions (`logprobs.top_logprobs[0]`, an object of token →
    /// log-probability) or chat (`logprobs.content[0].top_logprobs`, a list).
    /// - Returns: `nil` when the body is not such a response.
    static func decode(_ body: Data, kind: LLMRequest.Kind, latency: Double) -> LLMResponse? {
        guard let root = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              let choices = root["choices"] as? [Any], let choice = choices.first as? [String: Any] else { return nil }
        let text: String
        switch kind {
        case .chat:
            guard let message = choice["message"] as? [String: Any] else { return nil }
            // A message whose content is null (a refusal, a tool call) is an empty answer.
            text = message["content"] as? String ?? ""
        case .completion:
            guard let completion = choice["text"] as? String else { return nil }
            text = completion
        }
        var alternatives: [TokenLogprob] = []
        if let logprobs = choice["logprobs"] as? [String: Any] {
            if let perToken = logprobs["top_logprobs"] as? [Any], let first = perToken.first as? [String: Any] {
                alternatives = first.compactMap { token, value in (value as? NSNumber).map { TokenLogprob(token: token, logprob: $0.doubleValue) } }
            } else if let content = logprobs["content"] as? [Any], let first = content.first as? [String: Any],
                      let top = first["top_logprobs"] as? [Any] {
                alternatives = top.compactMap { entry in
                    guard let entry = entry as? [String: Any], let token = entry["token"] as? String,
                          let logprob = entry["logprob"] as? NSNumber else { return nil }
                    return TokenLogprob(token: token, logprob: logprob.doubleValue)
                }
            }
        }
        // Most likely first; equal ones by token, so the order never depends on the JSON's.
        alternatives.sort { $0.logprob != $1.logprob ? $0.logprob > $1.logprob : $0.token < $1.token }
        let usage = root["usage"] as? [String: Any]
        return LLMResponse(
            text: text, topLogprobs: alternatives,
            promptTokens: (usage?["prompt_tokens"] as? NSNumber)?.intValue ?? 0,
            completionTokens: (usage?["completion_tokens"] as? NSNumber)?.intValue ?? 0,
            hasUsage: usage != nil, latency: latency)
    }
}
