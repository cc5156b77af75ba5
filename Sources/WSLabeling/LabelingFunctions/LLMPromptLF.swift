import WSLabelCore

/// Something that answers prompts: an OpenAI-compatible endpoint client (issue 5 brings the
/// HTTP client, cache, cost ledger and retries behind this protocol).
public protocol LLMCompletionEngine: Sendable {
    /// The model's text answer to `prompt` (chat mode).
    func answer(_ prompt: String, temperature: Double) throws -> String
}

/// An LF that asks a language model about one item and maps its answer to a label.
///
/// The prompt is a template over the item's fields: `{text}` is the item's text, `{id}` its id,
/// and `{name}` any other field. Each label has verbalizers, the words that mean it; the answer
/// counts only when it is exactly one verbalizer (case, surrounding whitespace and a final
/// period ignored), otherwise the LF abstains.
///
/// ```swift
/// let lf = LLMPromptLF("llm_spam", template: "Is this comment spam? Answer yes or no.\n{text}",
///                      verbalizers: ["SPAM": ["yes"], "HAM": ["no"]], engine: client)
/// ```
public struct LLMPromptLF: LabelingFunction {
    public let name: String
    public let template: String
    /// Label name → the answers that mean it.
    public let verbalizers: [String: [String]]
    /// Worked examples placed before the item: (filled-in item text, label name).
    public let examples: [(text: String, label: String)]
    public let temperature: Double
    public let version: Int
    private let engine: (any LLMCompletionEngine)?

    public init(
        _ name: String, template: String, verbalizers: [String: [String]],
        examples: [(text: String, label: String)] = [], temperature: Double = 0, version: Int = 1,
        engine: (any LLMCompletionEngine)? = nil
    ) {
        self.name = name
        self.template = template
        self.verbalizers = verbalizers
        self.examples = examples
        self.temperature = temperature
        self.version = version
        self.engine = engine
    }

    /// Everything that shapes the answer: a changed prompt, verbalizer or example re-asks.
    public var fingerprint: String {
        let words = verbalizers.keys.sorted().map { "\($0)=\(verbalizers[$0]!.joined(separator: "|"))" }.joined(separator: ";")
        let shots = examples.map { "\($0.label):\($0.text)" }.joined(separator: "\u{1E}")
        return "llm|\(name)|\(version)|\(temperature)|\(template)|\(words)|\(shots)"
    }

    public var possibleLabels: [String]? { verbalizers.keys.sorted() }

    /// The prompt for `item`: the examples, each as the template filled with its text followed
    /// by its label's first verbalizer, then the template filled with the item.
    public func prompt(for item: Item) -> String {
        var parts: [String] = []
        for example in examples {
            let answer = verbalizers[example.label]?.first ?? example.label
            parts.append(fill(fields: ["text": example.text]) + "\n" + answer)
        }
        var fields = item.fields
        fields["text"] = item.text
        fields["id"] = item.id
        parts.append(fill(fields: fields))
        return parts.joined(separator: "\n\n")
    }

    /// The label an answer means, or `nil` (abstain) when it matches no verbalizer exactly.
    public func label(forAnswer answer: String) -> String? {
        var normalized = answer.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if normalized.hasSuffix(".") { normalized.removeLast() }
        let matches = verbalizers.filter { _, words in words.contains { $0.lowercased() == normalized } }
        return matches.count == 1 ? matches.first!.key : nil
    }

    public func vote(on item: ItemView) throws -> String? {
        guard let engine else {
            throw WSLabelError.invalidArgument("LF \(name): no LLM endpoint is configured for LLM-prompt LFs")
        }
        return label(forAnswer: try engine.answer(prompt(for: item.item), temperature: temperature))
    }

    private func fill(fields: [String: String]) -> String {
        var output = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            output += rest[..<open]
            let key = String(rest[rest.index(after: open)..<close])
            output += fields[key] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }
}

import Foundation
