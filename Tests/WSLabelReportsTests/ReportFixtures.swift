import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import WSLabelReports
import WSLabeling

/// LF reports for the HTML tests: small hand-made vote matrices run through ``LabelingRun`` as
/// `wslabel fit` would, and the real WRENCH youtube set.
enum ReportFixtures {
    /// A report of one run on hand-made splits.
    /// - Parameters:
    ///   - train: the train split's dense votes (-1 abstains).
    ///   - trainGold: gold for train, `nil` for none.
    ///   - valid: a dev split's votes and gold, when wanted.
    ///   - labels: class names; their count is the class count.
    ///   - lfNames: one per column (default `lf_0`, `lf_1`, …).
    ///   - model: `.em` (the default variant, or chosen on `valid`) or `.mv`.
    ///   - ties: the tie policy (`.abstain` leaves tied rows unlabeled).
    static func report(
        train: [[Int]], trainGold: [Int?]? = nil, valid: (votes: [[Int]], gold: [Int])? = nil,
        labels: [String] = ["HAM", "SPAM"], lfNames: [String]? = nil,
        model: LabelingRunConfiguration.ModelKind = .em, ties: LabelingRunConfiguration.TieChoice = .model
    ) throws -> LFReport {
        let lfCount = train.first?.count ?? 0
        var splits = [try split("train", train, gold: trainGold ?? Array(repeating: nil, count: train.count), classes: labels.count)]
        if let valid {
            splits.append(try split("valid", valid.votes, gold: valid.gold, classes: labels.count))
        }
        let configuration = LabelingRunConfiguration(model: model, ties: ties, threads: 1)
        let run = try LabelingRun(labelNames: labels, splits: splits, configuration: configuration)
        return LFReport(run: run, splits: splits, lfNames: lfNames ?? LFSummary.defaultNames(lfCount: lfCount))
    }

    /// A two-class task with four LFs and a dev split: LF 3 is wrong on most rows, so it is
    /// flagged below chance; some rows have no votes.
    static func spamTask(lfNames: [String]? = nil, model: LabelingRunConfiguration.ModelKind = .em,
                         ties: LabelingRunConfiguration.TieChoice = .model, withGold: Bool = true) throws -> LFReport {
        var train: [[Int]] = [], valid: [[Int]] = [], gold: [Int] = []
        for row in 0..<60 {
            let truth = row % 3 == 0 ? 1 : 0
            train.append(votes(row: row, truth: truth))
            if row < 40 {
                valid.append(votes(row: row + 7, truth: truth))
                gold.append(truth)
            }
        }
        return try report(train: train, valid: withGold ? (valid, gold) : nil, lfNames: lfNames, model: model, ties: ties)
    }

    // A deterministic pattern: LF 0 and 1 mostly right, LF 2 sparse, LF 3 mostly wrong.
    private static func votes(row: Int, truth: Int) -> [Int] {
        [
            row % 4 == 3 ? -1 : (row % 11 == 0 ? 1 - truth : truth),
            row % 2 == 0 ? truth : -1,
            row % 5 == 0 ? 1 : -1,
            row % 3 == 1 ? -1 : 1 - truth,
        ].map { row % 13 == 12 ? -1 : $0 }
    }

    /// The report of the default run (EM, variant chosen on `valid`) on WRENCH youtube, or a skip
    /// when `../shared/data` is absent (a failure under `CI=true`).
    static func youtube(file: StaticString = #filePath, line: UInt = #line) throws -> LFReport {
        let dataset = try WrenchDataset(directory: try SharedData.wrench("youtube", file: file, line: line))
        let run = try LabelingRun(labelNames: dataset.labelNames, splits: dataset.splits,
                                  configuration: LabelingRunConfiguration())
        return LFReport(run: run, splits: dataset.splits, lfNames: LFSummary.defaultNames(lfCount: dataset.lfCount))
    }

    private static func split(_ name: String, _ rows: [[Int]], gold: [Int?], classes: Int) throws -> LabeledSplit {
        let votes = try VoteMatrix(denseRows: rows, classCount: classes, lfCount: rows.first?.count ?? 0)
        return LabeledSplit(name: name, ids: rows.indices.map { "\(name)-\($0)" }, votes: votes, gold: gold)
    }
}
