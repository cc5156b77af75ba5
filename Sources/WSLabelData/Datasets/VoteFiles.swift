import Foundation
import WSLabelCore

/// Splits from plain vote files, for users who already have their LFs' votes: a vote matrix
/// in `.npy` (what Snorkel users save with `np.save(L)`) or `.csv`, and optionally a dev split
/// with a gold-label file.
///
/// ```swift
/// let splits = try VoteFiles.splits(train: URL(fileURLWithPath: "L_train.npy"),
///                                   dev: URL(fileURLWithPath: "L_dev.npy"),
///                                   devGold: URL(fileURLWithPath: "y_dev.txt"),
///                                   labelNames: ["HAM", "SPAM"])
/// ```
public enum VoteFiles {
    /// Reads a vote matrix from `.npy` or `.csv`, by the file's extension.
    ///
    /// CSV ids (an `id` column) become the item ids; otherwise items are numbered from 0.
    /// - Throws: ``WSLabelError`` naming the file, line and field of any problem, or
    ///   ``WSLabelError/invalidArgument(_:)`` for another extension.
    public static func readVotes(_ url: URL, classCount: Int, splitName: String) throws -> (ids: [String], votes: VoteMatrix) {
        switch url.pathExtension.lowercased() {
        case "npy":
            let votes = try VoteMatrix(npyFile: url, classCount: classCount)
            return ((0..<votes.rowCount).map(String.init), votes)
        case "csv":
            let file = try CSVVotes(csvFile: url, classCount: classCount)
            return (file.ids ?? (0..<file.votes.rowCount).map(String.init), file.votes)
        default:
            throw WSLabelError.invalidArgument("\(url.path): vote files must end in .npy or .csv (the \(splitName) split)")
        }
    }

    /// Reads gold labels, one per line (lines end with LF or CRLF): a class name or index; an
    /// empty line or -1 for an item without a gold label.
    /// - Throws: ``WSLabelError/malformedInput(_:_:)`` naming the line of an unknown class, or
    ///   a line count that differs from `rows`.
    public static func readGold(_ url: URL, labelNames: [String], rows: Int) throws -> [Int?] {
        guard let text = String(data: try readData(url), encoding: .utf8) else {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path), "not valid UTF-8 text")
        }
        let lines = text.textLines.map { $0.trimmingCharacters(in: .whitespaces) }
        let gold: [Int?] = try lines.enumerated().map { number, line in
            if line.isEmpty || line == "-1" { return nil }
            if let index = labelNames.firstIndex(of: line) { return index }
            if let index = Int(line), labelNames.indices.contains(index) { return index }
            throw WSLabelError.malformedInput(SourceLocation(file: url.path, line: number + 1, field: "label"),
                                              "\"\(line)\" is neither a class name (\(labelNames.joined(separator: ", "))) nor an index 0..<\(labelNames.count)")
        }
        guard gold.count == rows else {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path),
                                              "has \(gold.count) labels but the votes have \(rows) rows (one label per line)")
        }
        return gold
    }

    /// The `train` split (no gold) and, when given, a `valid` split with gold labels.
    public static func splits(train: URL, dev: URL? = nil, devGold: URL? = nil, labelNames: [String]) throws -> [LabeledSplit] {
        guard (dev == nil) == (devGold == nil) else {
            throw WSLabelError.invalidArgument("a dev split needs both its votes and its gold labels")
        }
        let trainFile = try readVotes(train, classCount: labelNames.count, splitName: "train")
        var splits = [LabeledSplit(name: "train", ids: trainFile.ids, votes: trainFile.votes,
                                   gold: Array(repeating: nil, count: trainFile.votes.rowCount))]
        if let dev, let devGold {
            let devFile = try readVotes(dev, classCount: labelNames.count, splitName: "valid")
            guard devFile.votes.lfCount == trainFile.votes.lfCount else {
                throw WSLabelError.malformedInput(SourceLocation(file: dev.path),
                                                  "has \(devFile.votes.lfCount) LF columns but the train votes have \(trainFile.votes.lfCount)")
            }
            let gold = try readGold(devGold, labelNames: labelNames, rows: devFile.votes.rowCount)
            splits.append(LabeledSplit(name: "valid", ids: devFile.ids, votes: devFile.votes, gold: gold))
        }
        return splits
    }
}
