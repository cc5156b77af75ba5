import Foundation
import WSLabelCore
import WSLabelData

/// The labels people gave a task's items, kept in one JSON Lines file (`{"id", "label",
/// "source"}` per line, sorted by id): what `wslabel review import` writes, and what `fit`,
/// `report` and `cost` read to fit the label model semi-supervised (people's labels clamp their
/// train items).
public struct HumanLabelStore: Sendable {
    /// The file.
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The stored labels by item id (empty when the file does not exist).
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the line and field of a bad
    ///   record or of a label that is not one of `labels`.
    public func load(labels: [String]) throws -> [String: HumanLabel] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw WSLabelError.fileAccess(path: url.path, "cannot be read") }
        var stored: [String: HumanLabel] = [:]
        for (index, line) in String(decoding: data, as: UTF8.self).textLines.enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let location = { (field: String?) in SourceLocation(file: url.path, line: index + 1, field: field) }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                throw WSLabelError.malformedInput(location(nil), "expected {\"id\", \"label\", \"source\"}")
            }
            guard let id = object["id"] as? String else { throw WSLabelError.malformedInput(location("id"), "missing") }
            guard let label = object["label"] as? String, labels.contains(label) else {
                throw WSLabelError.malformedInput(location("label"), "expected one of the task's labels (\(labels.joined(separator: ", ")))")
            }
            stored[id] = HumanLabel(id: id, label: label, source: object["source"] as? String ?? "")
        }
        return stored
    }

    /// Adds `new` to the stored labels (a newer label of an item replaces the older) and
    /// writes the file atomically.
    /// - Returns: how many items were new, and how many changed label.
    public func merge(_ new: [HumanLabel], labels: [String]) throws -> (added: Int, changed: Int) {
        var stored = try load(labels: labels)
        var added = 0, changed = 0
        for label in new {
            if let old = stored[label.id] {
                if old.label != label.label { changed += 1 }
            } else {
                added += 1
            }
            stored[label.id] = label
        }
        let lines = stored.values.sorted { $0.id < $1.id }.map { label -> String in
            let object: [String: Any] = ["id": label.id, "label": label.label, "source": label.source]
            return String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8), to: url)
        return (added, changed)
    }
}
