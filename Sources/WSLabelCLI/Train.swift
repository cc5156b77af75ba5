import ArgumentParser
import Foundation
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a text classifier (the end model) on the label model's probabilistic labels.",
        discussion: """
            A label model labels only the items some LF votes on, and only as well as the LFs' \
            keywords reach. An end model learns from the items' text, so it labels every item — \
            new ones too, with `wslabel classify` — and generalizes past the LFs. `wslabel train` \
            fits the label model as `wslabel fit` does, then a logistic regression on hashed word \
            and character n-grams (TF-IDF), and prints both models' scores per split.

            How it learns:
              Noise-aware: each train item's target is the label model's probability \
            distribution, not its argmax, and items count by the label model's confidence above \
            chance, so a 55/45 item teaches little and a 99/1 one much (--weighting). Items no LF votes on are \
            left out: their label is the class balance, the same for all, and would only pull \
            predictions toward the majority class; their text still counts in the TF-IDF \
            weights, and the end model labels them.
              The regularization C (scikit-learn's, 0.1 to 100) and the weighting are chosen on \
            the dev split's gold labels (valid, or --dev-split) by --select-metric; a dev split \
            sampled from train is held out of training. Without dev gold C is 1 (or --c).
              Deterministic: the same input gives the same model file at any --threads.

            Input is a task file (--config, default wslabel.yaml; its items' text field) or a \
            WRENCH folder (--wrench; each record's data.text).

            Examples:
              wslabel train --config examples/youtube-spam/wslabel.yaml --save-end-model end-model.json
              wslabel train --wrench data/wrench/sms --select-metric f1 --json
              wslabel classify --end-model end-model.json --input new-comments.csv --text-field CONTENT
            """
    )

    @OptionGroup var task: TaskFileOptions

    @Option(name: .long, help: ArgumentHelp("A WRENCH dataset folder whose records hold data.text.", valueName: "dir"))
    var wrench: String?

    @OptionGroup var model: ModelOptions

    @OptionGroup var testSplit: TestSplitOptions

    @Option(name: .long, help: ArgumentHelp("Save the end model as JSON for `wslabel classify`.", valueName: "file"))
    var saveEndModel: String?

    @Option(name: .long, help: ArgumentHelp("Write the end model's probabilistic labels of every split (the format of `wslabel fit --output`: JSON Lines, or .npy).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Also write the features to this folder: <split>.svm (SVMlight, zero-based, gold class or -1), training.svm, training.targets.csv and training.weights.txt (the rows, soft targets and weights the end model learned from) and label.json (the class name of each class index), for training other models on exactly these features.", valueName: "dir"))
    var exportFeatures: String?

    @Option(name: .long, help: ArgumentHelp("Fix scikit-learn's C (inverse L2 regularization) instead of choosing it on the dev split.", valueName: "number"))
    var c: Double?

    @Option(name: .long, help: ArgumentHelp("How much each train item teaches: confidence (by the label model's confidence above chance: a coin flip teaches nothing), uniform (once each; its soft label still says how sure it is), or auto (chosen on the dev split with C, ties to confidence; confidence without dev gold). (default: auto)", valueName: "auto|confidence|uniform"))
    var weighting: WeightingChoice?

    enum WeightingChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, confidence, uniform
        var weighting: EndModelTrainingConfiguration.Weighting? { EndModelTrainingConfiguration.Weighting(rawValue: rawValue) }
    }

    @Option(name: .long, help: ArgumentHelp("Word n-gram lengths, e.g. 1-2, or none. (default: 1-2)", valueName: "range"))
    var wordNgrams: String?

    @Option(name: .long, help: ArgumentHelp("Character n-gram lengths, e.g. 2-4, or none. (default: 2-4)", valueName: "range"))
    var charNgrams: String?

    @Option(name: .long, help: ArgumentHelp("Drop n-grams fewer train items than this use. (default: 2)", valueName: "count"))
    var minDf: Int?

    @Option(name: .long, help: ArgumentHelp("A numeric item field to use beside the text (repeat for more): standardized by the train items' mean and deviation, clipped to ±5, missing or empty values as the mean. WRENCH: data.<name>. `wslabel classify` reads the same fields.", valueName: "name"))
    var numericField: [String] = []

    @Flag(name: .long, help: "Print one JSON object with the run's summary on stdout instead of a table.")
    var json = false

    func validate() throws {
        if task.config != nil && wrench != nil { throw ValidationError("give one input: --config FILE or --wrench DIR") }
        _ = try trainingConfiguration()
    }

    func trainingConfiguration() throws -> EndModelTrainingConfiguration {
        var configuration = EndModelTrainingConfiguration()
        configuration.inverseRegularization = c
        configuration.weighting = weighting?.weighting
        if let wordNgrams { configuration.features.wordNGrams = try Self.range(wordNgrams, option: "--word-ngrams") }
        if let charNgrams { configuration.features.characterNGrams = try Self.range(charNgrams, option: "--char-ngrams") }
        if let minDf { configuration.features.minDocumentFrequency = minDf }
        configuration.numericFields = numericField
        do { try configuration.validate() } catch let error as WSLabelError { throw ValidationError(error.errorDescription ?? "invalid settings") }
        return configuration
    }

    /// `1-2`, `3` or `none`.
    static func range(_ text: String, option: String) throws -> ClosedRange<Int>? {
        if text == "none" { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        switch parts.count {
        case 1: if let n = parts[0] { return n...n }
        case 2: if let low = parts[0], let high = parts[1], low <= high { return low...high }
        default: break
        }
        throw ValidationError("\(option) expects lengths like 1-2, 3 or none, not \"\(text)\"")
    }

    func run() throws {
        try CLIErrors.report {
            let started = Date()
            let input: LabelingInput = wrench.map { .wrench(URL(fileURLWithPath: $0)) } ?? task.input
            var labeling = LabelingJob(input: input, model: model.choices, labelsOutput: .none)
            labeling.testSplit = testSplit.choices
            var job = EndModelJob(labeling: labeling, training: try trainingConfiguration())
            job.modelOutput = saveEndModel.map(AtomicFile.url(forArgument:))
            job.labelsOutput = output.map(AtomicFile.url(forArgument:))
            job.featuresOutput = exportFeatures.map { URL(fileURLWithPath: $0) }
            let result = try job.run(events: JobLog().events)
            let labelsOnStandardOutput = job.labelsOutput.map(AtomicFile.writesToStandardOutput) ?? false
            let summary = json ? result.report.json.serialized : result.report.text
            if labelsOnStandardOutput {
                FileHandle.standardError.write(Data((summary + "\n").utf8))
            } else {
                print(summary)
            }
            Log.info(String(format: "done in %.2f s", Date().timeIntervalSince(started)))
        }
    }
}

