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
            """
    )

    @Option(name: .long, help: ArgumentHelp("A model saved by `wslabel fit --save-model`.", valueName: "file"))
    var modelFile: String

    @Option(name: .long, help: ArgumentHelp("A WRENCH dataset folder whose splits to label.", valueName: "dir"))
    var wrench: String?

    @Option(name: .long, help: ArgumentHelp("Votes to label: a .npy matrix (rows × LFs, -1 = abstain) or a .csv with one column per LF.", valueName: "file"))
    var votes: String?

    @Option(name: .long, help: ArgumentHelp("Write probabilistic labels as JSON Lines (default: stdout).", valueName: "file"))
    var output: String?

    func validate() throws {
        guard (wrench == nil) != (votes == nil) else {
            throw ValidationError("give the votes as either --wrench DIR or --votes FILE")
        }
    }

    func run() throws {
        try CLIErrors.report {
            let saved = try SavedLabelModel.load(from: URL(fileURLWithPath: modelFile))
            let splits: [LabeledSplit]
            if let wrench {
                let dataset = try WrenchDataset(directory: URL(fileURLWithPath: wrench))
                guard dataset.labelNames == saved.labelNames else {
                    throw WSLabelError.incompatibleModel("the model's classes \(saved.labelNames) differ from the dataset's \(dataset.labelNames)")
                }
                splits = dataset.splits
            } else {
                splits = try VoteFiles.splits(train: URL(fileURLWithPath: votes!), labelNames: saved.labelNames)
                    .map { LabeledSplit(name: "predict", ids: $0.ids, votes: $0.votes, gold: $0.gold) }
            }
            let model = saved.labelModel
            let ties = (model as? GenerativeLabelModel)?.defaultTiePolicy ?? .abstain
            let results = try splits.map { try LabelingRun.SplitResult(labeling: $0, with: model, tiePolicy: ties) }
            if let output {
                try ProbabilisticLabelsWriter.write(results, labelNames: saved.labelNames, to: URL(fileURLWithPath: output))
            } else {
                print(ProbabilisticLabelsWriter.jsonLines(results, labelNames: saved.labelNames), terminator: "")
            }
        }
    }
}
