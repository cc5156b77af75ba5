import Foundation
import WSLabelCore

/// The items of one of a task's splits, file after file, batch by batch, as the LFs see them:
/// gold values mapped to label names and, when the task has no id field, items named
/// `file:row` so that ids stay unique across files (`Youtube01-Psy.csv:12`).
final class SplitItemStream {
    private let task: TaskFile
    private var files: IndexingIterator<[URL]>
    private var reader: ItemReader?
    private var currentFile: URL?
    private var bytesOfFinishedFiles = 0

    /// The stream of `split`, a split read from files.
    init(split: TaskFile.Split, task: TaskFile) {
        self.task = task
        files = split.files.makeIterator()
    }

    /// Bytes of the split's files read so far.
    var bytesRead: Int { bytesOfFinishedFiles + (reader?.bytesRead ?? 0) }

    /// The next batch, or `nil` after the split's last item.
    /// - Throws: the readers' errors, and ``WSLabelError/malformedInput(_:_:)`` for a gold value
    ///   that is not a label.
    func nextBatch() throws -> [Item]? {
        while true {
            if reader == nil {
                guard let next = files.next() else { return nil }
                reader = try ItemReader(url: next, source: task.source)
                currentFile = next
            }
            if let batch = try reader!.nextBatch() {
                return try batch.map { try prepare($0, file: currentFile!) }
            }
            bytesOfFinishedFiles += reader!.bytesRead
            reader = nil
        }
    }

    private func prepare(_ item: Item, file: URL) throws -> Item {
        var gold: String?
        if let raw = item.gold {
            guard let label = task.goldLabel(raw) else {
                throw WSLabelError.malformedInput(
                    SourceLocation(file: file.path, record: item.id, field: task.source.goldField),
                    "gold value \"\(raw)\" is not a label (\(task.labels.joined(separator: ", "))); map it with data.gold_values in \(task.url.path)")
            }
            gold = label
        }
        let id = task.source.idField == nil ? "\(file.lastPathComponent):\(item.id)" : item.id
        return Item(id: id, text: item.text, fields: item.fields, gold: gold)
    }
}
