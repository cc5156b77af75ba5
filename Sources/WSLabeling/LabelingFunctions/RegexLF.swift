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
    /// ASCII letters and digits every match must contain (lowercased when case-insensitive),
    /// when the pattern shows them; see ``requiredLiteral(of:caseSensitive:)``.
    private let requiredLiteral: [UInt8]?
    /// The pattern as plain literals joined by `.*`, when it is one: matched without the engine.
    private let literalChain: LiteralChain?

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
        requiredLiteral = Self.requiredLiteral(of: pattern, caseSensitive: caseSensitive)
        literalChain = LiteralChain(pattern: pattern, caseSensitive: caseSensitive)
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
        if let answer = literalChain?.matches(text) { return answer ? label : nil }
        if let requiredLiteral, Self.certainlyLacks(requiredLiteral, text, caseSensitive: caseSensitive) { return nil }
        // The whole text, in UTF-16 units; rangeOfFirstMatch allocates no match object.
        let range = NSRange(location: 0, length: text.utf16.count)
        return expression.rangeOfFirstMatch(in: text, options: [], range: range).location == NSNotFound ? nil : label
    }

    // MARK: - Prefilter
    //
    // Most items do not match, and the regex engine is costly (the text is bridged to UTF-16
    // first). Patterns that are literals joined by `.*` never reach it (``LiteralChain``); for
    // the others, when the pattern starts with plain ASCII letters and digits that every match must
    // contain, a text without them is answered without the engine. The filter only ever says
    // "no match" when the engine would say so too; otherwise the engine decides.

    /// The leading run of ASCII letters and digits of `pattern` that every match contains, or
    /// `nil`: none when the pattern has an alternation (`|` anywhere, so the run may be
    /// optional), and without its last character when a quantifier follows it (`check?`).
    static func requiredLiteral(of pattern: String, caseSensitive: Bool) -> [UInt8]? {
        let bytes = Array(pattern.utf8)
        guard !bytes.contains(UInt8(ascii: "|")) else { return nil }
        var literal: [UInt8] = []
        for byte in bytes {
            guard (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 else { break }
            literal.append(byte)
        }
        if literal.count < bytes.count, Array("*+?{".utf8).contains(bytes[literal.count]) {
            literal.removeLast()
        }
        guard !literal.isEmpty else { return nil }
        return caseSensitive ? literal : literal.map(UTF8Bytes.lowercasedASCII)
    }

    /// Whether `text` certainly contains no match because it lacks `literal`.
    ///
    /// Case-sensitive: `literal`'s bytes are absent from the text's UTF-8. Case-insensitive: the
    /// same, comparing ASCII letters case-insensitively, and only when every non-ASCII scalar of
    /// the text is unchanged by case folding (else ICU may match an ASCII letter with, e.g.,
    /// U+212A KELVIN SIGN, or "ss" with "ß": then the answer is `false`, "cannot tell").
    static func certainlyLacks(_ literal: [UInt8], _ text: String, caseSensitive: Bool) -> Bool {
        let answer = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            if !caseSensitive, CaseFoldingGuard.hasFoldingNonASCII(bytes) { return false }
            let found = literal.withUnsafeBufferPointer {
                LiteralChain.find($0, in: bytes, from: 0, to: bytes.count, caseSensitive: caseSensitive)
            }
            return found == nil
        }
        return answer ?? false
    }
}

import WSLabelCore
