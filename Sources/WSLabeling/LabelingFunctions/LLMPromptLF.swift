import Foundation
import WSLabelCore
import WSLabelData

/// An LF that asks a language model about one item and turns the answer into a vote.
///
/// The prompt is a template over the item: `{text}` is its text, `{id}` its id, `{NAME}` its
/// field `NAME` (other braces are literal). An optional preamble (the instructions) comes
/// first, once; then worked examples (few-shot), each as the template filled with the example
/// followed by its label's first verbalizer; then the template filled with the item. Each label has
/// verbalizers, the words that mean it. Two modes:
///
/// - ``Mode/chat``: chat completions; the answer counts only when it is exactly one label's
///   verbalizer (case, surrounding white space and a final period ignored), else the LF abstains.
/// - ``Mode/logprobs(margin:topLogprobs:)``: completions with log-probabilities, the mode for
///   base models. Each label scores the probability mass of the first generated token's
///   alternatives that spell one of its verbalizers (or begin one, from two characters); the
///   best label wins when it leads the runner-up by `margin` nats. A label absent from the
///   alternatives counts as likely as the least likely alternative shown.
///
/// ```swift
/// let lf = LLMPromptLF("llm_spam", template: "Is this comment spam? Answer yes or no.\n{text}\nAnswer:",
///                      verbalizers: ["SPAM": ["yes"], "HAM": ["no"]], mode: .logprobs(margin: 1, topLogprobs: 10),
///                      endpoint: "local")
///     .bound(to: service)      // the task does this for LFs of catalogs and LF files
/// ```
///
/// Calls go through an ``LLMService``: cached, budgeted, retried, several in flight. A call that
/// still fails is an abstain that the applier counts as a failure, and that the vote cache does
/// not keep, so the next run asks again.
public struct LLMPromptLF: BatchLabelingFunction {
    /// How answers become votes.
    public enum Mode: Sendable, Hashable {
        /// Chat completions, parsed strictly.
        case chat
        /// Completions scored by the log-probabilities of the first token's `topLogprobs`
        /// alternatives; a vote needs a lead of `margin` nats.
        case logprobs(margin: Double, topLogprobs: Int)
    }

    public let name: String
    /// Text placed once at the top of every prompt (the task's instructions); may be empty.
    public let preamble: String
    public let template: String
    /// Label name → the answers that mean it.
    public let verbalizers: [String: [String]]
    public let examples: [FewShotExample]
    public let mode: Mode
    /// The name of the task's endpoint it asks (``LLMEndpoint/name``).
    public let endpoint: String
    public let temperature: Double
    /// The longest answer, in tokens (default: 8 for chat, 1 for log-probabilities).
    public let maxTokens: Int
    public let version: Int
    private let service: LLMService?

    public init(
        _ name: String, preamble: String = "", template: String, verbalizers: [String: [String]], examples: [FewShotExample] = [],
        mode: Mode = .chat, endpoint: String = "default", temperature: Double = 0, maxTokens: Int? = nil,
        version: Int = 1, service: LLMService? = nil
    ) {
        self.name = name
        self.preamble = preamble
        self.template = template
        self.verbalizers = verbalizers
        self.examples = examples
        self.mode = mode
        self.endpoint = endpoint
        self.temperature = temperature
        if case .chat = mode { self.maxTokens = maxTokens ?? 8 } else { self.maxTokens = maxTokens ?? 1 }
        self.version = version
        self.service = service
    }

    /// The same LF asking through `service`.
    public func bound(to service: LLMService) -> LLMPromptLF {
        LLMPromptLF(name, preamble: preamble, template: template, verbalizers: verbalizers, examples: examples, mode: mode, endpoint: endpoint,
                    temperature: temperature, maxTokens: maxTokens, version: version, service: service)
    }

    /// Whether the LF has a service to ask.
    public var isBound: Bool { service != nil }

    /// The endpoint it asks, once bound.
    public var boundEndpoint: LLMEndpoint? { service?.endpoint }

    /// Everything that shapes the answer and its reading: a changed prompt, verbalizer,
    /// example, mode, model or endpoint URL is another LF to the vote cache.
    public var fingerprint: String {
        let words = verbalizers.keys.sorted().map { "\($0)=\(verbalizers[$0]!.joined(separator: "|"))" }.joined(separator: ";")
        let shots = examples.map { "\($0.label):\($0.text):\($0.fields.sorted { $0.key < $1.key })" }.joined(separator: "\u{1E}")
        let target = service?.endpoint.identity ?? "unbound:\(endpoint)"
        return "llm|\(name)|\(version)|\(mode)|\(temperature)|\(maxTokens)|\(target)|\(preamble)\u{1E}\(template)|\(words)|\(shots)"
    }

    public var possibleLabels: [String]? { verbalizers.keys.sorted() }

    /// A failed call (timeout, rate limit, budget) may succeed next run.
    public var cachesFailures: Bool { false }

    // MARK: - Prompt and request

    /// The prompt for `item`: the preamble, the examples, then the template filled with the item.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` when the template names a field the item
    ///   or an example does not have.
    public func prompt(for item: Item) throws -> String {
        var parts: [String] = preamble.isEmpty ? [] : [preamble]
        for example in examples {
            let answer = verbalizers[example.label]?.first ?? example.label
            var fields = example.fields
            fields["text"] = example.text
            parts.append(try fill(fields, what: "example \"\(example.text.prefix(30))\"") + "\n" + answer)
        }
        var fields = item.fields
        fields["text"] = item.text
        fields["id"] = item.id
        parts.append(try fill(fields, what: "item \(item.id)"))
        return parts.joined(separator: "\n\n")
    }

    /// The request for `item`.
    public func request(for item: Item) throws -> LLMRequest {
        let prompt = try prompt(for: item)
        switch mode {
        case .chat:
            return LLMRequest(kind: .chat, prompt: prompt, temperature: temperature, maxTokens: maxTokens)
        case let .logprobs(_, topLogprobs):
            return LLMRequest(kind: .completion, prompt: prompt, temperature: temperature, maxTokens: maxTokens, topLogprobs: topLogprobs)
        }
    }

    /// The names of the fields the template reads, `text` and `id` included.
    public var templateFields: [String] { Self.placeholders(in: template).map(\.name) }

    // MARK: - Reading answers

    /// The label `response` means under the LF's mode, or `nil` (abstain).
    public func label(for response: LLMResponse) -> String? {
        switch mode {
        case .chat: return label(forAnswer: response.text)
        case let .logprobs(margin, _): return label(forLogprobs: response.topLogprobs, margin: margin)
        }
    }

    /// The label a chat answer means, or `nil` when it is not exactly one label's verbalizer.
    public func label(forAnswer answer: String) -> String? {
        var normalized = answer.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if normalized.hasSuffix(".") { normalized.removeLast() }
        let matches = verbalizers.filter { _, words in words.contains { $0.lowercased() == normalized } }
        return matches.count == 1 ? matches.first!.key : nil
    }

    /// The label the first token's alternatives favour by `margin` nats, or `nil`.
    public func label(forLogprobs alternatives: [LLMResponse.TokenLogprob], margin: Double) -> String? {
        guard let floor = alternatives.map(\.logprob).min() else { return nil }
        var scores: [String: Double] = [:]
        for alternative in alternatives {
            let token = Self.normalizedToken(alternative.token)
            guard !token.isEmpty else { continue }
            for (label, words) in verbalizers where words.contains(where: { Self.token(token, spells: $0) }) {
                scores[label] = Self.logAdd(scores[label], alternative.logprob)
            }
        }
        // Best first; equal scores by label name, so the vote never depends on dictionary order.
        let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let best = ranked.first else { return nil }
        let runnerUp = ranked.count > 1 ? ranked[1].value : floor
        return best.value - runnerUp >= margin ? best.key : nil
    }

    // MARK: - Voting

    public func vote(on item: ItemView) throws -> String? {
        switch outcomes(on: [item])[0] {
        case let .vote(label): return label
        case .abstain: return nil
        case let .failed(message): throw WSLabelError.invalidArgument(message)
        }
    }

    public func outcomes(on items: [ItemView]) -> [LFOutcome] {
        guard let service else {
            return items.map { _ in .failed("no LLM endpoint \"\(endpoint)\" is configured for this LF (the task file's llm.endpoints)") }
        }
        var outcomes = [LFOutcome](repeating: .abstain, count: items.count)
        var requests: [LLMRequest] = [], slots: [Int] = []
        for (slot, item) in items.enumerated() {
            do {
                requests.append(try request(for: item.item))
                slots.append(slot)
            } catch {
                outcomes[slot] = .failed(LFOutcome.message(for: error))
            }
        }
        var unmatched = 0
        for (slot, result) in zip(slots, service.answers(to: requests, lf: name)) {
            switch result {
            case let .success(response):
                if let label = label(for: response) { outcomes[slot] = .vote(label) } else { unmatched += 1 }
            case let .failure(error):
                outcomes[slot] = .failed(error.localizedDescription)
            }
        }
        service.noteUnmatchedAnswers(unmatched, lf: name)
        return outcomes
    }

    // MARK: - Helpers

    private func fill(_ fields: [String: String], what: String) throws -> String {
        var output = ""
        var rest = template[...]
        for placeholder in Self.placeholders(in: template) {
            output += rest[..<placeholder.range.lowerBound]
            guard let value = fields[placeholder.name] else {
                throw WSLabelError.malformedInput(SourceLocation(file: "LF \(name)", field: placeholder.name),
                                                  "the template uses {\(placeholder.name)}, which \(what) does not have")
            }
            output += value
            rest = template[placeholder.range.upperBound...]
        }
        return output + rest
    }

    /// The `{name}` placeholders of `template`, in order: braces around letters, digits, `_`,
    /// `-`, `.` or spaces; any other brace is literal text.
    static func placeholders(in template: String) -> [(name: String, range: Range<String.Index>)] {
        var found: [(String, Range<String.Index>)] = []
        var index = template.startIndex
        while let open = template[index...].firstIndex(of: "{") {
            let afterOpen = template.index(after: open)
            guard let close = template[afterOpen...].firstIndex(where: { !($0.isLetter || $0.isNumber || "_-. ".contains($0)) }),
                  template[close] == "}", close > afterOpen else {
                index = afterOpen
                continue
            }
            found.append((String(template[afterOpen..<close]), open..<template.index(after: close)))
            index = template.index(after: close)
        }
        return found
    }

    /// A token as verbalizers are compared with it: without white space or a tokenizer's
    /// word-start mark (Ġ, ▁), lowercased.
    static func normalizedToken(_ token: String) -> String {
        token.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "Ġ▁"))).lowercased()
    }

    /// Whether a first token is the verbalizer `word`, or begins it with at least two characters.
    static func token(_ token: String, spells word: String) -> Bool {
        let word = word.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return token == word || token.count >= 2 && word.hasPrefix(token)
    }

    /// log(e^a + e^b), with `nil` as log 0.
    static func logAdd(_ a: Double?, _ b: Double) -> Double {
        guard let a else { return b }
        let high = max(a, b)
        return high + Foundation.log(Foundation.exp(a - high) + Foundation.exp(b - high))
    }
}

/// A worked example placed before the item in an LLM prompt.
public struct FewShotExample: Sendable, Hashable {
    /// The example's text (`{text}` in the template).
    public var text: String
    /// The label it has; its first verbalizer follows the filled-in template.
    public var label: String
    /// Other fields the template names.
    public var fields: [String: String]

    public init(text: String, label: String, fields: [String: String] = [:]) {
        self.text = text
        self.label = label
        self.fields = fields
    }
}
