import Foundation
import WSLabelCore
import Yams

/// Declarative labeling functions in a YAML file, so a user adds a keyword, regex or LLM-prompt
/// LF without recompiling:
///
/// ```yaml
/// labeling_functions:
///   - name: keyword_free
///     kind: keyword
///     keywords: [free, "free money"]
///     label: SPAM
///     matching: whole-word      # or substring (default)
///     case_sensitive: false     # default
///   - name: regex_url
///     kind: regex
///     pattern: 'https?://'
///     label: SPAM
///     time_limit: 1             # seconds one item may take (default 1); past it the LF fails on it
///     enabled: false            # any LF: checked, then left out of the run (default true)
///   - name: llm_spam
///     kind: llm
///     endpoint: local           # one of the task file's llm.endpoints (optional with just one)
///     mode: chat                # or logprobs (completions scored by log-probabilities)
///     preamble: "Spam is self-promotion; ham is about the video."   # optional, once at the top
///     template: "Is this YouTube comment spam? Answer yes or no.\nComment: {text}\nAnswer:"
///     verbalizers: {SPAM: ["yes"], HAM: ["no"]}
///     examples:                 # optional few-shot examples, placed before the item
///       - {text: "check out my channel", label: SPAM}
///     temperature: 0            # default
///     max_tokens: 8             # default: 8 for chat, 1 for logprobs
///     margin: 1.0               # logprobs: the lead in nats a vote needs (default 1)
///     top_logprobs: 10          # logprobs: alternatives asked for (default 10)
/// ```
///
/// Everything is checked at load time, and an error names the file, the line and the LF:
/// unknown keys and kinds, missing or mistyped fields, invalid patterns, duplicate names, and
/// (with `labels`) labels the task does not have. A declarative LF's fingerprint is its
/// content, so editing it re-applies just that LF.
public enum LFFile {
    /// The kinds an LF file can declare.
    public static let kinds = ["keyword", "regex", "llm"]

    /// Loads the LFs of one file, in file order.
    /// - Parameters:
    ///   - labels: the task's label names, to check each LF's label against.
    ///   - endpoints: the task's LLM endpoint names, to check LLM LFs' endpoints against.
    public static func load(_ url: URL, labels: [String]? = nil, endpoints: [String]? = nil) throws -> [any LabelingFunction] {
        var origins = LFOrigins()
        return try load(url, labels: labels, endpoints: endpoints, origins: &origins)
    }

    /// Loads the LFs of one file, rejecting names `origins` already holds (naming both places).
    static func load(_ url: URL, labels: [String]?, endpoints: [String]?, origins: inout LFOrigins) throws -> [any LabelingFunction] {
        let data = try readFile(url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path), "not valid UTF-8")
        }
        let located = try parseLocated(text, file: url.path, labels: labels, endpoints: endpoints)
        for (function, line) in located { try origins.add(function.name, file: url.path, line: line) }
        return located.map(\.function)
    }

    /// Loads every `*.yaml` / `*.yml` file of a folder, in file-name order, as one list.
    /// - Throws: on the first bad file, or an LF name repeated across files (naming both).
    public static func loadFolder(_ folder: URL, labels: [String]? = nil, endpoints: [String]? = nil) throws -> [any LabelingFunction] {
        var origins = LFOrigins()
        return try loadFolder(folder, labels: labels, endpoints: endpoints, origins: &origins)
    }

    /// Loads a folder of LF files, rejecting names `origins` already holds (naming both places).
    static func loadFolder(_ folder: URL, labels: [String]?, endpoints: [String]?, origins: inout LFOrigins) throws -> [any LabelingFunction] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw WSLabelError.fileAccess(path: folder.path, "cannot list the folder")
        }
        var functions: [any LabelingFunction] = []
        for name in names.sorted() where isLFFileName(name) {
            functions += try load(folder.appendingPathComponent(name), labels: labels, endpoints: endpoints, origins: &origins)
        }
        return functions
    }

    /// Whether a file in an LF folder is read as an LF file: its name ends in `.yaml` or `.yml`.
    public static func isLFFileName(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    /// Parses LF-file text; `file` names it in errors.
    public static func parse(_ text: String, file: String, labels: [String]? = nil, endpoints: [String]? = nil) throws -> [any LabelingFunction] {
        try parseLocated(text, file: file, labels: labels, endpoints: endpoints).map(\.function)
    }

    /// Parses LF-file text into LFs with the line each starts at.
    private static func parseLocated(
        _ text: String, file: String, labels: [String]?, endpoints: [String]?
    ) throws -> [(function: any LabelingFunction, line: Int)] {
        // An empty file is most likely a mistake (a file saved before it was written); a file
        // that means to hold no LF says so with `labeling_functions: []`.
        guard let root = try YAMLDocument.compose(text, file: file) else {
            throw WSLabelError.malformedInput(SourceLocation(file: file), "the LF file is empty; it holds a `labeling_functions` list (`labeling_functions: []` for none)")
        }
        guard let top = root.mapping else {
            throw located(file, root, nil, nil, "expected a mapping with a `labeling_functions` list")
        }
        for (key, _) in top where key.string != "labeling_functions" {
            throw located(file, key, nil, key.string, "unknown key; an LF file holds `labeling_functions`")
        }
        guard let listNode = top["labeling_functions"] else {
            throw located(file, root, nil, "labeling_functions", "missing: an LF file holds a `labeling_functions` list")
        }
        guard let list = listNode.sequence else {
            throw located(file, listNode, nil, "labeling_functions", "expected a list of LFs")
        }
        var functions: [(function: any LabelingFunction, line: Int)] = []
        var lines: [String: Int] = [:]
        for entry in list {
            let function = try parseEntry(entry, file: file, labels: labels, endpoints: endpoints)
            if let line = lines[function.name] {
                throw located(file, entry, function.name, "name", "duplicate LF name (first at line \(line))")
            }
            let line = entry.mark?.line ?? 0
            lines[function.name] = line
            // A switched-off LF is still checked (so switching it on cannot fail), and keeps its name.
            if try isEnabled(entry, file: file, name: function.name) { functions.append((function, line)) }
        }
        return functions
    }

    private static func parseEntry(_ entry: Node, file: String, labels: [String]?, endpoints: [String]?) throws -> any LabelingFunction {
        let unnamed = try YAMLFields(entry, file: file, what: "an LF")
        let name = try unnamed.string("name")
        // An empty name makes an unnamed column in every vote file and report.
        guard !name.allSatisfy(\.isWhitespace) else { throw unnamed.error("name", "empty: every LF needs a name") }
        let fields = try YAMLFields(entry, file: file, record: "LF \(name)", what: "an LF")
        let kind = try fields.string("kind")
        let allowed: Set<String>
        switch kind {
        case "keyword": allowed = ["name", "kind", "keywords", "label", "case_sensitive", "matching", "enabled"]
        case "regex": allowed = ["name", "kind", "pattern", "label", "case_sensitive", "time_limit", "enabled"]
        case "llm":
            try fields.rejectUnknown(["name", "kind", "endpoint", "mode", "preamble", "template", "verbalizers", "examples", "temperature",
                                      "max_tokens", "margin", "top_logprobs", "enabled"])
            return try LLMLFEntry.parse(fields, name: name, labels: labels, endpoints: endpoints)
        default:
            throw fields.error("kind", "unknown kind \"\(kind)\"; LF files declare \(kinds.dropLast().joined(separator: ", ")) or \(kinds.last!)")
        }
        try fields.rejectUnknown(allowed)
        let label = try fields.string("label")
        if let labels, !labels.contains(label) {
            throw fields.error("label", "unknown label \"\(label)\"; the task's labels are \(labels.joined(separator: ", "))")
        }
        let caseSensitive = try fields.bool("case_sensitive") ?? false
        switch kind {
        case "keyword":
            guard let keywords = try fields.strings("keywords") else { throw fields.error("keywords", "missing") }
            guard !keywords.isEmpty, !keywords.contains("") else {
                throw fields.error("keywords", "needs at least one non-empty keyword")
            }
            let matching = try fields.choice("matching", of: KeywordLF.Matching.self) ?? .substring
            return KeywordLF(name, keywords: keywords, label: label, caseSensitive: caseSensitive, matching: matching)
        default:
            let pattern = try fields.string("pattern")
            let timeLimit = try fields.double("time_limit") ?? RegexLF.defaultTimeLimit
            guard timeLimit > 0 else { throw fields.error("time_limit", "must be more than 0 seconds") }
            do {
                return try RegexLF(name, pattern: pattern, label: label, caseSensitive: caseSensitive, timeLimit: timeLimit)
            } catch {
                throw fields.error("pattern", "invalid regular expression \(pattern)")
            }
        }
    }

    /// An entry's `enabled` (default true).
    private static func isEnabled(_ entry: Node, file: String, name: String) throws -> Bool {
        try YAMLFields(entry, file: file, record: "LF \(name)", what: "an LF").bool("enabled") ?? true
    }

    static func located(_ file: String, _ node: Node, _ lf: String?, _ field: String?, _ message: String) -> WSLabelError {
        .malformedInput(SourceLocation(file: file, line: node.mark?.line, record: lf.map { "LF \($0)" }, field: field), message)
    }

    private static func readFile(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw WSLabelError.fileAccess(path: url.path, FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file")
        }
    }
}
