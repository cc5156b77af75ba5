import Foundation
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// The byte-level matching of keyword and regex LFs against the definitions they stand for:
/// NSRegularExpression (ICU) for regex LFs, a code-point substring test (Python's `in`) for
/// keyword LFs, on random texts built from characters where the two could part ways.
final class MatchingFastPathTests: XCTestCase {
    /// Pieces of text: ASCII of both cases, every ICU line terminator, CR LF, scalars that
    /// case-fold onto ASCII letters (KELVIN SIGN, LONG S, ß, İ, the ﬆ ligature), other
    /// non-ASCII letters, combining marks and emoji.
    private static let alphabet: [String] = [
        "c", "h", "e", "k", "o", "u", "t", "C", "H", "E", "K", "O", "U", "T", "s", "S", " ", "-", "'", "\t", "\n", "\r", "\r\n",
        "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{212A}", "\u{17F}", "ß", "İ", "\u{FB06}", "é", "Ω", "\u{301}",
        "🎉", "\u{FEFF}", "check", "CHECK", "out", "Out",
    ]

    private func randomTexts(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0..<14, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }.joined()
        }
    }

    func testLiteralChainPatternsAgreeWithICU() throws {
        let patterns = ["check.*out", "ck.*o.*t", "e", "che-ck", "out.*out", "s", "k's, o", "CHECK.*OUT"]
        for pattern in patterns {
            XCTAssertNotNil(LiteralChain(pattern: pattern, caseSensitive: false), "\(pattern) is a literal chain")
        }
        let texts = randomTexts(count: 4_000, seed: 11) + ["check out", "check\nout", "check\r\nout", "chec\u{212A} out", "cheCK it OUT"]
        for pattern in patterns {
            for caseSensitive in [false, true] {
                let lf = try RegexLF("r", pattern: pattern, label: "SPAM", caseSensitive: caseSensitive)
                let icu = try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
                for text in texts {
                    let expected = icu.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
                    let got = try lf.vote(on: ItemView(Item(id: "x", text: text))) != nil
                    XCTAssertEqual(got, expected, "\(pattern) (case-sensitive \(caseSensitive)) on \(text.debugDescription)")
                }
            }
        }
    }

    func testOtherPatternsAreNotChains() {
        for pattern in ["check.+out", "check.*", ".*out", "a|b", "che?ck", "[a-z]", "a.b", "\\bword", "x{2}", "(a)", "a.*.*b", ""] {
            XCTAssertNil(LiteralChain(pattern: pattern, caseSensitive: false), pattern)
        }
    }

    func testKeywordSubstringSearchIsACodePointSubstringTest() throws {
        let keywords = [["check"], ["k"], ["out", "ou"], ["s"], ["ck o"], ["\u{301}"]]
        for text in randomTexts(count: 4_000, seed: 12) {
            let view = ItemView(Item(id: "x", text: text))
            let lowered = Array(text.lowercased().unicodeScalars)
            for words in keywords {
                let expected = words.contains { word in
                    let needle = Array(word.unicodeScalars)
                    return lowered.count >= needle.count
                        && (0...(lowered.count - needle.count)).contains { Array(lowered[$0..<$0 + needle.count]) == needle }
                }
                let got = try KeywordLF("k", keywords: words, label: "SPAM").vote(on: view) != nil
                XCTAssertEqual(got, expected, "\(words) in \(text.debugDescription)")
            }
        }
    }
}
