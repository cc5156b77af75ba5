import Foundation
import Yams

/// Reads an LF file's `kind: llm` entry (see ``LFFile``) into an ``LLMPromptLF``, checking at
/// load time what can be checked: the endpoint, the labels of verbalizers and examples, the
/// mode's settings, and that every example has the fields the template names.
enum LLMLFEntry {
    static func parse(_ fields: YAMLFields, name: String, labels: [String]?, endpoints: [String]?) throws -> LLMPromptLF {
        let endpoint = try fields.optionalString("endpoint") ?? LLMSettings.defaultEndpointName
        if let endpoints {
            let known = endpoints.contains(endpoint) || endpoint == LLMSettings.defaultEndpointName && endpoints.count == 1
            guard known else {
                let message = endpoints.isEmpty
                    ? "the task file has no llm.endpoints; add one for this LF to ask"
                    : "unknown endpoint \"\(endpoint)\"; the task's llm.endpoints are \(endpoints.joined(separator: ", "))"
                throw fields.error(endpoint == LLMSettings.defaultEndpointName && fields["endpoint"] == nil ? "kind" : "endpoint", message)
            }
        }
        let template = try fields.string("template")
        guard let verbalizerNode = fields["verbalizers"] else { throw fields.error("verbalizers", "missing: the words that mean each label") }
        let verbalizerFields = try YAMLFields(verbalizerNode, file: fields.file, record: fields.record, what: "verbalizers (label: [words])")
        var verbalizers: [String: [String]] = [:]
        for (key, _) in verbalizerFields.mapping {
            guard let label = key.string else { continue }
            try check(label, labels: labels, fields: fields, key: "verbalizers")
            guard let words = try verbalizerFields.strings(label), !words.isEmpty, !words.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                throw verbalizerFields.error(label, "needs at least one non-empty word")
            }
            verbalizers[label] = words
        }
        guard verbalizers.count >= 1 else { throw fields.error("verbalizers", "needs words for at least one label") }

        var examples: [FewShotExample] = []
        if let examplesNode = fields["examples"] {
            guard let list = examplesNode.sequence else { throw fields.error("examples", "expected a list of {text, label}") }
            let needed = Set(LLMPromptLF.placeholders(in: template).map(\.name)).subtracting(["text", "id"])
            for entry in list {
                let example = try YAMLFields(entry, file: fields.file, record: fields.record, what: "an example (text, label, fields)")
                try example.rejectUnknown(["text", "label", "fields"])
                let label = try example.string("label")
                try check(label, labels: labels, fields: example, key: "label")
                guard verbalizers[label] != nil else { throw example.error("label", "has no verbalizers, so the example has no answer to show") }
                var exampleFields: [String: String] = [:]
                if let fieldsNode = example["fields"] {
                    let values = try YAMLFields(fieldsNode, file: fields.file, record: fields.record, what: "the example's fields")
                    for (key, _) in values.mapping { if let field = key.string { exampleFields[field] = try values.string(field) } }
                }
                if let missing = needed.subtracting(exampleFields.keys).sorted().first {
                    throw example.error("fields", "the template uses {\(missing)}; give the example that field")
                }
                examples.append(FewShotExample(text: try example.string("text"), label: label, fields: exampleFields))
            }
        }

        let modeName = try fields.optionalString("mode") ?? "chat"
        let mode: LLMPromptLF.Mode
        switch modeName {
        case "chat":
            for key in ["margin", "top_logprobs"] where fields[key] != nil {
                throw fields.error(key, "only for mode: logprobs")
            }
            mode = .chat
        case "logprobs":
            let margin = try fields.double("margin") ?? 1
            guard margin >= 0 else { throw fields.error("margin", "must not be negative") }
            let top = try fields.int("top_logprobs") ?? 10
            guard (1...20).contains(top) else { throw fields.error("top_logprobs", "expected 1 to 20 (what OpenAI-compatible servers allow)") }
            mode = .logprobs(margin: margin, topLogprobs: top)
        default:
            throw fields.error("mode", "expected chat or logprobs, found \"\(modeName)\"")
        }
        let temperature = try fields.double("temperature") ?? 0
        guard (0...2).contains(temperature) else { throw fields.error("temperature", "expected 0 to 2") }
        let maxTokens = try fields.int("max_tokens")
        if let maxTokens, maxTokens < 1 { throw fields.error("max_tokens", "must be at least 1") }
        return LLMPromptLF(name, preamble: try fields.optionalString("preamble") ?? "", template: template, verbalizers: verbalizers, examples: examples, mode: mode,
                           endpoint: endpoint, temperature: temperature, maxTokens: maxTokens)
    }

    private static func check(_ label: String, labels: [String]?, fields: YAMLFields, key: String) throws {
        if let labels, !labels.contains(label) {
            throw fields.error(key, "unknown label \"\(label)\"; the task's labels are \(labels.joined(separator: ", "))")
        }
    }
}
