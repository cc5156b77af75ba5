import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

/// The LLM-prompt LF's own logic: prompts, strict chat parsing, log-probability scoring,
/// fingerprints. Calls over HTTP are in LLMServiceTests.
final class LLMPromptLFTests: XCTestCase {
    private func makeLF(mode: LLMPromptLF.Mode = .chat) -> LLMPromptLF {
        LLMPromptLF("llm_spam", template: "Spam? yes or no.\nAuthor: {AUTHOR}\nComment: {text}",
                    verbalizers: ["SPAM": ["yes", "spam"], "HAM": ["no"]],
                    examples: [FewShotExample(text: "subscribe to me", label: "SPAM", fields: ["AUTHOR": "Bob"])], mode: mode)
    }

    func testPromptFillsTheExamplesThenTheItem() throws {
        let prompt = try makeLF().prompt(for: Item(id: "7", text: "nice song", fields: ["AUTHOR": "Ann"]))
        XCTAssertEqual(prompt, "Spam? yes or no.\nAuthor: Bob\nComment: subscribe to me\nyes\n\nSpam? yes or no.\nAuthor: Ann\nComment: nice song")
    }

    func testAMissingFieldIsAnErrorNamingIt() {
        XCTAssertThrowsError(try makeLF().prompt(for: Item(id: "7", text: "nice song"))) { error in
            XCTAssertTrue(error.localizedDescription.contains("{AUTHOR}"), error.localizedDescription)
            XCTAssertTrue(error.localizedDescription.contains("item 7"), error.localizedDescription)
        }
    }

    func testOnlyBracedNamesArePlaceholders() {
        let names = LLMPromptLF.placeholders(in: #"Reply as JSON {"label": "x"} for {text} by {AUTHOR NAME}{}"#).map(\.name)
        XCTAssertEqual(names, ["text", "AUTHOR NAME"])
    }

    func testChatAnswersMapStrictlyToLabels() {
        let lf = makeLF()
        XCTAssertEqual(lf.label(forAnswer: " Yes.\n"), "SPAM")
        XCTAssertEqual(lf.label(forAnswer: "SPAM"), "SPAM")
        XCTAssertEqual(lf.label(forAnswer: "no"), "HAM")
        XCTAssertNil(lf.label(forAnswer: "yes, it is spam"))
        XCTAssertNil(lf.label(forAnswer: ""))
    }

    func testLogprobsVoteForAClearLeaderOnly() {
        let lf = makeLF(mode: .logprobs(margin: 1, topLogprobs: 5))
        func alternatives(_ pairs: [(String, Double)]) -> [LLMResponse.TokenLogprob] {
            pairs.map { LLMResponse.TokenLogprob(token: $0.0, logprob: $0.1) }
        }
        // " yes" and "Spam" both mean SPAM: their probabilities add up (log 0.5 + 0.2 = log 0.7).
        XCTAssertEqual(lf.label(forLogprobs: alternatives([(" yes", log(0.5)), ("Spam", log(0.2)), (" no", log(0.1))]), margin: 1), "SPAM")
        // A lead of log(0.4 / 0.3) = 0.29 nats is not enough.
        XCTAssertNil(lf.label(forLogprobs: alternatives([(" yes", log(0.4)), (" no", log(0.3))]), margin: 1))
        XCTAssertEqual(lf.label(forLogprobs: alternatives([(" yes", log(0.4)), (" no", log(0.3))]), margin: 0.2), "SPAM")
        // HAM is absent: it counts as likely as the least likely alternative shown ("the").
        XCTAssertEqual(lf.label(forLogprobs: alternatives([("No", log(0.6)), ("the", log(0.05))]), margin: 1), "HAM")
        XCTAssertNil(lf.label(forLogprobs: alternatives([("No", log(0.6)), ("the", log(0.5))]), margin: 1))
        // A first token that begins a verbalizer counts ("sp" of "spam"); one letter does not.
        XCTAssertEqual(lf.label(forLogprobs: alternatives([("▁sp", log(0.7)), ("x", log(0.01))]), margin: 1), "SPAM")
        XCTAssertNil(lf.label(forLogprobs: alternatives([("s", log(0.7)), ("x", log(0.01))]), margin: 1))
        XCTAssertNil(lf.label(forLogprobs: [], margin: 1))
    }

    func testTheFingerprintFollowsEverythingThatShapesTheVote() {
        let base = makeLF()
        let others = [
            LLMPromptLF("llm_spam", template: "other {text}", verbalizers: base.verbalizers, examples: base.examples),
            LLMPromptLF("llm_spam", template: base.template, verbalizers: ["SPAM": ["yes"], "HAM": ["no"]], examples: base.examples),
            LLMPromptLF("llm_spam", template: base.template, verbalizers: base.verbalizers),
            makeLF(mode: .logprobs(margin: 1, topLogprobs: 5)),
            makeLF(mode: .logprobs(margin: 2, topLogprobs: 5)),
            LLMPromptLF("llm_spam", template: base.template, verbalizers: base.verbalizers, examples: base.examples, temperature: 0.5),
            LLMPromptLF("llm_spam", template: base.template, verbalizers: base.verbalizers, examples: base.examples, endpoint: "other"),
        ]
        XCTAssertEqual(Set(others.map(\.fingerprint) + [base.fingerprint]).count, others.count + 1)
        XCTAssertEqual(base.fingerprint, makeLF().fingerprint)
        XCTAssertFalse(base.cachesFailures)
    }

    func testAnUnboundLFFailsClearly() {
        let outcomes = makeLF().outcomes(on: [ItemView(Item(id: "1", text: "x", fields: ["AUTHOR": "a"]))])
        guard case let .failed(message) = outcomes[0] else { return XCTFail("expected a failure, got \(outcomes)") }
        XCTAssertTrue(message.contains("no LLM endpoint \"default\""), message)
    }
}
