import ArgumentParser
import Foundation
import WSLabelCore

/// Input from plain vote files instead of a WRENCH folder.
struct VoteFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Train votes: a .npy matrix (rows × LFs, -1 = abstain) or a .csv with one column per LF.", valueName: "file"))
    var votes: String?

    @Option(name: .long, help: ArgumentHelp("Dev votes (same LF columns) whose gold labels choose the model variant; needs --dev-gold.", valueName: "file"))
    var devVotes: String?

    @Option(name: .long, help: ArgumentHelp("Gold labels of the dev votes: one class name or index per line; empty or -1 = unknown.", valueName: "file"))
    var devGold: String?

    @Option(name: .long, help: ArgumentHelp("Class names for vote files, comma-separated, in class-index order (default: 0,1 — set it when there are more classes).", valueName: "names"))
    var labels: String?

    /// Class names and splits from `--wrench` or the vote files.
    func load(wrench: String?) throws -> (labelNames: [String], splits: [LabeledSplit]) {
        if let wrench {
            Log.info("reading \(wrench)")
            let dataset = try WrenchDataset(directory: URL(fileURLWithPath: wrench))
            return (dataset.labelNames, dataset.splits)
        }
        let names = labels.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? ["0", "1"]
        guard names.count >= 2, Set(names).count == names.count else {
            throw WSLabelError.invalidArgument("--labels needs at least two distinct class names")
        }
        Log.info("reading \(votes!)")
        let splits = try VoteFiles.splits(
            train: URL(fileURLWithPath: votes!), dev: devVotes.map(URL.init(fileURLWithPath:)),
            devGold: devGold.map(URL.init(fileURLWithPath:)), labelNames: names)
        return (names, splits)
    }
}
