/// Votes `label` when the item's text contains any of `keywords`.
///
/// ```swift
/// KeywordLF("keyword_please", keywords: ["please", "plz"], label: "SPAM")                 // substring
/// KeywordLF("keyword_free", keywords: ["free"], label: "SPAM", matching: .wholeWord)    // "free", not "freedom"
/// ```
public struct KeywordLF: LabelingFunction, Equatable {
    /// How a keyword must appear in the text.
    public enum Matching: String, Sendable, Codable, CaseIterable {
        /// Anywhere, as Snorkel's spam tutorial does (`"my" in text` also fires on "army").
        case substring
        /// As whole words or phrases: bounded by non-alphanumeric characters or the text's ends.
        case wholeWord = "whole-word"
    }

    public let name: String
    public let keywords: [String]
    public let label: String
    public let caseSensitive: Bool
    public let matching: Matching
    /// The version of a Swift-declared LF; part of the fingerprint.
    public let version: Int

    public init(_ name: String, keywords: [String], label: String, caseSensitive: Bool = false,
                matching: Matching = .substring, version: Int = 1) {
        self.name = name
        self.keywords = caseSensitive ? keywords : keywords.map { $0.lowercased() }
        self.label = label
        self.caseSensitive = caseSensitive
        self.matching = matching
        self.version = version
    }

    public var fingerprint: String {
        "keyword|\(name)|\(version)|\(label)|\(caseSensitive)|\(matching.rawValue)|" + keywords.joined(separator: "\u{1F}")
    }

    public var possibleLabels: [String]? { [label] }

    public func vote(on item: ItemView) throws -> String? {
        let text = caseSensitive ? item.text : item.lowercasedText
        for keyword in keywords where Self.contains(text, keyword, wholeWord: matching == .wholeWord) {
            return label
        }
        return nil
    }

    private static func contains(_ text: String, _ keyword: String, wholeWord: Bool) -> Bool {
        guard !keyword.isEmpty else { return false }
        guard wholeWord else { return text.contains(keyword) }
        var searchStart = text.startIndex
        while let range = text.range(of: keyword, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !isWordCharacter(before) && !isWordCharacter(after) { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_"
    }
}

import Foundation
