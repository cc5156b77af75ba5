import CYaml
import WSLabelCore
import Yams

/// Reads the YAML of a task or LF file into a node tree, after one pass over libyaml's events
/// that rejects what the tree would hide or choke on:
///
/// - nesting deeper than ``maxDepth`` levels: Yams composes recursively, and some thousands of
///   levels (10 KB of `[[[…]]]`) overflow the stack and kill the process;
/// - a key given twice in one mapping: YAML would keep one of the values without a word.
///
/// The pass is iterative (libyaml's parser keeps its own stack), so it is safe at any depth.
/// It also reports text that libyaml cannot parse, on one line with its place (Yams' own
/// message spans several lines).
enum YAMLDocument {
    /// The deepest nesting accepted; real task and LF files are 4–6 levels deep.
    static let maxDepth = 64

    /// The root node of `text`, or `nil` for an empty document; `file` names it in errors.
    ///
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the file and line of the first
    ///   level past ``maxDepth``, of the second occurrence of a repeated key (and the key), or
    ///   of a YAML syntax error.
    static func compose(_ text: String, file: String) throws -> Node? {
        try checkStructure(text, file: file)
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw WSLabelError.malformedInput(SourceLocation(file: file), "invalid YAML: \(error)")
        }
    }

    /// One open collection: a sequence, or a mapping with its keys so far (scalar keys, by
    /// their text, with their lines) and whether its next node is a key.
    private struct Collection {
        var keys: [String: Int]?
        var expectsKey = true
    }

    private static func checkStructure(_ text: String, file: String) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var open: [Collection] = []
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser, file: file) }
                defer { yaml_event_delete(&event) }
                let type = event.type
                if type == YAML_STREAM_END_EVENT { return }
                let line = Int(event.start_mark.line) + 1
                if type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT {
                    open.removeLast()
                    continue
                }
                guard type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT || type == YAML_SEQUENCE_START_EVENT
                        || type == YAML_MAPPING_START_EVENT else { continue }
                // A node: a key or a value of the mapping it is in, if any.
                if open.last?.keys != nil {
                    if open[open.count - 1].expectsKey, type == YAML_SCALAR_EVENT {
                        let scalar = event.data.scalar
                        let key = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                        if let first = open[open.count - 1].keys?.updateValue(line, forKey: key) {
                            throw WSLabelError.malformedInput(
                                SourceLocation(file: file, line: line, field: key),
                                "the key is given twice in one mapping (first at line \(first)); YAML would keep only one of the values")
                        }
                    }
                    open[open.count - 1].expectsKey.toggle()
                }
                if type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT {
                    guard open.count < maxDepth else {
                        throw WSLabelError.malformedInput(
                            SourceLocation(file: file, line: line),
                            "the YAML nests more than \(maxDepth) levels deep (task and LF files need about 5)")
                    }
                    open.append(Collection(keys: type == YAML_MAPPING_START_EVENT ? [:] : nil))
                }
            }
        }
    }

    /// libyaml's error as one line: where, what, and in what.
    private static func syntaxError(_ parser: yaml_parser_t, file: String) -> WSLabelError {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot be parsed"
        let context = parser.context.map { " (\(String(cString: $0)) at line \(parser.context_mark.line + 1))" } ?? ""
        return .malformedInput(SourceLocation(file: file, line: Int(parser.problem_mark.line) + 1),
                               "invalid YAML at column \(parser.problem_mark.column + 1): \(problem)\(context)")
    }
}
