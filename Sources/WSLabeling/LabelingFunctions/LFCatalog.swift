import WSLabelCore

/// A named set of labeling functions with unique names, in a fixed order (the vote matrix's
/// column order).
///
/// ```swift
/// let catalog = try LFCatalog {
///     KeywordLF("keyword_my", keywords: ["my"], label: "SPAM")
///     try RegexLF("regex_check_out", pattern: "check.*out", label: "SPAM")
///     HeuristicLF("short_comment") { $0.wordCount < 5 ? "HAM" : nil }
/// }
/// ```
public struct LFCatalog: Sendable {
    /// The LFs in column order.
    public let functions: [any LabelingFunction]

    /// A catalog of `functions`.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` naming a duplicated LF name, or the
    ///   position of an LF whose name is empty or blank.
    public init(_ functions: [any LabelingFunction]) throws {
        var seen = Set<String>()
        for (index, function) in functions.enumerated() {
            guard !function.name.allSatisfy(\.isWhitespace) else {
                throw WSLabelError.invalidArgument("LF \(index) of the catalog has an empty name: every LF needs a name")
            }
            guard seen.insert(function.name).inserted else {
                throw WSLabelError.invalidArgument("LF name \(function.name) is used twice: LF names must be unique")
            }
        }
        self.functions = functions
    }

    /// A catalog from a builder block.
    public init(@LFCatalogBuilder _ build: () throws -> [any LabelingFunction]) throws {
        try self.init(build())
    }

    /// The LF names in column order.
    public var names: [String] { functions.map(\.name) }

    /// This catalog followed by `other`.
    /// - Throws: when a name appears in both.
    public func merging(_ other: LFCatalog) throws -> LFCatalog {
        try LFCatalog(functions + other.functions)
    }

    /// Checks that every label an LF declares exists in the task.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` naming the LF and the unknown label.
    public func validate(labels: [String]) throws {
        let known = Set(labels)
        for function in functions {
            for label in function.possibleLabels ?? [] where !known.contains(label) {
                throw WSLabelError.invalidArgument(
                    "LF \(function.name) votes for unknown label \"\(label)\"; the task's labels are \(labels.joined(separator: ", "))")
            }
        }
    }
}

/// Builds an LF list: one LF per line, `if`, `for` and arrays allowed.
@resultBuilder
public enum LFCatalogBuilder {
    public static func buildExpression(_ function: any LabelingFunction) -> [any LabelingFunction] { [function] }
    public static func buildExpression(_ functions: [any LabelingFunction]) -> [any LabelingFunction] { functions }
    public static func buildBlock(_ parts: [any LabelingFunction]...) -> [any LabelingFunction] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any LabelingFunction]?) -> [any LabelingFunction] { part ?? [] }
    public static func buildEither(first part: [any LabelingFunction]) -> [any LabelingFunction] { part }
    public static func buildEither(second part: [any LabelingFunction]) -> [any LabelingFunction] { part }
    public static func buildArray(_ parts: [[any LabelingFunction]]) -> [any LabelingFunction] { parts.flatMap { $0 } }
}
