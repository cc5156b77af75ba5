import ArgumentParser
import Foundation
import WSLabelCore

struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a label model on the train split's votes and label every split.",
        discussion: """
            The model is fit on the votes of the train split only; gold labels of train are never \
            used. When the dev split (default: valid) has gold labels, they set the class balance \
            and choose among a small grid of model variants (--select-metric); every split with \
            gold labels is then scored. Progress goes to stderr; results go to stdout.

            Examples:
              wslabel fit --wrench data/wrench/youtube
              wslabel fit --wrench data/wrench/sms --select-metric f1 --json
              wslabel fit --wrench data/wrench/trec --output labels.jsonl --save-model model.json
            """
    )

    @Option(name: .long, help: ArgumentHelp("A WRENCH dataset folder (label.json, train.json, optional valid.json and test.json).", valueName: "dir"))
    var wrench: String

    @OptionGroup var model: ModelOptions

    @Option(name: .long, help: ArgumentHelp("Write probabilistic labels of every split as JSON Lines (id, split, label, probability per label, confidence).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Save the fitted model as JSON for `wslabel predict`.", valueName: "file"))
    var saveModel: String?

    @Flag(name: .long, help: "Print one JSON object with the run's summary on stdout instead of a table.")
    var json = false

    func run() throws {
        try CLIErrors.report {
            let started = Date()
            Log.info("reading \(wrench)")
            let dataset = try WrenchDataset(directory: URL(fileURLWithPath: wrench))
            let sizes = dataset.splits.map { "\($0.name) \($0.votes.rowCount)" }.joined(separator: ", ")
            Log.info("\(dataset.lfCount) LFs, \(dataset.classCount) classes (\(dataset.labelNames.joined(separator: ", "))); rows: \(sizes)")
            let configuration = try model.configuration(labelNames: dataset.labelNames)
            Log.info("fitting \(configuration.model.rawValue)…")
            let run = try LabelingRun(labelNames: dataset.labelNames, splits: dataset.splits, configuration: configuration)
            if let output {
                try ProbabilisticLabelsWriter.write(run.results, labelNames: run.labelNames, to: URL(fileURLWithPath: output))
                Log.info("wrote labels of \(run.results.map(\.ids.count).reduce(0, +)) items to \(output)")
            }
            if let saveModel {
                try SavedLabelModel(model: run.model, labelNames: run.labelNames).save(to: URL(fileURLWithPath: saveModel))
                Log.info("saved the model to \(saveModel)")
            }
            print(json ? run.summary.serialized : RunTable.render(run))
            Log.info(String(format: "done in %.2f s", Date().timeIntervalSince(started)))
        }
    }
}
