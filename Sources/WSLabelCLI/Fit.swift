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

            Input is a WRENCH folder (--wrench), or vote files (--votes, with optional --dev-votes \
            and --dev-gold): a .npy matrix as Snorkel users save it, or a .csv with one column \
            per LF (and an optional id column); -1 means abstain.

            Examples:
              wslabel fit --wrench data/wrench/youtube
              wslabel fit --votes L_train.npy --dev-votes L_dev.npy --dev-gold y_dev.txt --labels HAM,SPAM
              wslabel fit --wrench data/wrench/sms --select-metric f1 --json
              wslabel fit --wrench data/wrench/trec --output labels.jsonl --save-model model.json
            """
    )

    @Option(name: .long, help: ArgumentHelp("A WRENCH dataset folder (label.json, train.json, optional valid.json and test.json).", valueName: "dir"))
    var wrench: String?

    @OptionGroup var voteFiles: VoteFileOptions

    @OptionGroup var model: ModelOptions

    @Option(name: .long, help: ArgumentHelp("Write probabilistic labels of every split as JSON Lines (id, split, label, probability per label, confidence).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Save the fitted model as JSON for `wslabel predict`.", valueName: "file"))
    var saveModel: String?

    @Flag(name: .long, help: "Print one JSON object with the run's summary on stdout instead of a table.")
    var json = false

    func validate() throws {
        guard (wrench == nil) != (voteFiles.votes == nil) else {
            throw ValidationError("give the input as either --wrench DIR or --votes FILE")
        }
    }

    func run() throws {
        try CLIErrors.report {
            let started = Date()
            let (labelNames, splits) = try voteFiles.load(wrench: wrench)
            let sizes = splits.map { "\($0.name) \($0.votes.rowCount)" }.joined(separator: ", ")
            Log.info("\(splits[0].votes.lfCount) LFs, \(labelNames.count) classes (\(labelNames.joined(separator: ", "))); rows: \(sizes)")
            let configuration = try model.configuration(labelNames: labelNames)
            Log.info("fitting \(configuration.model.rawValue)…")
            let run = try LabelingRun(labelNames: labelNames, splits: splits, configuration: configuration)
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
