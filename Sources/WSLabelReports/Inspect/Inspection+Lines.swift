import WSLabelCore
import WSLabelData

extension Inspection {
    /// One JSON object per shown item, for tools: `split`, `row`, `id`, `text` (null without
    /// texts), `gold` (label name or null), `label` (the label model's, or null), `confidence`,
    /// `probabilities` (label name → probability, in class order), `majority_vote` (label name
    /// or null) and `votes` (a list of `{"lf": name, "label": name}` in LF order).
    public var jsonLines: String {
        items.map { item in
            JSONValue.object([
                ("split", .string(split)),
                ("row", .number(Double(item.row))),
                ("id", .string(item.id)),
                ("text", item.text.map { .string($0) } ?? .null),
                ("gold", label(item.gold)),
                ("label", label(item.prediction)),
                ("confidence", .number(item.confidence)),
                ("probabilities", .object(zip(labelNames, item.probabilities).map { ($0, .number($1)) })),
                ("majority_vote", label(item.majorityVote)),
                ("votes", .array(item.votes.map { .object([("lf", .string(lfNames[$0.lf])), ("label", .string(labelNames[$0.vote]))]) })),
            ]).serialized + "\n"
        }.joined()
    }

    /// RFC 4180 CSV with a header: `split, row, id, gold, label, confidence, majority_vote`, one
    /// `p_<label>` column per class, `votes` (`lf=label` pairs joined by `; `) and `text` last.
    /// Empty cells where a value is unknown.
    public var csv: String {
        let header = ["split", "row", "id", "gold", "label", "confidence", "majority_vote"] + labelNames.map { "p_" + $0 } + ["votes", "text"]
        let rows = items.map { item in
            [split, String(item.row), item.id, labelName(item.gold), labelName(item.prediction), "\(item.confidence)", labelName(item.majorityVote)]
                + item.probabilities.map { "\($0)" }
                + [item.votes.map { "\(lfNames[$0.lf])=\(labelNames[$0.vote])" }.joined(separator: "; "), item.text ?? ""]
        }
        return ([header] + rows).map { $0.map(CSVOutput.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private func label(_ label: Int?) -> JSONValue {
        guard let label, label != VoteMatrix.abstain else { return .null }
        return .string(labelNames[label])
    }

    private func labelName(_ label: Int?) -> String {
        guard let label, label != VoteMatrix.abstain else { return "" }
        return labelNames[label]
    }
}
