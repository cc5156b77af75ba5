import ArgumentParser
import Foundation
import WSLabelData
import WSLabelPipeline

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
            let saved = try SavedLabelModel.load(from: modelURL)
            let job = PredictionJob(input: try input.labelingInput(defaultLabels: saved.labelNames), model: saved, modelFile: modelURL,
                                    output: output.map(AtomicFile.url(forArgument:)))
            let results = try job.run(events: JobLog().events)
            if job.output == nil {
                print(ProbabilisticLabelsWriter.jsonLines(results, labelNames: saved.labelNames), terminator: "")
            }
        }
    }
}
