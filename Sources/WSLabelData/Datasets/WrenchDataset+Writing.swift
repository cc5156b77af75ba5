import Foundation
import WSLabelCore

extension WrenchDataset {
    /// Writes splits in the WRENCH layout: `label.json` plus `<split>.json` per split, one
    /// record per line, each file written atomically.
    ///
    /// Records carry `label` (gold or `null`), `weak_labels` (abstain -1) and an empty `data`.
    /// - Throws: ``WSLabelError/fileAccess(path:_:)`` when the folder cannot be created or written.
    public static func write(labelNames: [String], splits: [LabeledSplit], to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WSLabelError.fileAccess(path: directory.path, "cannot create the folder: \(error.localizedDescription)")
        }
        try LabelNamesFile.write(labelNames, into: directory)
        for split in splits {
            var text = "{\n"
            for (row, id) in split.ids.enumerated() {
                let record = JSONValue.object([
                    ("label", split.gold[row].map { .number(Double($0)) } ?? .null),
                    ("weak_labels", .array(split.votes.denseRow(row).map { .number(Double($0)) })),
                    ("data", .object([])),
                ])
                JSONValue.string(id).write(to: &text)
                text += ": "
                record.write(to: &text)
                text += row + 1 < split.ids.count ? ",\n" : "\n"
            }
            text += "}\n"
            try AtomicFile.write(Data(text.utf8), to: directory.appendingPathComponent("\(split.name).json"))
        }
    }
}
