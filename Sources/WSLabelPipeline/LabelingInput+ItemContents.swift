import Foundation
import WSLabelCore
import WSLabelData
import WSLabeling

extension LabelingInput.Loaded {
    /// Every split's item texts and numeric fields' values, in row order, read again from the
    /// input (a task's item files, a WRENCH folder's `data`); empty for vote files and pattern
    /// counts, which hold no items.
    func itemContents(input: LabelingInput, numericFields: [String]) throws -> (texts: [String: [String]], numbers: [String: [[Double?]]]) {
        switch input {
        case let .wrench(folder):
            var texts: [String: [String]] = [:]
            var numbers: [String: [[Double?]]] = [:]
            for split in splits {
                texts[split.name] = try WrenchDataset.texts(directory: folder, split: split.name)
                numbers[split.name] = try WrenchDataset.numbers(directory: folder, split: split.name, fields: numericFields)
            }
            return (texts, numbers)
        case .task:
            guard let task else { return ([:], [:]) }
            return try task.itemContents(numericFields: numericFields)
        case .voteFiles, .patternCounts:
            return ([:], [:])
        }
    }

    /// The texts of some rows only (row numbers per split name), without keeping a task's
    /// other texts in memory; empty for inputs without texts.
    func itemTexts(rows: [String: [Int]], input: LabelingInput) throws -> [String: [Int: String]] {
        switch input {
        case let .wrench(folder):
            var texts: [String: [Int: String]] = [:]
            for (name, wanted) in rows where !wanted.isEmpty {
                let all = try WrenchDataset.texts(directory: folder, split: name)
                texts[name] = Dictionary(wanted.map { ($0, all[$0]) }, uniquingKeysWith: { first, _ in first })
            }
            return texts
        case .task:
            return try task?.itemTexts(rows: rows) ?? [:]
        case .voteFiles, .patternCounts:
            return [:]
        }
    }
}

extension LabelingJob.Result {
    /// Majority vote on the same splits with the run's settings (tie rule, seed, dev split):
    /// the baseline an item's label is compared with. The run itself when it is majority vote.
    public func majorityVoteRun() throws -> LabelingRun {
        guard run.configuration.model != .mv else { return run }
        var configuration = run.configuration
        configuration.model = .mv
        return try LabelingRun(labelNames: run.labelNames, splits: loaded.splits, configuration: configuration)
    }
}
