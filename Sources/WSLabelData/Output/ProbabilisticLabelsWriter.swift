import Foundation
import WSLabelCore

/// Writes probabilistic labels as JSON Lines, one item per line:
///
///     {"id":"17","split":"train","label":"SPAM","probabilities":{"HAM":0.08,"SPAM":0.92},"confidence":0.92}
///
/// `label` is `null` where the tie policy gave no label. Numbers use Swift's shortest
/// round-trip form, so the same run always writes the same bytes.
public enum ProbabilisticLabelsWriter {
    /// The JSONL text of the given split results.
    public static func jsonLines(_ results: [LabelingRun.SplitResult], labelNames: [String]) -> String {
        var output = ""
        for result in results {
            for (row, id) in result.ids.enumerated() {
                let label = result.predictions[row]
                let distribution = result.probabilities[row]
                JSONValue.object([
                    ("id", .string(id)),
                    ("split", .string(result.name)),
                    ("label", label == VoteMatrix.abstain ? .null : .string(labelNames[label])),
                    ("probabilities", .object(zip(labelNames, distribution).map { ($0, .number($1)) })),
                    ("confidence", .number(distribution.max() ?? 0)),
                ]).write(to: &output)
                output += "\n"
            }
        }
        return output
    }

    /// Writes ``jsonLines(_:labelNames:)`` to `url` atomically.
    public static func write(_ results: [LabelingRun.SplitResult], labelNames: [String], to url: URL) throws {
        try AtomicFile.write(Data(jsonLines(results, labelNames: labelNames).utf8), to: url)
    }
}
