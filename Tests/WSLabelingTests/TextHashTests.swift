import Foundation
@testable import WSLabeling
import XCTest

/// `TextHash`: equal texts hash alike however they are held; texts that differ in a byte, in
/// length or in a trailing zero byte do not.
final class TextHashTests: XCTestCase {
    func testEqualTextsHashAlikeFromBytesAndStrings() {
        for text in ["", "a", "Free entry in 2 a wkly comp", "naïve café 🎉", String(repeating: "0123456789", count: 30)] {
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer(TextHash.hash)
            XCTAssertEqual(TextHash.hash(text), fromBytes, text)
            XCTAssertEqual(TextHash.hash(String(text.unicodeScalars.map(Character.init))), fromBytes, text)  // another String's storage
        }
    }

    /// Every prefix of a text (0 to 40 bytes: whole words of eight and every tail length), each
    /// prefix with one byte changed, and each with a zero byte added: all different.
    func testPrefixesChangedBytesAndZeroBytesHashApart() {
        let bytes = Array("check out my channel, free ringtones 4 u".utf8)
        var seen: [UInt64: String] = [:]
        func add(_ variant: [UInt8], _ name: String) {
            let hash = variant.withUnsafeBufferPointer(TextHash.hash)
            XCTAssertNil(seen[hash], "\(name) hashes as \(seen[hash] ?? "")")
            seen[hash] = name
        }
        for length in 0...bytes.count {
            let prefix = Array(bytes[..<length])
            add(prefix, "prefix \(length)")
            add(prefix + [0], "prefix \(length) + 0")
            if length > 0 {
                var changed = prefix
                changed[length - 1] ^= 0x80
                add(changed, "prefix \(length), last byte changed")
            }
        }
    }
}
