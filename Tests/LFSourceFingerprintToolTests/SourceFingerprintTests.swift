import XCTest
@testable import LFSourceFingerprintTool

/// The hash the LFSourceFingerprints plugin's tool computes over an LF target's sources, and
/// the table it generates.
final class SourceFingerprintTests: XCTestCase {
    private func fingerprint(_ files: [(String, String)]) -> String {
        var fingerprint = SourceFingerprint()
        for (name, contents) in files { fingerprint.add(file: name, contents: Array(contents.utf8)) }
        return fingerprint.hexString
    }

    func testTheHashIsFNV1a128() {
        var letter = SourceFingerprint.withoutTag()
        letter.combine(UInt8(ascii: "a"))
        // FNV-1a 128 of "a", the reference value (www.isthe.com/chongo/tech/comp/fnv).
        XCTAssertEqual(letter.hexString, "d228cb696f1a8caf78912b704e4a8964")
    }

    func testTheFingerprintIsPinned() {
        // Computed by an independent Python implementation of the documented encoding (the tag,
        // then each name and contents with an 8-byte little-endian length): a change here
        // re-runs every user's Swift LFs once, so it must be on purpose (and bump the tag).
        XCTAssertEqual(fingerprint([]), "41375978afcdd73121e9bd5a9699cfa4")
        XCTAssertEqual(fingerprint([("MyLFs/Spam.swift", "let x = 1\n")]), "415c9cbdcffd6ba4031a0fd5fc40a61d")
        XCTAssertEqual(fingerprint([("MyLFs/A.swift", "a"), ("MyLFs/B.swift", "b")]), "a9a3e8c1285d1488ff6b2c383ff6f486")
    }

    func testAnyEditRenameOrMoveOfBytesChangesIt() {
        let base = fingerprint([("M/A.swift", "return item.wordCount > 30 ? spam : nil"), ("M/B.swift", "helper")])
        let variants = [
            fingerprint([("M/A.swift", "return item.wordCount > 3 ? spam : nil"), ("M/B.swift", "helper")]),   // logic
            fingerprint([("M/A.swift", "return item.wordCount > 30 ? spam : nil "), ("M/B.swift", "helper")]), // a space
            fingerprint([("M/A.swift", "return item.wordCount > 30 ? spam : nil"), ("M/B.swift", "helpers")]), // another file
            fingerprint([("M/C.swift", "return item.wordCount > 30 ? spam : nil"), ("M/B.swift", "helper")]),  // a rename
            fingerprint([("M/A.swift", "return item.wordCount > 30 ? spam : nilh"), ("M/B.swift", "elper")]),  // bytes moved
            fingerprint([("M/A.swift", "return item.wordCount > 30 ? spam : nil")]),                            // a file removed
        ]
        XCTAssertEqual(Set(variants + [base]).count, variants.count + 1)
        XCTAssertEqual(base, fingerprint([("M/A.swift", "return item.wordCount > 30 ? spam : nil"), ("M/B.swift", "helper")]))
        XCTAssertEqual(base.count, 32)
        XCTAssertTrue(base.allSatisfy(\.isHexDigit))
    }

    func testTheGeneratedTableDeclaresTheTypeWSLabelingLooksUp() {
        let source = GeneratedTable.source(module: "MyLFs", fingerprint: "0123456789abcdef0123456789abcdef", fileCount: 3)
        XCTAssertTrue(source.contains("import WSLabeling\n"), source)
        XCTAssertTrue(source.contains("enum WSLabelLFSourceFingerprints: LFSourceFingerprintTable {"), source)
        XCTAssertTrue(source.contains("static let sourceFingerprint = \"0123456789abcdef0123456789abcdef\""), source)
        XCTAssertTrue(source.contains("MyLFs (3 files"), source)
    }
}
