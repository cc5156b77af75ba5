import Foundation
import WSLabelCore
import WSLabelData

/// A WRENCH folder. The input holds `train.json`, then optionally, after a NUL byte (which
/// JSON text never holds), `label.json` (else two classes), and after another NUL `valid.json`.
enum WrenchTarget {
    private static let defaultLabels = Array(#"{"0": "HAM", "1": "SPAM"}"#.utf8)

    static func check(_ bytes: [UInt8]) throws {
        let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
        try write(folder: "wrench", train: parts[0], labels: parts.count > 1 ? parts[1] : defaultLabels,
                  valid: parts.count > 2 ? parts[2] : nil)
        let read = try ParseOutcome("WrenchDataset(directory:)") { try WrenchDataset(directory: Scratch.folder("wrench")) }
        guard case let .value(dataset) = read else { return }

        let copy = Scratch.folder("wrench-again")
        Scratch.remove("valid.json", in: "wrench-again")
        try WrenchDataset.write(labelNames: dataset.labelNames, splits: dataset.splits, to: copy)
        let again = try ParseOutcome("WrenchDataset(directory:) (round trip)") { try WrenchDataset(directory: copy) }
        guard case let .value(reread) = again else { throw PropertyViolation("a written WRENCH folder does not read back: \(again)") }
        guard reread.labelNames == dataset.labelNames, reread.splits.count == dataset.splits.count else {
            throw PropertyViolation("a written WRENCH folder reads back with other labels or splits")
        }
        for (split, splitAgain) in zip(dataset.splits, reread.splits) {
            guard split.name == splitAgain.name, split.ids == splitAgain.ids, split.votes == splitAgain.votes, split.gold == splitAgain.gold else {
                throw PropertyViolation("split \(split.name) of a written WRENCH folder reads back changed")
            }
        }
    }

    private static func write(folder: String, train: [UInt8], labels: [UInt8], valid: [UInt8]?) throws {
        _ = try Scratch.file("train.json", in: folder, train)
        _ = try Scratch.file("label.json", in: folder, labels)
        if let valid {
            _ = try Scratch.file("valid.json", in: folder, valid)
        } else {
            Scratch.remove("valid.json", in: folder)
        }
    }
}
