import ArgumentParser
import Foundation
import WSLabelCore

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Label new votes with a model saved by `wslabel fit --save-model`, without re-fitting.",
        discussion: """
            Examples:
              wslabel predict --model-file model.json --wrench data/wrench/youtube --output labels.jsonl
            """
    )

    @Option(name: .long, help: ArgumentHelp("A model saved by `wslabel fit --save-model`.", valueName: "file"))
    var modelFile: String

    @Option(name: .long, help: ArgumentHelp("A WRENCH dataset folder whose splits to label.", valueName: "dir"))
    var wrench: String

    @Option(name: .long, help: ArgumentHelp("Write probabilistic labels as JSON Lines (default: stdout).", valueName: "file"))
    var output: String?

    func run() throws {
        try CLIErrors.report {
            let saved = try SavedLabelModel.load(from: URL(fileURLWithPath: modelFile))
            let dataset = try WrenchDataset(directory: URL(fileURLWithPath: wrench))
            guard dataset.labelNames == saved.labelNames else {
                throw WSLabelError.incompatibleModel("the model's classes \(saved.labelNames) differ from the dataset's \(dataset.labelNames)")
            }
            let model = saved.labelModel
            let ties = (model as? GenerativeLabelModel)?.defaultTiePolicy ?? .abstain
            let results = try dataset.splits.map { try LabelingRun.SplitResult(labeling: $0, with: model, tiePolicy: ties) }
            if let output {
                try ProbabilisticLabelsWriter.write(results, labelNames: saved.labelNames, to: URL(fileURLWithPath: output))
            } else {
                print(ProbabilisticLabelsWriter.jsonLines(results, labelNames: saved.labelNames), terminator: "")
            }
        }
    }
}
