import Foundation
import WSLabelCore
import WSLabelData

/// Argilla-compatible JSON Lines: one record per line in the shape of Argilla 2's
/// `Record.to_dict()` — `id`, `fields` (`text`), `metadata` (the item's other fields, the gold
/// field only when asked for, the label model's confidence, and `wslabel_votes`: the LFs' votes
/// as `lf=LABEL` terms, in LF order, a terms property to filter by), `suggestions` (`label`: the label model's value, score, agent)
/// and `responses` — for a dataset with a text field `text` and a label question `label`.
/// Labels come back from the same shape: `responses.label`, a list of `{value, user_id}`
/// (answers whose `status` is `discarded` or `draft` are left out), settled by majority.
public enum ArgillaFormat {
    /// The records for `items`, one JSON object per line.
    public static func records(_ items: [ReviewItem]) -> Data {
        var lines: [String] = []
        for item in items {
            var metadata: [String: Any] = item.fields
            metadata["wslabel_confidence"] = item.confidence
            metadata["wslabel_votes"] = item.votes.map(\.term)
            var record: [String: Any] = ["id": item.id, "fields": ["text": item.text], "metadata": metadata, "responses": [String: Any](),
                                         "vectors": [String: Any]()]
            record["suggestions"] = item.suggestion.map { ["label": ["value": $0, "score": item.confidence, "agent": "wslabel"]] } ?? [String: Any]()
            let data = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) ?? Data()
            lines.append(String(decoding: data, as: UTF8.self))
        }
        return Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8)
    }

    /// The labels in exported records, one JSON object per line.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the file, line and field.
    public static func labels(in data: Data, file: String, labels order: [String], question: String = "label") throws -> HumanLabelImport {
        var result = HumanLabelImport(labels: [], unanswered: 0, disagreements: 0)
        let text = String(decoding: data, as: UTF8.self)
        for (index, line) in text.textLines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            let location = { (field: String?) in SourceLocation(file: file, line: index + 1, field: field) }
            guard let record = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                throw WSLabelError.malformedInput(location(nil), "not a JSON object (an Argilla record)")
            }
            guard let id = (record["id"] as? String) ?? (record["id"] as? NSNumber)?.stringValue else {
                throw WSLabelError.malformedInput(location("id"), "missing: export records that wslabel review export made")
            }
            var answers: [String] = []
            let responses = (record["responses"] as? [String: Any])?[question] as? [[String: Any]] ?? []
            for response in responses {
                if let status = response["status"] as? String, status == "discarded" || status == "draft" { continue }
                guard let value = response["value"] as? String else { continue }
                guard order.contains(value) else {
                    throw WSLabelError.malformedInput(location("responses.\(question).value"),
                                                      "\"\(value)\" is not one of the task's labels (\(order.joined(separator: ", ")))")
                }
                answers.append(value)
            }
            result.add(id: id, answers: answers, labels: order, source: "\(URL(fileURLWithPath: file).lastPathComponent) (Argilla)",
                       location: location("id"))
        }
        return result
    }
}
