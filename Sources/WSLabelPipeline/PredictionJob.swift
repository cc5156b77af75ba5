import Foundation
import WSLabelCore
import WSLabelData

/// Labels an input's items with a saved model, without re-fitting: what `wslabel predict` does.
///
/// ```swift
/// let saved = try SavedLabelModel.load(from: URL(fileURLWithPath: "model.json"))
/// let job = PredictionJob(input: .wrench(folder), model: saved, modelFile: URL(fileURLWithPath: "model.json"))
/// let results = try job.run()
/// ```
public struct PredictionJob: Sendable {
    /// The items or votes to label; a task's LFs are applied first.
    public var input: LabelingInput
    /// The saved model.
    public var model: SavedLabelModel
    /// The file the model was read from, named in errors and kept from being overwritten.
    public var modelFile: URL
    /// Where to write the labels, if anywhere: JSON Lines, or `.npy` by its extension
    /// (``ProbabilisticLabelsWriter``).
    public var output: URL?

    public init(input: LabelingInput, model: SavedLabelModel, modelFile: URL, output: URL? = nil) {
        self.input = input
        self.model = model
        self.modelFile = modelFile
        self.output = output
    }

    /// Labels every split of the input (lone vote files form one split, `predict`) and writes
    /// the labels to ``output`` when set.
    /// - Returns: one result per split; scored where the split has gold labels.
    /// - Throws: ``WSLabelError/incompatibleModel(_:)`` naming the model file when the classes or
    ///   the votes' shape differ from the model's; the input's errors.
    public func run(events: @escaping (LabelingJob.Event) -> Void = { _ in }) throws -> [LabelingRun.SplitResult] {
        let loaded = try input.load(otherInputs: [FileRole(modelFile, "the --model-file")],
                                    outputs: { _ in output.map { LabelingJob.labelsFiles(FileRole($0, "--output")) } ?? [] }, events: events)
        guard loaded.labelNames == model.labelNames else {
            throw WSLabelError.incompatibleModel("\(modelFile.relativePath): the model's classes \(model.labelNames) differ from the input's \(loaded.labelNames)")
        }
        let labelModel = model.labelModel
        // Lone vote files are new items to label, not a training split.
        var splits = loaded.splits
        if case .voteFiles = input {
            splits = splits.map { LabeledSplit(name: "predict", ids: $0.ids, votes: $0.votes, gold: $0.gold) }
        }
        let results: [LabelingRun.SplitResult]
        do {
            // The model's own rule, as the fit applied it (majority vote's with its saved seed).
            results = try splits.map { try LabelingRun.SplitResult(labeling: $0, with: labelModel, tiePolicy: model.tiePolicy) }
        } catch let WSLabelError.incompatibleModel(message) {
            throw WSLabelError.incompatibleModel("\(modelFile.relativePath): \(message)")
        }
        if let output {
            try ProbabilisticLabelsWriter.write(results, labelNames: model.labelNames, to: output)
        }
        return results
    }
}
