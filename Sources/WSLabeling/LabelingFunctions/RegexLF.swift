import Foundation
import WSLabelData

/// Votes `label` when a regular expression matches anywhere in the item's text.
///
/// The pattern is compiled once, when the LF is made; an invalid pattern is an error then,
/// naming the LF.
///
/// Each evaluation has a time limit (``defaultTimeLimit``, 1 s, unless set): a pattern that
/// backtracks without end on some text, such as `(a+)+$` on a long run of a's followed by `!`,
/// stops there and the LF fails on that item (an abstain the apply report counts), instead of
/// hanging the run. Keeping time costs the engine 2–6 times its plain speed, so a search the
/// pattern's ``BacktrackingBound`` proves short (a pattern without nested quantifiers on a
/// text short enough for its unbounded ones) runs untimed. Such a failure is not cached (``cachesFailures``), since whether an
/// evaluation ends in time depends on the machine's load: a re-run tries the item again.
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
    /// Texts up to this many UTF-16 units are searched without the time limit's callbacks: the
    /// pattern's ``BacktrackingBound`` keeps their search far below the limit (0 when the
    /// pattern has no bound).
    private let longestUntimedText: Int

    public let name: String
    public let pattern: String
    public let label: String
    public let caseSensitive: Bool
    public let version: Int
    /// The longest one evaluation may take, in seconds.
    public let timeLimit: Double

    /// The time limit of an evaluation unless one is given: far beyond any sane pattern on a
    /// text of ``ItemSource/defaultMaxTextBytes``, short enough that a run with a few hostile
    /// items still ends.
    public static let defaultTimeLimit: Double = 1

    /// - Parameters:
    ///   - timeLimit: the longest one evaluation may take, in seconds (more than 0).
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` naming the LF when the pattern is invalid
    ///   or the time limit is not a positive number.
    public init(
        _ name: String, pattern: String, label: String, caseSensitive: Bool = false, version: Int = 1,
        timeLimit: Double = RegexLF.defaultTimeLimit
    ) throws {
        guard timeLimit > 0, timeLimit.isFinite else {
            throw WSLabelError.invalidArgument("LF \(name): the time limit must be a positive number of seconds, not \(timeLimit)")
        }
        do {
            expression = try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
        } catch {
            throw WSLabelError.invalidArgument("LF \(name): invalid regular expression \(pattern)")
        }
        requiredLiteral = Self.requiredLiteral(of: pattern, caseSensitive: caseSensitive)
        literalChain = LiteralChain(pattern: pattern, caseSensitive: caseSensitive)
        longestUntimedText = BacktrackingBound(pattern: pattern)?.longestUntimedText ?? 0
        self.name = name
        self.pattern = pattern
        self.label = label
        self.caseSensitive = caseSensitive
        self.version = version
        self.timeLimit = timeLimit
    }

    // The time limit stays out of the fingerprint: it changes no vote, only whether a vote
    // comes at all, and failures are not cached.
    public var fingerprint: String { "regex|\(name)|\(version)|\(label)|\(caseSensitive)|\(pattern)" }

    public var possibleLabels: [String]? { [label] }

    public var cachesFailures: Bool { false }

    /// - Throws: ``TimeLimitExceeded`` when the evaluation runs past ``timeLimit``.
    public func vote(on item: ItemView) throws -> String? {
        // A chain is matched on the text's bytes: a view over a record then makes no string.
        // (Read in place: binding the chain would copy it, retaining its arrays per item.)
        if let answer = item.withUTF8(lowercased: false, { literalChain?.matches(utf8: $0) }) ?? nil {
            return answer ? label : nil
        }
        let text = item.text
        if let requiredLiteral, Self.certainlyLacks(requiredLiteral, text, caseSensitive: caseSensitive) { return nil }
        // The whole text, in UTF-16 units.
        let range = NSRange(location: 0, length: text.utf16.count)
        if range.length <= longestUntimedText {
            // rangeOfFirstMatch allocates no match object.
            return expression.rangeOfFirstMatch(in: text, options: [], range: range).location == NSNotFound ? nil : label
        }
        return try firstMatchWithinTimeLimit(in: text, range: range) ? label : nil
    }

    /// Whether the engine finds a match in `text`, stopping it at ``timeLimit``.
    ///
    /// With `.reportProgress`, ICU calls back before each start position and periodically
    /// during a long match attempt. Those calls cost some 20 ns per start position, 2–6 times
    /// a plain search of a typical pattern, hence the untimed path above; the clock is read on
    /// every 64th call only, which stops a runaway attempt within milliseconds of the limit.
    private func firstMatchWithinTimeLimit(in text: String, range: NSRange) throws -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(timeLimit * 1e9)
        var matched = false, timedOut = false, calls: UInt32 = 0
        expression.enumerateMatches(in: text, options: [.reportProgress], range: range) { match, _, stop in
            if match != nil {
                matched = true
                stop.pointee = true
                return
            }
            calls &+= 1
            if calls & 63 == 0, DispatchTime.now().uptimeNanoseconds > deadline {
                timedOut = true
                stop.pointee = true
            }
        }
        if timedOut { throw TimeLimitExceeded(lf: name, seconds: timeLimit) }
        return matched
    }

    /// An evaluation that ran past the LF's time limit.
    public struct TimeLimitExceeded: Error, LocalizedError, Equatable {
        public var lf: String
        public var seconds: Double

        public var errorDescription: String? {
            let limit = seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
            return "LF \(lf): the regular expression ran past its time limit of \(limit) on this item (nested quantifiers "
                + "such as (a+)+ backtrack without end on some texts); simplify the pattern or raise the LF's time_limit"
        }
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
