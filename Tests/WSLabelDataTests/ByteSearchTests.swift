@testable import WSLabelCore
@testable import WSLabelData
import XCTest

/// The word-at-a-time byte helpers against their one-byte-at-a-time definitions.
final class ByteSearchTests: XCTestCase {
    /// The first place of `needle` in `bytes[from..<end]`, byte by byte.
    private func naiveFirstIndex(of needle: [UInt8], in bytes: [UInt8], from: Int, to end: Int, ignoringASCIICase: Bool) -> Int? {
        func folded(_ byte: UInt8) -> UInt8 { ignoringASCIICase ? UTF8Bytes.lowercasedASCII(byte) : byte }
        guard end - from >= needle.count else { return needle.isEmpty ? from : nil }
        return (from...(end - needle.count)).first { start in
            needle.indices.allSatisfy { folded(bytes[start + $0]) == needle[$0] }
        }
    }

    func testFirstIndexMatchesTheByteByByteSearch() {
        var generator = SplitMix64(seed: 4)
        // A small alphabet (with case pairs, the 0x20 bit's neighbours and non-ASCII) makes
        // candidates and near misses frequent.
        let alphabet: [UInt8] = Array("aAbBcC@`[{ 09".utf8) + [0x00, 0x80, 0xC3, 0xE1, 0xFF]
        for trial in 0..<4000 {
            let count = Int(generator.next() % 40)
            let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let ignoringCase = trial % 2 == 0
            var needle = (0..<Int(generator.next() % 4)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if ignoringCase { needle = needle.map(UTF8Bytes.lowercasedASCII) }
            let from = count == 0 ? 0 : Int(generator.next() % UInt64(count + 1))
            let end = from + Int(generator.next() % UInt64(count - from + 1))
            let expected = naiveFirstIndex(of: needle, in: bytes, from: from, to: end, ignoringASCIICase: ignoringCase)
            let found = bytes.withUnsafeBufferPointer { haystack in
                needle.withUnsafeBufferPointer {
                    ByteSearch.firstIndex(of: $0, in: haystack, from: from, to: end, ignoringASCIICase: ignoringCase)
                }
            }
            XCTAssertEqual(found, expected, "needle \(needle) in \(bytes)[\(from)..<\(end)], ignoring case: \(ignoringCase)")
        }
    }

    func testWordHelpersMatchTheirByteDefinitions() {
        for byte in UInt8(0)..<0x80 {
            let word = ByteSearch.ones &* UInt64(byte)
            XCTAssertEqual(UTF8Bytes.lowercasedASCII(word), ByteSearch.ones &* UInt64(UTF8Bytes.lowercasedASCII(byte)), "byte \(byte)")
        }
        var generator = SplitMix64(seed: 8)
        for _ in 0..<10_000 {
            let bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let zeros = (0..<8).filter { bytes[$0] == 0 }.reduce(UInt64(0)) { $0 | 0x80 << ($1 * 8) }
            XCTAssertEqual(ByteSearch.zeroBytes(word), zeros)
            XCTAssertEqual(bytes.withUnsafeBufferPointer(ByteSearch.isASCII), bytes.allSatisfy { $0 < 0x80 })
            let ascii = bytes.map { $0 & 0x7F }
            let asciiWord = ascii.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let lowered = ascii.map(UTF8Bytes.lowercasedASCII).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            XCTAssertEqual(UTF8Bytes.lowercasedASCII(asciiWord), lowered)
        }
    }
}
