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
            that any id reads back exactly (Python: [json.loads(line) for line in open(path)]).

            Examples:
              wslabel apply --output-dir votes
              wslabel apply --config examples/youtube-spam/wslabel.yaml --output-dir /tmp/votes --format npy
            """
    )

    @Option(name: .long, help: ArgumentHelp("The task file (default: wslabel.yaml in the current folder).", valueName: "file"))
    var config = "wslabel.yaml"

    @Option(name: .long, help: ArgumentHelp("Folder for the vote files (created when missing).", valueName: "dir"))
    var outputDir: String

    @Option(name: .long, help: ArgumentHelp("csv (ids and LF names in the file) or npy (what Snorkel users load with np.load).", valueName: "csv|npy"))
    var format: VoteFormat = .csv

    @Flag(name: .long, help: "Apply every LF afresh instead of reusing cached votes.")
    var noCache = false

    @Option(name: .long, help: WorkerThreads.help)
    var threads: Int?

    enum VoteFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, npy

        /// The files a split's votes go to: `<split>.csv`, or `<split>.npy` and its ids beside it.
        func fileNames(split: String) -> (votes: String, ids: String?) {
            self == .csv ? ("\(split).csv", nil) : ("\(split).npy", "\(split).ids.txt")
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
            }
            try OutputConflicts.check(outputs: written, inputs: task.inputFiles())
            let applied = try TaskApplication.withProgressBar(task: task, useCache: !noCache, threads: threads)
            ApplyTable.log(applied)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw WSLabelError.fileAccess(path: folder.path, "cannot create the folder")
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
                }
                Log.info("wrote \(split.name): \(split.votes.rowCount) items × \(split.votes.lfCount) LFs")
            }
        }
    }
}
