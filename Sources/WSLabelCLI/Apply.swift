import ArgumentParser
import Foundation
import WSLabelPipeline

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

    @OptionGroup var task: TaskFileOptions

    @Option(name: .long, help: ArgumentHelp("Folder for the vote files (created when missing).", valueName: "dir"))
    var outputDir: String

    @Option(name: .long, help: ArgumentHelp("csv (ids and LF names in the file), npy (what Snorkel users load with np.load) or wrench (WRENCH's JSON layout, gold labels included).", valueName: "csv|npy|wrench"))
    var format: VoteExport.Format = .csv

    @OptionGroup var workers: WorkerThreads

    func run() throws {
        try CLIErrors.report {
            try VoteExport.write(task: task.url, useCache: !task.noCache, format: format, to: URL(fileURLWithPath: outputDir), threads: workers.threads,
                                 events: JobLog().events) { split, rows, lfs in
                Log.info("wrote \(split): \(rows) items × \(lfs) LFs")
            }
        }
    }
}

extension VoteExport.Format: ExpressibleByArgument {}
