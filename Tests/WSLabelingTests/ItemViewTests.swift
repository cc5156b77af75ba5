import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// ItemView's fast paths against the standard-library expressions they stand for.
final class ItemViewTests: XCTestCase {
    /// Strings where characters (grapheme clusters) and scalars part ways around white space
    /// and letters: combining marks after spaces, a prepended mark before a space, joiners,
    /// emoji modifiers and flags, CR LF, case mappings that change UTF-8 length.
    static let trickyTexts: [String] = [
        "", " ", "Check out MY channel!", "check\r\nout", " \u{301}word", "\t\u{301}x", "a\u{301} b", "\u{0600} x",
        "\u{0600}\u{0600} \u{0301}", "x\u{200D} y", "x \u{200D}y", "👍🏽 check it out 👨‍👩‍👧", "🇩🇪🇫🇷 my", "a\u{FEFF}b \u{FEFF}",
        "İstanbul", "\u{212A}elvin", "Ⱥ\u{23E}", "ΣΟΔΟΣ", "ＣＨＥＣＫ out", "\u{A0}a\u{A0}b\u{85}c\u{2003}d\u{3000}e",
        "\u{1C}a\u{1F}b", "e\u{301}\u{301}", "한국어 check-out", "क्षि ति", "\u{1100}\u{1161} \u{11A8}", "\r\n\r\n", "1\u{2153} ½ ²",
        "\u{903} a \u{903}", "ab\u{0308}c d\u{20DD}", "\u{E0061}x \u{E0061}", "x\u{FE0F} \u{FE0F}y",
    ]

    func testLowercaseCountWordsAndTokensMatchTheStandardLibrary() {
        var random = SplitMix64(seed: 7)
        let alphabet: [String] = [
            "a", "B", "z", "7", " ", "\t", "\n", "\r", "\r\n", "\u{301}", "\u{0600}", "\u{200D}", "\u{FEFF}", "\u{A0}", "\u{3000}",
            "é", "İ", "Σ", "ß", "\u{212A}", "🎉", "🏽", "🇩", "ｘ", "\u{903}", "\u{1100}", "\u{1161}", "½", "_", "-", "\u{E0061}",
        ]
        var texts = Self.trickyTexts
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 0..<12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined())
        }
        // Longer texts, mostly ASCII: word counting takes eight ASCII bytes at a time.
        let ascii = ["a", "b", " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{1C}", "x", "y7", "word"]
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 0..<40, using: &random)).map { _ in
                Int.random(in: 0..<10, using: &random) == 0 ? alphabet.randomElement(using: &random)! : ascii.randomElement(using: &random)!
            }.joined())
        }
        for text in texts {
            let view = ItemView(Item(id: "x", text: text))
            XCTAssertTrue(view.lowercasedText.utf8.elementsEqual(text.lowercased().utf8), text.debugDescription)
            // The bytes byte-searching LFs read are those of the strings.
            XCTAssertEqual(view.withUTF8(lowercased: true) { Array($0) }, Array(text.lowercased().utf8), text.debugDescription)
            XCTAssertEqual(view.withUTF8(lowercased: false) { Array($0) }, Array(text.utf8), text.debugDescription)
            XCTAssertEqual(view.wordCount, text.split(whereSeparator: \.isWhitespace).count, text.debugDescription)
            let tokens = text.lowercased().split { !($0.isLetter || $0.isNumber) }
            XCTAssertEqual(view.tokens.count, tokens.count, text.debugDescription)
            XCTAssertTrue(zip(view.tokens, tokens).allSatisfy { $0.utf8.elementsEqual($1.utf8) }, text.debugDescription)
        }
    }
}
