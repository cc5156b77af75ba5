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
              wslabel predict --model-file model.json --config wslabel.yaml --stdin --split test < part-0.jsonl

            With --stdin, the items of one split are JSON Lines on standard input (the fields the \
            task's data section names, and `id` when it names no id field) and their labels go to \
            standard output: what a batch engine pipes each partition through. The vote cache and \
            the LLM response cache are not used then unless --use-cache.
            """
    )

    @Option(name: .long, help: ArgumentHelp("A model saved by `wslabel fit --save-model`.", valueName: "file"))
    var modelFile: String

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("Write probabilistic labels as JSON Lines (default: stdout).", valueName: "file"))
    var output: String?

    @OptionGroup var standardInput: StandardInputOptions

    func validate() throws {
        if standardInput.stdin, input.wrench != nil || input.votes != nil || input.patternCounts != nil {
            throw ValidationError("--stdin reads items for a task file's LFs: give --config, not --wrench, --votes or --pattern-counts")
        }
    }

    func run() throws {
        try CLIErrors.report {
            let modelURL = URL(fileURLWithPath: modelFile)
            let saved = try SavedLabelModel.load(from: modelURL)
            let source = standardInput.stdin
                ? LabelingInput.task(input.task.url, useCache: standardInput.useCache, standardInputSplit: standardInput.split ?? "predict",
                                     llmBudgetShare: standardInput.llmBudgetShare ?? 1)
                : try input.labelingInput(defaultLabels: saved.labelNames)
            let job = PredictionJob(input: source, model: saved, modelFile: modelURL,
                                    output: output.map(AtomicFile.url(forArgument:)))
            let results = try job.run(events: JobLog().events)
            if job.output == nil {
                print(ProbabilisticLabelsWriter.jsonLines(results, labelNames: saved.labelNames), terminator: "")
            }
        }
    }
}
