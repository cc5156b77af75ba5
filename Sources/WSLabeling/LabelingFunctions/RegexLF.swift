import Foundation

/// Votes `label` when a regular expression matches anywhere in the item's text.
///
/// The pattern is compiled once, when the LF is made; an invalid pattern is an error then,
/// naming the LF.
///
/// ```swift
/// let lf = try RegexLF("regex_check_out", pattern: #"check.*out"#, label: "SPAM")
/// ```
public struct RegexLF: LabelingFunction, @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented thread-safe for matching.
    private let expression: NSRegularExpression

    public let name: String
    public let pattern: String
    public let label: String
    public let caseSensitive: Bool
    public let version: Int

    /// - Throws: ``WSLabelError/invalidArgument(_:)`` naming the LF when the pattern is invalid.
    public init(_ name: String, pattern: String, label: String, caseSensitive: Bool = false, version: Int = 1) throws {
        do {
            expression = try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
        } catch {
            throw WSLabelError.invalidArgument("LF \(name): invalid regular expression \(pattern)")
        }
        self.name = name
        self.pattern = pattern
        self.label = label
        self.caseSensitive = caseSensitive
        self.version = version
    }

    public var fingerprint: String { "regex|\(name)|\(version)|\(label)|\(caseSensitive)|\(pattern)" }

    public var possibleLabels: [String]? { [label] }

    public func vote(on item: ItemView) throws -> String? {
        let text = item.text
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, options: [], range: range) == nil ? nil : label
    }
}

import WSLabelCore
