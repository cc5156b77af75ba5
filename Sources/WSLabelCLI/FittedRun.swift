import Foundation
import WSLabelCore
import WSLabelReports
import WSLabeling

/// The steps `fit` and `report` share: load the input (applying a task's LFs), fit the label
/// model, label every split; logging each step on stderr.
struct FittedRun {
    let loaded: InputOptions.Loaded
    let run: LabelingRun

    /// - Parameter outputs: the files the command will write (see ``InputOptions/load(threads:defaultLabels:otherInputs:outputs:)``).
    init(input: InputOptions, model: ModelOptions, outputs: (TaskFile?) -> [FileRole]) throws {
        loaded = try input.load(threads: model.threads, outputs: outputs)
        let (labelNames, splits) = (loaded.labelNames, loaded.splits)
        if let applied = loaded.task { ApplyTable.log(applied) }
        let sizes = splits.map { "\($0.name) \($0.votes.rowCount)" }.joined(separator: ", ")
        Log.info("\(splits[0].votes.lfCount) LFs, \(labelNames.count) classes (\(labelNames.joined(separator: ", "))); rows: \(sizes)")
        let configuration = try model.configuration(labelNames: labelNames, task: loaded.task?.task.model ?? .init())
        let clamped = configuration.model == .em ? loaded.task?.clampedTrainLabels : nil
        if let clamped {
            Log.info("fitting \(configuration.model.rawValue), semi-supervised: \(clamped.compactMap { $0 }.count) train items labeled by people…")
        } else {
            Log.info("fitting \(configuration.model.rawValue)…")
        }
        run = try LabelingRun(labelNames: labelNames, splits: splits, configuration: configuration, clampedTrainLabels: clamped)
    }

    /// The LF report of the run.
    var report: LFReport {
        var report = LFReport(run: run, splits: loaded.splits, lfNames: loaded.lfNames)
        report.llmCosts = loaded.task?.llmCosts
        return report
    }

    /// The run's results without sampled splits, whose items are already in their source split.
    var resultsToWrite: [LabelingRun.SplitResult] {
        let sampled = Set(loaded.task?.task.splits.filter { $0.sample != nil }.map(\.name) ?? [])
        return run.results.filter { !sampled.contains($0.name) }
    }
}
