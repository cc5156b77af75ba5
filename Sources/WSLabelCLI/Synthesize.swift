import ArgumentParser
import Foundation
import WSLabelCore

struct Synthesize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a WRENCH-layout dataset drawn from a known generative model.",
        discussion: """
            Useful to see how a label model behaves when the truth is known: every row has its \
            true class as gold label. LFs are shaped like the WRENCH sets (coverage 5–40% each \
            with up to 20 LFs, 0.5–5% with more; accuracy 55–95%; most LFs vote one class only).

            Example:
              wslabel synthesize --output data/synthetic --train 2000 --lfs 12 --seed 3
            """
    )

    @Option(name: .long, help: ArgumentHelp("Folder to write label.json, train.json, valid.json and test.json into.", valueName: "dir"))
    var output: String

    @Option(name: .long, help: "Rows of the train split.")
    var train = 1000
    @Option(name: .long, help: "Rows of the valid split.")
    var valid = 200
    @Option(name: .long, help: "Rows of the test split.")
    var test = 400
    @Option(name: .long, help: "Number of labeling functions.")
    var lfs = 10
    @Option(name: .long, help: ArgumentHelp("Class names, comma-separated (their count is the class count).", valueName: "names"))
    var labels = "NEGATIVE,POSITIVE"
    @Option(name: .long, help: "Seed of every draw: the same seed writes the same files.")
    var seed: UInt64 = 0

    func validate() throws {
        guard train > 0, valid >= 0, test >= 0 else { throw ValidationError("--train must be positive; --valid and --test not negative") }
        guard lfs > 0 else { throw ValidationError("--lfs must be positive") }
        guard labelNames.count >= 2, Set(labelNames).count == labelNames.count else {
            throw ValidationError("--labels needs at least two distinct names")
        }
    }

    private var labelNames: [String] { labels.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func run() throws {
        try CLIErrors.report {
            let truth = SyntheticVotes.Parameters.realistic(lfCount: lfs, classCount: labelNames.count, seed: seed)
            let data = try SyntheticVotes(parameters: truth, rows: train + valid + test, seed: seed)
            let splits = data.splits([("train", train), ("valid", valid), ("test", test)]).filter { !$0.ids.isEmpty }
            try WrenchDataset.write(labelNames: labelNames, splits: splits, to: URL(fileURLWithPath: output))
            Log.info("wrote \(splits.map { "\($0.name) \($0.ids.count)" }.joined(separator: ", ")) rows with \(lfs) LFs to \(output)")
        }
    }
}
