import LabelingFunctions
import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

final class YouTubeSpamLFTests: XCTestCase {
    /// The Swift versions of the tutorial's seven LFs vote exactly as WRENCH youtube's columns
    /// 0–6 on every row of every split (those columns were made by the Python originals).
    func testTutorialLFsReproduceWrenchColumnsZeroToSix() throws {
        let folder = try SharedData.wrench("youtube")
        let catalog = try LFCatalog(YouTubeSpamLFs.tutorial)
        XCTAssertEqual(catalog.names.count, 7)
        let labels = ["HAM", "SPAM"]
        var checked = 0
        for split in ["train", "valid", "test"] {
            let url = folder.appendingPathComponent("\(split).json")
            var parser = JSONParser(bytes: [UInt8](try Data(contentsOf: url)), sourceName: url.path)
            try parser.forEachTopLevelMember { id, line, record in
                guard case let .array(weak)? = record["weak_labels"], let text = record["data"]?["text"]?.stringValue else {
                    return XCTFail("\(split) \(id): no weak_labels or text")
                }
                let view = ItemView(Item(id: id, text: text))
                for (column, lf) in catalog.functions.enumerated() {
                    let expected = weak[column].intValue!
                    let vote = try lf.vote(on: view).map { labels.firstIndex(of: $0)! } ?? -1
                    XCTAssertEqual(vote, expected, "\(split) line \(line) id \(id) LF \(lf.name): \(text.prefix(80))")
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 1586 + 120 + 250)
    }

    func testNoPromotionVocabularyVotesHamOnlyWithoutRequestsLinksOrNumbers() throws {
        let lf = try XCTUnwrap(YouTubeSpamLFs.extended.first { $0.name == "no_promotion_vocabulary" })
        func vote(_ text: String) throws -> String? { try lf.vote(on: ItemView(Item(id: "x", text: text))) }
        XCTAssertEqual(try vote("Shakira is the queen of this world cup!"), "HAM")
        XCTAssertNil(try vote("Check out MY new song"), "a request word")
        XCTAssertNil(try vote("Great dance, see youtube.com/x"), "a link")
        XCTAssertNil(try vote("call 4479354541 tonight"), "a run of six or more digits")
        XCTAssertEqual(try vote("2 billion views in 2015"), "HAM", "short numbers are not contact details")
        XCTAssertNil(try vote("Myself, I like it"), "tokens, not substrings: 'like' is a request word")
        XCTAssertEqual(try vote("Mysterious vibes in this clip"), "HAM", "'my' inside 'mysterious' is not the token 'my'")
    }

    func testCatalogRejectsDuplicateNamesAndUnknownLabels() throws {
        XCTAssertThrowsError(try LFCatalog {
            KeywordLF("a", keywords: ["x"], label: "SPAM")
            KeywordLF("a", keywords: ["y"], label: "HAM")
        }) { error in
            XCTAssertTrue(error.localizedDescription.contains("LF name a is used twice"), error.localizedDescription)
        }
        let catalog = try LFCatalog { KeywordLF("eggs", keywords: ["x"], label: "EGGS") }
        XCTAssertThrowsError(try catalog.validate(labels: ["HAM", "SPAM"])) { error in
            XCTAssertTrue(error.localizedDescription.contains("LF eggs votes for unknown label \"EGGS\""), error.localizedDescription)
        }
        XCTAssertThrowsError(try RegexLF("broken", pattern: "(unclosed", label: "SPAM")) { error in
            XCTAssertTrue(error.localizedDescription.contains("LF broken: invalid regular expression"), error.localizedDescription)
        }
    }

    func testKeywordMatchingModes() throws {
        let view = ItemView(Item(id: "1", text: "Freedom is not FREE, it's my army"))
        XCTAssertEqual(try KeywordLF("sub", keywords: ["free"], label: "X").vote(on: view), "X")
        XCTAssertEqual(try KeywordLF("word", keywords: ["free"], label: "X", matching: .wholeWord).vote(on: view), "X")
        XCTAssertNil(try KeywordLF("case", keywords: ["free"], label: "X", caseSensitive: true, matching: .wholeWord).vote(on: view))
        XCTAssertNil(try KeywordLF("word2", keywords: ["arm"], label: "X", matching: .wholeWord).vote(on: view))
        XCTAssertEqual(try KeywordLF("phrase", keywords: ["my army"], label: "X", matching: .wholeWord).vote(on: view), "X")
        XCTAssertEqual(view.wordCount, 7)
        XCTAssertEqual(view.tokens.first, "freedom")
    }
}
