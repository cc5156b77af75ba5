import ArgumentParser
import Foundation
import WSLabelCore
import WSLabeling

/// Where a command's items or votes come from: a task file (the default, `wslabel.yaml`), a
/// WRENCH folder, or plain vote files.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A task file naming labels, data, LFs and model options (default: wslabel.yaml in the current folder).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("A WRENCH dataset folder (label.json, train.json, optional valid.json and test.json).", valueName: "dir"))
    var wrench: String?

    @Flag(name: .long, help: "With a task file: apply every LF afresh instead of reusing cached votes (the cache is left as it is).")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("Train votes: a .npy matrix (rows × LFs, -1 = abstain) or a .csv with one column per LF.", valueName: "file"))
    var votes: String?

    @Option(name: .long, help: ArgumentHelp("Dev votes (same LF columns) whose gold labels choose the model variant; needs --dev-gold.", valueName: "file"))
    var devVotes: String?

    @Option(name: .long, help: ArgumentHelp("Gold labels of the dev votes: one class name or index per line; empty or -1 = unknown.", valueName: "file"))
    var devGold: String?

    @Option(name: .long, help: ArgumentHelp("Class names for vote files, comma-separated, in class-index order: 2 to 255 distinct, non-empty names (default: 0,1 — set it when there are more classes).", valueName: "names"))
    var labels: String?

    /// What the input gave.
    struct Loaded {
        var labelNames: [String]
        var splits: [LabeledSplit]
        /// One name per vote column: the task's LF names, or `lf_0`, `lf_1`, … for vote files.
        var lfNames: [String]
        /// The task file and what applying its LFs cost, when the input was a task.
        var task: TaskApplication?
    }

    func validate() throws {
        let given = [config != nil, wrench != nil, votes != nil].filter { $0 }.count
        guard given <= 1 else { throw ValidationError("give one input: --config FILE, --wrench DIR or --votes FILE") }
        if votes == nil && (devVotes != nil || devGold != nil) {
            throw ValidationError("--dev-votes and --dev-gold go with --votes")
        }
        if let labels { _ = try ClassNamesArgument.parse(labels) }
    }

    /// Class names and splits from the task file, `--wrench` or the vote files.
    /// - Parameters:
    ///   - defaultLabels: class names for vote files when `--labels` is not given (e.g. a saved
    ///     model's); otherwise `0, 1`.
    ///   - otherInputs: files the command reads besides the input (e.g. a saved model).
    ///   - outputs: the files the command will write, given the task file when there is one;
    ///     checked against the inputs before any LF runs (``OutputConflicts``).
    func load(threads: Int?, defaultLabels: [String]? = nil, otherInputs: [FileRole] = [],
              outputs: (TaskFile?) -> [FileRole] = { _ in [] }) throws -> Loaded {
        if wrench == nil && votes == nil {
            let url = URL(fileURLWithPath: config ?? "wslabel.yaml")
            Log.info("reading task \(url.path)")
            let task = try TaskFile(contentsOf: url)
            try OutputConflicts.check(outputs: outputs(task), inputs: task.inputFiles() + otherInputs)
            let applied = try TaskApplication.withProgressBar(task: task, useCache: !noCache, threads: threads)
            return Loaded(labelNames: task.labels, splits: applied.splits,
                          lfNames: applied.report.lfs.map(\.name), task: applied)
        }
        if let wrench {
            Log.info("reading \(wrench)")
            try OutputConflicts.check(outputs: outputs(nil), inputs: WrenchDataset.inputFiles(directory: URL(fileURLWithPath: wrench)) + otherInputs)
            let dataset = try WrenchDataset(directory: URL(fileURLWithPath: wrench))
            return Loaded(labelNames: dataset.labelNames, splits: dataset.splits,
                          lfNames: LFSummary.defaultNames(lfCount: dataset.splits[0].votes.lfCount))
        }
        let names = try labels.map(ClassNamesArgument.parse) ?? defaultLabels ?? ["0", "1"]
        Log.info("reading \(votes!)")
        let voteInputs = [(votes, "the --votes file"), (devVotes, "the --dev-votes file"), (devGold, "the --dev-gold file")]
            .compactMap { path, role in path.map { FileRole(URL(fileURLWithPath: $0), role) } }
        try OutputConflicts.check(outputs: outputs(nil), inputs: voteInputs + otherInputs)
        let splits = try VoteFiles.splits(
            train: URL(fileURLWithPath: votes!), dev: devVotes.map(URL.init(fileURLWithPath:)),
            devGold: devGold.map(URL.init(fileURLWithPath:)), labelNames: names)
        return Loaded(labelNames: names, splits: splits, lfNames: LFSummary.defaultNames(lfCount: splits[0].votes.lfCount))
    }
}
