import Foundation
import TestSupport
import XCTest

/// `docs/reliability.md` proves each promise by naming tests and corpus cases: every one it
/// names must exist, so that the document cannot drift from the tests.
final class ReliabilityDocumentTests: XCTestCase {
    private let root = SharedData.packageRoot

    func testEveryTestAndCorpusCaseTheDocumentNamesExists() throws {
        let document = try String(contentsOf: root.appendingPathComponent("docs/reliability.md"), encoding: .utf8)
        let sources = try testSources()
        let classes = Set(sources.flatMap { matches(of: #"final class (\w+)"#, in: $0) })
        let methods = Set(sources.flatMap { matches(of: #"func (test\w+)\("#, in: $0) })

        var named = 0
        for code in matches(of: "`([^`]+)`", in: document) {
            // `ClassTests.testSomething`, `ClassTests`, or `testSomething`.
            let parts = code.split(separator: ".").map(String.init)
            if parts.count == 2, parts[0].hasSuffix("Tests"), parts[1].hasPrefix("test") {
                XCTAssertTrue(classes.contains(parts[0]), "docs/reliability.md names \(parts[0]), which is no test class")
                XCTAssertTrue(methods.contains(parts[1]), "docs/reliability.md names \(parts[1]), which is no test")
                named += 1
            } else if parts.count == 1, code.hasSuffix("Tests"), code.first!.isUppercase {
                XCTAssertTrue(classes.contains(code), "docs/reliability.md names \(code), which is no test class")
                named += 1
            } else if parts.count == 1, code.hasPrefix("test"), !code.contains(" ") {
                XCTAssertTrue(methods.contains(code), "docs/reliability.md names \(code), which is no test")
                named += 1
            }
        }
        // Corpus cases: `folder/case` after the word "corpus".
        for reference in matches(of: #"[Cc]orpus `([a-z-]+/[a-z0-9-]+)`"#, in: document) {
            let file = root.appendingPathComponent("Tests/HostileInputs/\(reference).json")
            XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "docs/reliability.md names corpus case \(reference), which does not exist")
            named += 1
        }
        XCTAssertGreaterThan(named, 30, "the document names too few tests to prove its promises")
    }

    private func testSources() throws -> [String] {
        let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent("Tests"), includingPropertiesForKeys: nil)
        var sources: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "swift" { sources.append(try String(contentsOf: url, encoding: .utf8)) }
        }
        return sources
    }

    private func matches(of pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
