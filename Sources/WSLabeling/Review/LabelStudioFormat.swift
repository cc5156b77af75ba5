import Foundation
import WSLabelCore

/// Label Studio's JSON: tasks to import into a text-classification project, with the label
/// model's suggestion as a pre-annotation, and labels read back from the project's JSON export.
///
/// Each task holds the item in `data` (`text`, `wslabel_id`, `wslabel_votes` — the LFs' votes
/// as `lf=LABEL` terms, in LF order — and its fields, the gold field only when asked for); the labeling
/// config (``labelConfig(labels:)``) names the choices control `label` over the text `text`. On
/// import, every task's annotations that were not cancelled give their `choices`; several
/// annotators are settled by majority.
public enum LabelStudioFormat {
    /// The tasks for `items`, as Label Studio's import JSON (a list of tasks).
    public static func tasks(_ items: [ReviewItem]) -> Data {
        let tasks: [[String: Any]] = items.map { item in
            var data: [String: Any] = item.fields
            data["text"] = item.text
            data["wslabel_id"] = item.id
            data["wslabel_votes"] = item.votes.map(\.term)
            var task: [String: Any] = ["data": data]
            if let suggestion = item.suggestion {
                task["predictions"] = [[
                    "model_version": "wslabel", "score": item.confidence,
                    "result": [["from_name": "label", "to_name": "text", "type": "choices", "value": ["choices": [suggestion]]]],
                ]]
            }
            return task
        }
        return (try? JSONSerialization.data(withJSONObject: tasks, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
    }

    /// The labeling config of the project: the text and one single choice among `labels`.
    public static func labelConfig(labels: [String]) -> String {
        let choices = labels.map { "    <Choice value=\"\(escape($0))\"/>" }.joined(separator: "\n")
        return """
            <View>
              <Text name="text" value="$text"/>
              <Choices name="label" toName="text" choice="single" showInLine="true">
            \(choices)
              </Choices>
            </View>

            """
    }

    /// The labels in a Label Studio JSON export (`data` must hold `wslabel_id`).
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the file, the task and the field
    ///   when the export is not such a list or a choice is not one of `labels`.
    public static func labels(in data: Data, file: String, labels order: [String]) throws -> HumanLabelImport {
        guard let tasks = (try? JSONSerialization.jsonObject(with: data)) as? [Any] else {
            throw WSLabelError.malformedInput(SourceLocation(file: file), "not a Label Studio JSON export (a list of tasks)")
        }
        var result = HumanLabelImport(labels: [], unanswered: 0, disagreements: 0)
        for (index, entry) in tasks.enumerated() {
            let record = "task \(index + 1)"
            guard let task = entry as? [String: Any], let fields = task["data"] as? [String: Any] else {
                throw WSLabelError.malformedInput(SourceLocation(file: file, record: record, field: "data"), "expected a task with data")
            }
            guard let id = (fields["wslabel_id"] as? String) ?? (fields["wslabel_id"] as? NSNumber)?.stringValue else {
                throw WSLabelError.malformedInput(SourceLocation(file: file, record: record, field: "data.wslabel_id"),
                                                  "missing: export tasks that wslabel review export made")
            }
            var answers: [String] = []
            for annotation in task["annotations"] as? [[String: Any]] ?? [] where (annotation["was_cancelled"] as? Bool) != true {
                let results = annotation["result"] as? [[String: Any]] ?? []
                let choices = results.filter { ($0["type"] as? String) == "choices" }
                guard let chosen = choices.first(where: { ($0["from_name"] as? String) == "label" }) ?? choices.first,
                      let value = chosen["value"] as? [String: Any], let picked = (value["choices"] as? [String])?.first else { continue }
                guard order.contains(picked) else {
                    throw WSLabelError.malformedInput(SourceLocation(file: file, record: "\(record) (item \(id))", field: "annotations.result.value.choices"),
                                                      "\"\(picked)\" is not one of the task's labels (\(order.joined(separator: ", ")))")
                }
                answers.append(picked)
            }
            result.add(id: id, answers: answers, labels: order, source: "\(URL(fileURLWithPath: file).lastPathComponent) (Label Studio)",
                       location: SourceLocation(file: file, record: record, field: "data.wslabel_id"))
        }
        return result
    }

    private static func escape(_ text: String) -> String {
        text.replacingExactly("&", with: "&amp;").replacingExactly("\"", with: "&quot;")
            .replacingExactly("<", with: "&lt;").replacingExactly(">", with: "&gt;")
    }
}
