@testable import WSLabelReports
import WSLabelCore
import XCTest

/// How an inspection reads: wrapped and cut texts for people, quoted CSV and typed JSON for tools.
final class InspectionRenderingTests: XCTestCase {
    private func inspection(text: String?) -> Inspection {
        let item = Inspection.Item(row: 4, id: "m5", text: text, gold: 1, prediction: 0, probabilities: [0.75, 0.25], majorityVote: VoteMatrix.abstain,
                                   votes: [(lf: 0, vote: 0), (lf: 2, vote: 1)])
        return Inspection(split: "dev", splitItems: 10, lfNames: ["keyword_free", "regex_url", "short"], labelNames: ["HAM", "SPAM"],
                          query: .init(lfs: [2], bucket: .wrong), lfContexts: [.init(name: "short", votes: 3, correct: 2, incorrect: 1)],
                          matched: 1, items: [item], order: "in file order")
    }

    func testTextWrapsCutsAndPutsTheNamedLFFirst() {
        let long = Array(repeating: "word", count: 200).joined(separator: " ")
        let text = inspection(text: "First line\n\nsecond   line " + long).text(width: 40)
        XCTAssertTrue(text.hasPrefix("dev items where short is wrong: 1 of 10 items matches (in file order)\n"), text)
        XCTAssertTrue(text.contains("short on dev: votes on 3 items; on 3 with gold labels 2 right, 1 wrong (66.7% accurate)"), text)
        XCTAssertTrue(text.contains("1. m5  gold SPAM  label model HAM 75%  majority vote –"), text)
        XCTAssertTrue(text.contains("   First line second line word word"), "whitespace runs become one space: \(text)")
        let body = text.split(separator: "\n").filter { $0.hasPrefix("   ") && !$0.contains("votes:") }
        XCTAssertEqual(body.count, 3, "three lines of text")
        XCTAssertTrue(body.allSatisfy { $0.count <= 40 })
        XCTAssertTrue(body.last!.hasSuffix("…"))
        XCTAssertTrue(text.contains("votes: short SPAM, keyword_free HAM"), text)
        let full = inspection(text: long).text(width: 40, fullText: true)
        let fullBody = full.split(separator: "\n").filter { !$0.contains("votes:") }.joined(separator: " ")
        XCTAssertEqual(fullBody.components(separatedBy: "word").count - 1, 200, "--full-text keeps every word")
    }

    func testAWordLongerThanTheLineIsCut() {
        XCTAssertEqual(Inspection.wrap("ab " + String(repeating: "x", count: 25), width: 10, maxLines: nil),
                       ["ab", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"])
    }

    func testCSVQuotesTextsAndLeavesUnknownsEmpty() {
        let csv = inspection(text: "Win \"cash\", now\nreply").csv
        let lines = csv.components(separatedBy: "\n")
        XCTAssertEqual(lines[0], "split,row,id,gold,label,confidence,majority_vote,p_HAM,p_SPAM,votes,text")
        XCTAssertEqual(lines[1], "dev,4,m5,SPAM,HAM,0.75,,0.75,0.25,keyword_free=HAM; short=SPAM,\"Win \"\"cash\"\", now")
        XCTAssertEqual(lines[2], "reply\"")
    }

    func testJSONLinesUseNullForWhatIsUnknown() throws {
        let line = inspection(text: nil).jsonLines
        XCTAssertEqual(line, #"{"split":"dev","row":4,"id":"m5","text":null,"gold":"SPAM","label":"HAM","confidence":0.75,"probabilities":{"HAM":0.75,"SPAM":0.25},"majority_vote":null,"votes":[{"lf":"keyword_free","label":"HAM"},{"lf":"short","label":"SPAM"}]}"# + "\n")
    }
}
