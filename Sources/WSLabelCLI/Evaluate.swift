import ArgumentParser
import Foundation
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the test split at the end: accuracy, per-class precision and recall, confusion matrix.",
        discussion: """
            Keep the test split for the end: while you write LFs, hide its scores (the task file's \
            evaluation.hide_test: true, or --hide-test on fit, report, train and cost), judge LFs \
            on the dev split, and look at test once the LFs are done. `wslabel evaluate` is that \
            look. It fits exactly as `wslabel fit` does (same input, model options and seed, so \
            the same labels; test's gold labels never reach the fit), writes no labels, and \
            prints for the split — the task's test split (evaluation.test_split, default test) \
            or --split — accuracy, macro-F1, the share labeled, each class's precision, recall, F1 \
            and support, and the confusion matrix (rows gold, columns predicted, (none) for \
            items given no label), for the label model and majority vote side by side \
            (--end-model adds the end model).

            For a task, every evaluation of a test split is counted in evaluations.json beside \
            the vote cache, and the output says how many times the split has been evaluated: \
            each look taken while the LFs still change makes its score less of a measure of \
            new data.

            Examples:
              wslabel evaluate                # the task in ./wslabel.yaml
              wslabel evaluate --config examples/support-tickets/wslabel.yaml --json
              wslabel evaluate --wrench data/wrench/youtube --end-model
              wslabel evaluate --split dev --format markdown
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var model: ModelOptions

    @Option(name: .long, help: ArgumentHelp("The split to score (default: the task's test split, evaluation.test_split, else test).", valueName: "split"))
    var split: String?

    @Option(name: .long, help: ArgumentHelp("text, markdown or json. (default: text)", valueName: "format"))
    var format: EvaluationFormat?

    enum EvaluationFormat: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }

    @Flag(name: .long, help: "Print one JSON object instead of tables (the same as --format json).")
    var json = false

    @Flag(name: .long, help: "Also train an end model on the labels (as `wslabel train` does with its defaults) and score it; needs item text (a task or a WRENCH folder).")
    var endModel = false

    func validate() throws {
        if json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) ask for different formats: give one") }
        if input.patternCounts != nil { throw ValidationError("pattern counts hold no test split to evaluate: evaluate a task, a WRENCH folder or vote files") }
    }

    func run() throws {
        try CLIErrors.report {
            let labeling = LabelingJob(input: try input.labelingInput(), model: model.choices, labelsOutput: .none)
            let job = EvaluationJob(labeling: labeling, split: split, endModel: endModel ? EndModelTrainingConfiguration() : nil)
            let result = try job.run(events: JobLog().events)
            let evaluation = result.evaluation
            switch json ? .json : format ?? .text {
            case .text: print(evaluation.text, terminator: "")
            case .markdown: print(evaluation.markdown, terminator: "")
            case .json: print(evaluation.json.serialized)
            }
        }
    }
}
