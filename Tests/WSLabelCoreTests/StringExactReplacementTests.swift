import Foundation
import WSLabelCore
import XCTest

final class StringExactReplacementTests: XCTestCase {
    func testAQuoteBeforeACombiningMarkIsReplacedWhereFoundationsReplacementMissesIt() {
        let text = "say \"\u{301}hi\""
        // The reason for the function: Foundation matches characters, and "\"\u{301}" is one.
        XCTAssertEqual(text.replacingOccurrences(of: "\"", with: "\"\"").utf8.filter { $0 == 0x22 }.count, 3)
        let doubled = text.replacingExactly("\"", with: "\"\"")
        XCTAssertEqual(Array(doubled.utf8), Array("say \"\"\u{301}hi\"\"".utf8))
    }

    func testReplacesEveryOccurrenceAndLeavesOtherTextAlone() {
        XCTAssertEqual("a&b&&c".replacingExactly("&", with: "&amp;"), "a&amp;b&amp;&amp;c")
        XCTAssertEqual("key=sk-1 sk-1sk-1".replacingExactly("sk-1", with: "[key]"), "key=[key] [key][key]")
        XCTAssertEqual("no match here".replacingExactly("xyz", with: "!"), "no match here")
        XCTAssertEqual("ab".replacingExactly("abc", with: "!"), "ab")
        XCTAssertEqual("text".replacingExactly("", with: "!"), "text")
        // Multi-byte targets and replacements stay well-formed.
        XCTAssertEqual("中文中".replacingExactly("中", with: "🎉"), "🎉文🎉")
    }
}
