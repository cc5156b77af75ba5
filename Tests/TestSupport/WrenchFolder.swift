import Foundation

/// Writes a small WRENCH folder from (id, gold, votes) records.
public func writeWrenchFolder(
    at url: URL, labelNames: [String], splits: [String: [(id: String, label: Int?, votes: [Int])]]
) throws {
    let labels = "{" + labelNames.enumerated().map { "\"\($0)\": \"\($1)\"" }.joined(separator: ", ") + "}"
    try labels.write(to: url.appendingPathComponent("label.json"), atomically: true, encoding: .utf8)
    for (name, records) in splits {
        let body = records.map { record in
            let label = record.label.map(String.init) ?? "null"
            return "\"\(record.id)\": {\"label\": \(label), \"weak_labels\": [\(record.votes.map(String.init).joined(separator: ", "))], \"data\": {}}"
        }.joined(separator: ",\n")
        try "{\(body)}".write(to: url.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
    }
}
