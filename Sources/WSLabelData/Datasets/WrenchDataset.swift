import Foundation
import WSLabelCore

/// A dataset in the WRENCH benchmark layout: a folder with `label.json` and up to three splits
/// `train.json`, `valid.json`, `test.json`.
///
/// Each split maps an item id (any string) to `{"label": gold, "weak_labels": [vote per LF],
/// "data": {...}}`, and row order is the order of the ids in the file. `label.json` maps class
/// index (as a string) to class name.
///
/// ```swift
/// let dataset = try WrenchDataset(directory: URL(fileURLWithPath: "data/wrench/youtube"))
/// dataset.labelNames          // ["HAM", "SPAM"]
/// dataset.split("train")!.votes.rowCount
/// ```
public struct WrenchDataset: Sendable {
    /// The split files wslabel looks for, in this order.
    public static let splitNames = ["train", "valid", "test"]

    /// Class names by class index.
    public let labelNames: [String]
    /// The splits present, in ``splitNames`` order.
    public let splits: [LabeledSplit]

    /// Number of classes.
    public var classCount: Int { labelNames.count }
    /// Number of LFs.
    public var lfCount: Int { splits.first?.votes.lfCount ?? 0 }

    /// The files a WRENCH folder is read from, with their roles, for ``OutputConflicts``.
    public static func inputFiles(directory: URL) -> [FileRole] {
        [FileRole(directory.appendingPathComponent("label.json"), "the WRENCH label.json")]
            + splitNames.map { FileRole(directory.appendingPathComponent("\($0).json"), "the WRENCH \($0) split") }
    }

    /// The split named `name`, if the folder has it.
    public func split(_ name: String) -> LabeledSplit? { splits.first { $0.name == name } }

    /// Reads a WRENCH folder. `train.json` and `label.json` are required.
    ///
    /// - Throws: ``WSLabelError`` naming the file, line, record (item id) and field of the first
    ///   problem: unreadable files, invalid JSON, a missing `weak_labels`, rows whose LF count
    ///   differs from the first row's, votes outside `-1..<classes`, gold labels out of range,
    ///   an id repeated within a split, a `train.json` without items; in `label.json`, class
    ///   names that are empty or repeated.
    public init(directory: URL) throws {
        let labelURL = directory.appendingPathComponent("label.json")
        labelNames = try LabelNamesFile.read(labelURL)
        var splits: [LabeledSplit] = []
        var lfCount: Int?
        for name in Self.splitNames {
            let url = directory.appendingPathComponent("\(name).json")
            guard FileManager.default.fileExists(atPath: url.path) else {
                if name == "train" { throw WSLabelError.fileAccess(path: url.path, "missing: a WRENCH folder needs train.json") }
                continue
            }
            let split = try Self.readSplit(url, name: name, classCount: labelNames.count, lfCount: lfCount)
            // Else the next split's rows would seem to have the wrong number of votes.
            if name == "train", split.votes.rowCount == 0 {
                throw WSLabelError.malformedInput(SourceLocation(file: url.path),
                                                  "holds no items; the label model is fit on the train split, so it needs at least one")
            }
            lfCount = split.votes.lfCount
            splits.append(split)
        }
        self.splits = splits
    }

    static func readSplit(_ url: URL, name: String, classCount: Int, lfCount expectedLFs: Int?) throws -> LabeledSplit {
        var parser = JSONParser(bytes: [UInt8](try readData(url)), sourceName: url.path)
        var ids: [String] = []
        var gold: [Int?] = []
        var votes: VoteMatrix?
        var row: [Int] = []
        var registry = ItemIDRegistry(file: url.path, field: nil)
        try parser.forEachTopLevelMember { id, line, record in
            try registry.register(id, line: line)
            let location = SourceLocation(file: url.path, line: line, record: id)
            func fail(_ field: String, _ message: String) -> WSLabelError {
                var located = location
                located.field = field
                return .malformedInput(located, message)
            }
            guard case .object = record else { throw fail("(record)", "expected an object, found \(record.kindName)") }
            guard case let .array(weakLabels)? = record["weak_labels"] else {
                throw fail("weak_labels", record["weak_labels"] == nil ? "missing" : "expected an array of votes")
            }
            row.removeAll(keepingCapacity: true)
            for (lf, value) in weakLabels.enumerated() {
                guard let vote = value.intValue else {
                    throw fail("weak_labels[\(lf)]", "expected an integer vote, found \(value.kindName)")
                }
                row.append(vote)
            }
            if votes == nil {
                let width = expectedLFs ?? row.count
                votes = try VoteMatrix(lfCount: width, classCount: classCount)
            }
            guard row.count == votes!.lfCount else {
                throw fail("weak_labels", "has \(row.count) votes but \(expectedLFs == nil && ids.isEmpty ? "" : "earlier rows have ")\(votes!.lfCount) (one per LF)")
            }
            do { try votes!.appendRow(row) } catch let error as WSLabelError {
                if case let .malformedInput(inner, message) = error, let field = inner.field, field.hasPrefix("LF ") {
                    throw fail("weak_labels[\(field.dropFirst(3))]", message)
                }
                throw error.locatedIn(location)
            }
            switch record["label"] {
            case nil, .null?:
                gold.append(nil)
            case let value?:
                guard let label = value.intValue else { throw fail("label", "expected an integer class, found \(value.kindName)") }
                guard label == -1 || (label >= 0 && label < classCount) else {
                    throw fail("label", "class \(label) is out of range 0..<\(classCount) (-1 means unlabeled)")
                }
                gold.append(label == -1 ? nil : label)
            }
            ids.append(id)
        }
        let matrix = try votes ?? VoteMatrix(lfCount: expectedLFs ?? 0, classCount: classCount)
        return LabeledSplit(name: name, ids: ids, votes: matrix, gold: gold)
    }
}
