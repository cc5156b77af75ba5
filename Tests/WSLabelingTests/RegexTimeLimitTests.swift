import Foundation
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// A regular expression that backtracks catastrophically on an item stops at its time limit:
/// the LF fails on that item (an abstain, counted in the apply report) and the run goes on.
final class RegexTimeLimitTests: XCTestCase {
    /// `(a+)+$` tries 2^n ways to split n a's before giving up on the final "!".
    private static let catastrophic = #"(a+)+$"#
    private static let hostileText = String(repeating: "a", count: 5_000) + "!"

    func testCatastrophicBacktrackingFailsTheItemAndTheRunGoesOn() throws {
        let catalog = try LFCatalog([try RegexLF("nested_plus", pattern: Self.catastrophic, label: "SPAM")])
        let items = [Item(id: "hostile", text: Self.hostileText), Item(id: "plain", text: "aaa"), Item(id: "other", text: "b!")]
        let result = try LFApplier(catalog: catalog, labels: ["HAM", "SPAM"]).apply(items)
        XCTAssertEqual((0..<3).map { result.votes.vote(row: $0, lf: 0) }, [VoteMatrix.abstain, 1, VoteMatrix.abstain])
        let statistics = result.report.lfs[0]
        XCTAssertEqual(statistics.failures, 1)
        XCTAssertEqual(statistics.votes, 1)
        XCTAssertEqual(statistics.firstFailure, """
            item hostile: LF nested_plus: the regular expression ran past its time limit of 1 s on this item \
            (nested quantifiers such as (a+)+ backtrack without end on some texts); simplify the pattern or \
            raise the LF's time_limit
            """)
    }

    func testTheTimeLimitIsTheLFsOwn() throws {
        let lf = try RegexLF("nested_plus", pattern: Self.catastrophic, label: "SPAM", timeLimit: 0.25)
        XCTAssertEqual(lf.timeLimit, 0.25)
        XCTAssertThrowsError(try lf.vote(on: ItemView(Item(id: "1", text: Self.hostileText)))) { error in
            XCTAssertTrue(error.localizedDescription.contains("time limit of 0.25 s"), error.localizedDescription)
        }
        XCTAssertEqual(RegexLF.defaultTimeLimit, 1)
        XCTAssertFalse(lf.cachesFailures, "a time-out depends on the machine's load: tried again next run")
        for bad in [0, -1, .nan, .infinity] {
            XCTAssertThrowsError(try RegexLF("r", pattern: "a", label: "SPAM", timeLimit: bad), "\(bad)")
        }
    }

    func testNormalPatternsStillMatchAndMismatch() throws {
        let cases: [(pattern: String, text: String, votes: Bool)] = [
            (#"(a+)+$"#, "aaaa", true), (#"(a+)+$"#, "b", false),
            (#"\bsub(scribe)?\b"#, "please SUBSCRIBE now", true), (#"\bsub(scribe)?\b"#, "subway", false),
            (#"[0-9]{3}-[0-9]{4}"#, "call 555-1234", true), (#"[0-9]{3}-[0-9]{4}"#, "call 55-1234", false),
            (#"é+t"#, "été", true), (#"é+t"#, "ete", false),
            // A match far into a long text: the limit is per evaluation, not per scanned position.
            (#"x[yz]$"#, String(repeating: "ab ", count: 50_000) + "xz", true),
        ]
        for (pattern, text, votes) in cases {
            let lf = try RegexLF("r", pattern: pattern, label: "SPAM")
            XCTAssertEqual(try lf.vote(on: ItemView(Item(id: "1", text: text))), votes ? "SPAM" : nil, "\(pattern) on \(text.prefix(40))")
        }
    }

    func testPolynomialBacktrackingOnALongTextIsTimedToo() throws {
        // No nested quantifier, but n^2 and n^4 steps: untimed only on texts short enough.
        for (pattern, text) in [(#"\d+x"#, String(repeating: "7", count: 200_000)), ("a*a*a*b", String(repeating: "a", count: 3_000))] {
            let lf = try RegexLF("poly", pattern: pattern, label: "SPAM", timeLimit: 0.25)
            XCTAssertThrowsError(try lf.vote(on: ItemView(Item(id: "1", text: text))), pattern)
            XCTAssertEqual(try lf.vote(on: ItemView(Item(id: "2", text: String(text.prefix(20)) + "xb"))), "SPAM", pattern)
        }
    }

    /// The bound that lets a search run untimed: "paths/unbounded", or "none".
    func testTheBacktrackingBoundReadsPatterns() {
        func bound(_ pattern: String) -> String {
            BacktrackingBound(pattern: pattern).map { "\(Int($0.paths))/\($0.unbounded)" } ?? "none"
        }
        let cases: [(String, String)] = [
            (#"\bviews\b"#, "1/0"), ("a|b|c", "3/0"), (#"\b(lol|haha\w*|lmao|hah\w*|xd)\b"#, "5/1"),
            (#"\b\d+(\.\d+)?\s*(billion|million|b)\s*(views)?\b"#, "12/4"),
            (#"\b(www\.|[a-z0-9-]+\.(com|net|org|ly|tk)\b)"#, "6/1"), ("[a-z]{2,5}", "4/0"), ("a{0,100}", "1/1"),
            ("(?i)abc", "1/0"), ("(?<word>ab)c", "1/0"), ("(?:ab|c)d", "2/0"), (#"[[:alpha:]\]]+\]"#, "1/1"), (#"\p{L}{3}"#, "1/0"),
            (#"\Q(a+)+\E"#, "1/0"), ("a*?b++", "1/2"),
            // No bound: nested quantifiers, backreferences, lookarounds, free spacing, odd syntax.
            ("(a+)+$", "none"), ("(a|aa)*", "none"), ("(x?){30}", "none"), (#"(\w+\s?)*"#, "none"), (#"(a)\1"#, "none"),
            (#"(?<n>a)\k<n>"#, "none"), ("(?=x)y", "none"), ("(?<=a)b", "none"), ("(?x) a b", "none"), ("a{,3}", "none"), ("(ab", "none"),
        ]
        for (pattern, expected) in cases { XCTAssertEqual(bound(pattern), expected, pattern) }
        XCTAssertEqual(bound(String(repeating: "(", count: 32) + "a" + String(repeating: ")", count: 32)), "1/0")
        XCTAssertEqual(bound(String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000)), "none",
                       "deep nesting stops the reader, it does not exhaust the stack")
        XCTAssertEqual(BacktrackingBound(pattern: #"\d+x"#)?.longestUntimedText, 3_162)
        XCTAssertEqual(BacktrackingBound(pattern: "views")?.longestUntimedText, 10_000_000)
    }

    func testLFFilesSetTheTimeLimit() throws {
        let functions = try LFFile.parse("""
            labeling_functions:
              - {name: quick, kind: regex, pattern: 'a+b', label: SPAM, time_limit: 0.5}
              - {name: default, kind: regex, pattern: 'a+b', label: SPAM}
            """, file: "lfs.yaml", labels: ["HAM", "SPAM"])
        XCTAssertEqual(functions.compactMap { ($0 as? RegexLF)?.timeLimit }, [0.5, 1])
        for (value, message) in [("0", "must be more than 0 seconds"), ("-2", "must be more than 0 seconds"), ("fast", "expected a number")] {
            XCTAssertThrowsError(try LFFile.parse("labeling_functions:\n  - {name: r, kind: regex, pattern: a, label: SPAM, time_limit: \(value)}\n",
                                                  file: "lfs.yaml", labels: ["HAM", "SPAM"])) { error in
                XCTAssertEqual(error.localizedDescription, "lfs.yaml:2: record \"LF r\", field time_limit: \(message)")
            }
        }
    }
}
