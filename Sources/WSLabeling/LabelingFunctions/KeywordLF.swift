import Foundation
import WSLabelData

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
    /// The keywords' UTF-8, searched as bytes when ``searchesBytes``.
    private let keywordBytes: PackedByteStrings
    /// Whether every keyword is ASCII and matched as a substring: then a vote is a byte search
    /// per keyword, with nothing to work out per item.
    private let searchesBytes: Bool

    public init(_ name: String, keywords: [String], label: String, caseSensitive: Bool = false,
                matching: Matching = .substring, version: Int = 1) {
        self.name = name
        self.keywords = caseSensitive ? keywords : keywords.map { $0.lowercased() }
        self.label = label
        self.caseSensitive = caseSensitive
        self.matching = matching
        self.version = version
        let keywordBytes = self.keywords.map { Array($0.utf8) }
        self.keywordBytes = PackedByteStrings(keywordBytes)
        searchesBytes = matching == .substring && keywordBytes.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
    }

    public var fingerprint: String {
        "keyword|\(name)|\(version)|\(label)|\(caseSensitive)|\(matching.rawValue)|" + keywords.joined(separator: "\u{1F}")
    }

    public var possibleLabels: [String]? { [label] }

    public func vote(on item: ItemView) throws -> String? {
        if searchesBytes, let found = item.withUTF8(lowercased: !caseSensitive, { containsAny(keywordBytes, in: $0) }) {
            return found ? label : nil
        }
        return matches(caseSensitive ? item.text : item.lowercasedText) ? label : nil
    }

    /// Whether `text` (lowercased unless case-sensitive) holds a keyword.
    private func matches(_ text: String) -> Bool {
        let wholeWord = matching == .wholeWord
        // Keywords are borrowed from the buffer: iterating the array would retain it, an
        // object every applier thread shares.
        let found = keywords.withUnsafeBufferPointer { keywords in
            keywords.indices.contains { Self.contains(text, keywords[$0], wholeWord: wholeWord) }
        }
        return found
    }

    private static func contains(_ text: String, _ keyword: String, wholeWord: Bool) -> Bool {
        guard !keyword.isEmpty else { return false }
        guard wholeWord else {
            // An ASCII keyword is searched as UTF-8 bytes: a code-point substring test, as Python's
            // `keyword in text`. Other keywords keep Foundation's search (canonical equivalence).
            if keyword.utf8.allSatisfy({ $0 < 0x80 }), let found = containsUTF8(text, keyword) { return found }
            return text.contains(keyword)
        }
        var searchStart = text.startIndex
        while let range = text.range(of: keyword, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !isWordCharacter(before) && !isWordCharacter(after) { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    /// Whether the UTF-8 bytes of `keyword` occur in those of `text`; `nil` when either string
    /// has no contiguous UTF-8 storage (bridged strings).
    static func containsUTF8(_ text: String, _ keyword: String) -> Bool? {
        text.utf8.withContiguousStorageIfAvailable { haystack -> Bool? in
            keyword.utf8.withContiguousStorageIfAvailable { needle -> Bool in
                ByteSearch.firstIndex(of: needle, in: haystack, from: 0, to: haystack.count, ignoringASCIICase: false) != nil
            } ?? nil
        } ?? nil
    }

    /// Whether the UTF-8 bytes of any of `keywords` occur in `haystack` (an empty keyword never
    /// does).
    private func containsAny(_ keywords: PackedByteStrings, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        keywords.withStrings { keywords in
            (0..<keywords.count).contains { index in
                let needle = keywords[index]
                return !needle.isEmpty
                    && ByteSearch.firstIndex(of: needle, in: haystack, from: 0, to: haystack.count, ignoringASCIICase: false) != nil
            }
        }
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_"
    }
}
