import ArgumentParser
import Foundation
import WSLabelCore
import WSLabelData

struct Synthesize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a WRENCH-layout dataset drawn from a known generative model.",
        discussion: """
            Useful to see how a label model behaves when the truth is known: every row has its \
            true class as gold label. LFs are shaped like the WRENCH sets (coverage 5–40% each \
            with up to 20 LFs, 0.5–5% with more; accuracy 55–95%; most LFs vote one class only).

            Limits: --lfs 1 to 65,535 and 2 to 255 class names (what a vote matrix holds); at most \
            \(ReportNumbers.count(Synthesize.maxRows)) rows in all and \(ReportNumbers.count(Synthesize.maxCells)) \
            vote cells (rows × LFs), since every cell is written out as JSON.

            Example:
              wslabel synthesize --output data/synthetic --train 2000 --lfs 12 --seed 3
            """
    )

    /// The most rows of all splits together.
    static let maxRows = 10_000_000
    /// The most vote cells (rows × LFs): the WRENCH files hold each one as text, about 3 bytes,
    /// and are built in memory before they are written.
    static let maxCells = 100_000_000

    @Option(name: .long, help: ArgumentHelp("Folder to write label.json, train.json, valid.json and test.json into.", valueName: "dir"))
    var output: String

    @Option(name: .long, help: "Rows of the train split (1 or more).")
    var train = 1000
    @Option(name: .long, help: "Rows of the valid split (0 or more).")
    var valid = 200
    @Option(name: .long, help: "Rows of the test split (0 or more).")
    var test = 400
    @Option(name: .long, help: "Number of labeling functions (1 to 65,535).")
    var lfs = 10
    @Option(name: .long, help: ArgumentHelp("Class names, comma-separated: 2 to 255 distinct, non-empty names (their count is the class count).", valueName: "names"))
    var labels = "NEGATIVE,POSITIVE"
    @Option(name: .long, help: "Seed of every draw: the same seed writes the same files.")
    var seed: UInt64 = 0

    func validate() throws {
        guard (1...VoteMatrix.maxLFCount).contains(lfs) else {
            throw ValidationError("--lfs must be 1 to \(ReportNumbers.count(VoteMatrix.maxLFCount)) (the most LFs a vote matrix holds), not \(lfs)")
        }
        _ = try ClassNamesArgument.parse(labels)
        guard train > 0, valid >= 0, test >= 0 else { throw ValidationError("--train must be 1 or more; --valid and --test 0 or more") }
        // Each count is checked before they are added, so that the sum cannot overflow.
        for (option, rows) in [("--train", train), ("--valid", valid), ("--test", test)] where rows > Self.maxRows {
            throw ValidationError("\(option) \(ReportNumbers.count(rows)): synthesize writes at most \(ReportNumbers.count(Self.maxRows)) rows in all (train + valid + test)")
        }
        let rows = train + valid + test
        guard rows <= Self.maxRows else {
            throw ValidationError("\(ReportNumbers.count(rows)) rows (train + valid + test): synthesize writes at most \(ReportNumbers.count(Self.maxRows)) in all")
        }
        guard rows * lfs <= Self.maxCells else {
            throw ValidationError("\(ReportNumbers.count(rows)) rows × \(lfs) LFs = \(ReportNumbers.count(rows * lfs)) vote cells: synthesize writes every cell as JSON, at most \(ReportNumbers.count(Self.maxCells))")
        }
    }

    func run() throws {
        try CLIErrors.report {
            let splits = try WrenchDataset.synthesize(labelNames: try ClassNamesArgument.parse(labels), lfCount: lfs,
                                                      splitSizes: [("train", train), ("valid", valid), ("test", test)], seed: seed,
                                                      to: URL(fileURLWithPath: output))
            Log.info("wrote \(splits.map { "\($0.name) \($0.ids.count)" }.joined(separator: ", ")) rows with \(lfs) LFs to \(output)")
        }
    }
}
