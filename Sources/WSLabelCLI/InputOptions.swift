import ArgumentParser
import Foundation
import WSLabelPipeline

/// Where a command's items or votes come from: a task file (the default, `wslabel.yaml`), a
/// WRENCH folder, or plain vote files.
struct InputOptions: ParsableArguments {
    @OptionGroup var task: TaskFileOptions

    @Option(name: .long, help: ArgumentHelp("A WRENCH dataset folder (label.json, train.json, optional valid.json and test.json).", valueName: "dir"))
    var wrench: String?

    @Option(name: .long, help: ArgumentHelp("Train votes: a .npy matrix (rows × LFs, -1 = abstain) or a .csv with one column per LF.", valueName: "file"))
    var votes: String?

    @Option(name: .long, help: ArgumentHelp("Dev votes (same LF columns) whose gold labels choose the model variant; needs --dev-gold.", valueName: "file"))
    var devVotes: String?

    @Option(name: .long, help: ArgumentHelp("Gold labels of the dev votes: one class name or index per line; empty or -1 = unknown.", valueName: "file"))
    var devGold: String?

    @Option(name: .long, help: ArgumentHelp("Train votes as pattern counts (`wslabel apply --format pattern-counts`, merged shards); with --config, only the task's model settings are read.", valueName: "file"))
    var patternCounts: String?

    @Option(name: .long, help: ArgumentHelp("A dev split's pattern counts, gold labels included, to choose the model variant with; goes with --pattern-counts.", valueName: "file"))
    var devPatternCounts: String?

    @Option(name: .long, help: ArgumentHelp("Class names for vote files, comma-separated, in class-index order: 2 to 255 distinct, non-empty names (default: those of the label.json beside --votes, which `wslabel apply` writes; else 0,1).", valueName: "names"))
    var labels: String?

    func validate() throws {
        let given = [task.config != nil && patternCounts == nil, wrench != nil, votes != nil, patternCounts != nil].filter { $0 }.count
        guard given <= 1 else { throw ValidationError("give one input: --config FILE, --wrench DIR, --votes FILE or --pattern-counts FILE") }
        if patternCounts == nil && devPatternCounts != nil { throw ValidationError("--dev-pattern-counts goes with --pattern-counts") }
        if votes == nil && (devVotes != nil || devGold != nil) {
            throw ValidationError("--dev-votes and --dev-gold go with --votes")
        }
        if let labels { _ = try ClassNamesArgument.parse(labels) }
    }

    /// The input these options name.
    /// - Parameter defaultLabels: class names for vote files when neither `--labels` nor a
    ///   `label.json` beside the votes gives them (e.g. a saved model's); otherwise `0, 1`.
    func labelingInput(defaultLabels: [String]? = nil) throws -> LabelingInput {
        if let wrench { return .wrench(URL(fileURLWithPath: wrench)) }
        if let patternCounts {
            return .patternCounts(train: URL(fileURLWithPath: patternCounts), dev: devPatternCounts.map(URL.init(fileURLWithPath:)),
                                  settings: task.config.map { _ in task.url })
        }
        if let votes {
            let train = URL(fileURLWithPath: votes)
            let labelNames = try LabelingInput.voteFileLabelNames(train: train, given: try labels.map(ClassNamesArgument.parse), fallback: defaultLabels)
            if let file = labelNames.file { Log.info("class names from \(file.relativePath): \(labelNames.names.joined(separator: ", "))") }
            return .voteFiles(train: train, dev: devVotes.map(URL.init(fileURLWithPath:)),
                              devGold: devGold.map(URL.init(fileURLWithPath:)), labelNames: labelNames.names)
        }
        return task.input
    }
}
