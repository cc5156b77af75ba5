import ArgumentParser
import Foundation
import WSLabelCore

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Label new votes with a model saved by `wslabel fit --save-model`, without re-fitting.",
        discussion: """
            Examples:
              wslabel predict --model-file model.json --wrench data/wrench/youtube --output labels.jsonl
              wslabel predict --model-file model.json --votes L_new.npy
              wslabel predict --model-file model.json --config wslabel.yaml   # applies the task's LFs first
            """
    )

    @Option(name: .long, help: ArgumentHelp("A model saved by `wslabel fit --save-model`.", valueName: "file"))
    var modelFile: String

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("Write probabilistic labels as JSON Lines (default: stdout).", valueName: "file"))
    var output: String?

    func run() throws {
        try CLIErrors.report {
            let modelURL = URL(fileURLWithPath: modelFile)
            let destination = output.map(AtomicFile.url(forArgument:))
            let saved = try SavedLabelModel.load(from: modelURL)
            let loaded = try input.load(threads: nil, defaultLabels: saved.labelNames, otherInputs: [FileRole(modelURL, "the --model-file")]) { _ in
                destination.map { [FileRole($0, "--output")] } ?? []
            }
            guard loaded.labelNames == saved.labelNames else {
                throw WSLabelError.incompatibleModel("\(modelFile): the model's classes \(saved.labelNames) differ from the input's \(loaded.labelNames)")
            }
            let model = saved.labelModel
            let ties = (model as? GenerativeLabelModel)?.defaultTiePolicy ?? .abstain
            // Lone vote files are new items to label, not a training split.
            let splits = input.votes == nil ? loaded.splits
                : loaded.splits.map { LabeledSplit(name: "predict", ids: $0.ids, votes: $0.votes, gold: $0.gold) }
            let results: [LabelingRun.SplitResult]
            do {
                results = try splits.map { try LabelingRun.SplitResult(labeling: $0, with: model, tiePolicy: ties) }
            } catch let WSLabelError.incompatibleModel(message) {
                throw WSLabelError.incompatibleModel("\(modelFile): \(message)")
            }
            if let destination {
                try ProbabilisticLabelsWriter.write(results, labelNames: saved.labelNames, to: destination)
            } else {
                print(ProbabilisticLabelsWriter.jsonLines(results, labelNames: saved.labelNames), terminator: "")
            }
        }
    }
}
