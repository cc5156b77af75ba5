import ArgumentParser
import Foundation
import WSLabelCore
import WSLabeling

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a task's labeling functions and write the vote matrix of every split.",
        discussion: """
            Votes come from the task's SQLite cache where an LF and item were seen before, so \
            after editing one LF only that LF runs again. Each split is written to --output-dir \
            as <split>.csv (an id column, one column per LF named after it, -1 = abstain) or \
            <split>.npy plus <split>.ids.txt: the ids in row order, one JSON string per line, so \
            that any id reads back exactly (Python: [json.loads(line) for line in open(path)]), or \
            in the WRENCH layout (label.json and <split>.json with each item's weak_labels and \
            gold label), which WRENCH, the peer benchmarks and `wslabel fit --wrench` read.

            Examples:
              wslabel apply --output-dir votes
              wslabel apply --config examples/youtube-spam/wslabel.yaml --output-dir /tmp/votes --format npy
              wslabel apply --config examples/support-tickets/wslabel.yaml --output-dir /tmp/tickets --format wrench
            """
    )

    @Option(name: .long, help: ArgumentHelp("The task file (default: wslabel.yaml in the current folder).", valueName: "file"))
    var config = "wslabel.yaml"

    @Option(name: .long, help: ArgumentHelp("Folder for the vote files (created when missing).", valueName: "dir"))
    var outputDir: String

    @Option(name: .long, help: ArgumentHelp("csv (ids and LF names in the file), npy (what Snorkel users load with np.load) or wrench (WRENCH's JSON layout, gold labels included).", valueName: "csv|npy|wrench"))
    var format: VoteFormat = .csv

    @Flag(name: .long, help: "Apply every LF afresh instead of reusing cached votes.")
    var noCache = false

    @Option(name: .long, help: WorkerThreads.help)
    var threads: Int?

    enum VoteFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, npy, wrench

        /// The files a split's votes go to: `<split>.csv`, `<split>.npy` and its ids beside it,
        /// or `<split>.json` (WRENCH).
        func fileNames(split: String) -> (votes: String, ids: String?) {
            switch self {
            case .csv: return ("\(split).csv", nil)
            case .npy: return ("\(split).npy", "\(split).ids.txt")
            case .wrench: return ("\(split).json", nil)
            }
        }
    }

    func validate() throws {
        try WorkerThreads.validate(threads)
    }

    func run() throws {
        try CLIErrors.report {
            let task = try TaskFile(contentsOf: URL(fileURLWithPath: config))
            let folder = URL(fileURLWithPath: outputDir)
            let written = task.splits.flatMap { split in
                let names = format.fileNames(split: split.name)
                return [names.votes, names.ids].compactMap { $0 }.map { FileRole(folder.appendingPathComponent($0), "--output-dir's \($0)") }
            } + (format == .wrench ? [FileRole(folder.appendingPathComponent("label.json"), "--output-dir's label.json")] : [])
            try OutputConflicts.check(outputs: written, inputs: task.inputFiles())
            let applied = try TaskApplication.withProgressBar(task: task, useCache: !noCache, threads: threads)
            ApplyTable.log(applied)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw WSLabelError.fileAccess(path: folder.path, "cannot create the folder")
            }
            if format == .wrench {
                try WrenchDataset.write(labelNames: task.labels, splits: applied.splits, to: folder)
            }
            for split in applied.splits {
                let names = format.fileNames(split: split.name)
                let votes = folder.appendingPathComponent(names.votes)
                switch format {
                case .csv:
                    try split.votes.writeCSV(to: votes, ids: split.ids, lfNames: applied.catalog.names)
                case .npy:
                    try split.votes.writeNPY(to: votes)
                    try ItemIDsFile.write(split.ids, to: folder.appendingPathComponent(names.ids!))
                case .wrench:
                    break  // written with label.json above
                }
                Log.info("wrote \(split.name): \(split.votes.rowCount) items × \(split.votes.lfCount) LFs")
            }
        }
    }
}
