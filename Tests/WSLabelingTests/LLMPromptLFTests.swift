import XCTest
@testable import WSLabeling

/// A fault-injecting stand-in for the endpoint: answers from a fixed table.
private struct ScriptedEngine: LLMCompletionEngine {
    let answers: [String: String]
    func answer(_ prompt: String, temperature: Double) throws -> String {
        guard let answer = answers.first(where: { prompt.hasSuffix($0.key) })?.value else {
            throw URLError(.timedOut)
        }
        return answer
    }
}

final class LLMPromptLFTests: XCTestCase {
    private func makeLF(engine: (any LLMCompletionEngine)? = nil) -> LLMPromptLF {
        LLMPromptLF("llm_spam", template: "Spam? yes or no.\nAuthor: {AUTHOR}\nComment: {text}",
                    verbalizers: ["SPAM": ["yes", "spam"], "HAM": ["no"]],
                    examples: [(text: "subscribe to me", label: "SPAM")], engine: engine)
    }

    func testPromptFillsFieldsAfterTheExamples() {
        let prompt = makeLF().prompt(for: Item(id: "7", text: "nice song", fields: ["AUTHOR": "Ann"]))
        XCTAssertEqual(prompt, "Spam? yes or no.\nAuthor: {AUTHOR}\nComment: subscribe to me\nyes\n\nSpam? yes or no.\nAuthor: Ann\nComment: nice song")
    }

    func testAnswersMapStrictlyToLabels() {
        let lf = makeLF()
        XCTAssertEqual(lf.label(forAnswer: " Yes.\n"), "SPAM")
        XCTAssertEqual(lf.label(forAnswer: "SPAM"), "SPAM")
        XCTAssertEqual(lf.label(forAnswer: "no"), "HAM")
        XCTAssertNil(lf.label(forAnswer: "yes, it is spam"))
        XCTAssertNil(lf.label(forAnswer: ""))
    }

    func testVotesThroughTheEngineAndFailsClearlyWithoutOne() throws {
        let lf = makeLF(engine: ScriptedEngine(answers: ["Comment: buy now": "yes", "Comment: nice song": "maybe"]))
        XCTAssertEqual(try lf.vote(on: ItemView(Item(id: "1", text: "buy now"))), "SPAM")
        XCTAssertNil(try lf.vote(on: ItemView(Item(id: "2", text: "nice song"))))
        XCTAssertThrowsError(try lf.vote(on: ItemView(Item(id: "3", text: "unscripted"))))
        XCTAssertThrowsError(try makeLF().vote(on: ItemView(Item(id: "1", text: "x")))) { error in
            XCTAssertTrue(error.localizedDescription.contains("no LLM endpoint is configured"), error.localizedDescription)
        }
        XCTAssertNotEqual(makeLF().fingerprint,
                          LLMPromptLF("llm_spam", template: "other", verbalizers: ["SPAM": ["yes"], "HAM": ["no"]]).fingerprint)
    }
}
