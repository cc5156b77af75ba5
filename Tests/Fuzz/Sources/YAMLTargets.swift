import Foundation
import WSLabelCore
import WSLabelData
import WSLabeling

/// Task files and LF files: YAML read with Yams, then checked field by field.
enum YAMLTargets {
    /// The text of an input that is UTF-8 (what the file readers require); `nil` for the
    /// others, which are skipped. Any nesting depth: the readers bound it before Yams recurses.
    private static func text(_ bytes: [UInt8]) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    static func checkTaskFile(_ bytes: [UInt8]) throws {
        guard let text = text(bytes) else { return }
        _ = try ParseOutcome("TaskFile(yaml:url:)") { try TaskFile(yaml: text, url: URL(fileURLWithPath: "/fuzz/wslabel.yaml")) }
    }

    /// Texts that keyword LFs vote on besides the input itself: ASCII, case and Unicode edge
    /// cases, and nothing.
    private static let sampleTexts = ["Check out my channel: FREE money!!", "naïve café 🎉 İstanbul ǅ ß ﬁ", ""]

    static func checkLFFile(_ bytes: [UInt8]) throws {
        guard let text = text(bytes) else { return }
        for (labels, endpoints) in [(nil, nil), (["HAM", "SPAM"], ["local"])] as [([String]?, [String]?)] {
            let parsed = try ParseOutcome("LFFile.parse") { try LFFile.parse(text, file: "lfs.yaml", labels: labels, endpoints: endpoints) }
            guard case let .value(functions) = parsed else { continue }
            // Keyword matching takes linear time, so any text will do, the input's own too. Regex
            // LFs are left out: a pattern with nested quantifiers can take exponential time
            // (issue 10, item 4, bounded separately); LLM LFs would need an endpoint.
            for function in functions where function is KeywordLF {
                for sample in sampleTexts + [text] {
                    let item = ItemView(Item(id: "1", text: sample))
                    _ = try ParseOutcome("KeywordLF.vote") { try function.vote(on: item) }
                }
            }
        }
    }
}
