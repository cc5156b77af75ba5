import ArgumentParser
import Foundation
import WSLabelData
import WSLabelPipeline

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a task's labeling functions and write the vote matrix of every split.",
        discussion: """
            Votes come from the task's SQLite cache where an LF and item were seen before, so \
            after editing one LF only that LF runs again. Each split is written to --output-dir \
            as <split>.csv (an id column, one column per LF named after it, -1 = abstain) or \
            <split>.npy plus <split>.ids.txt: the ids in row order, one JSON string per line, so \
            that any id reads back exactly (Python: [json.loads(line) for line in open(path)]), \
            both with label.json, the class name of each vote's class index ({"0": "HAM", "1": \
            "SPAM"}), which `wslabel fit --votes` and `predict --votes` read from beside the votes; or \
            in the WRENCH layout (label.json and <split>.json with each item's weak_labels and \
            gold label), which WRENCH, the peer benchmarks and `wslabel fit --wrench` read, or as \
            pattern counts (<split>.counts: each distinct vote pattern and how many items share \
            it, all a label model needs; `wslabel merge-counts` adds shards' files up and \
            `wslabel fit --pattern-counts` fits on them).

            With --stdin, the items of one split (--split) are JSON Lines on standard input, with \
            the fields the task's data section names (and `id` when it names no id field), and \
            their votes go to --output (- for standard output) as csv or pattern counts: what a \
            batch engine pipes each partition through (integrations/spark). The vote cache and \
            the LLM response cache are not used then unless --use-cache.

            Examples:
              wslabel apply --output-dir votes
              wslabel apply --config examples/youtube-spam/wslabel.yaml --output-dir /tmp/votes --format npy
              wslabel apply --config examples/support-tickets/wslabel.yaml --output-dir /tmp/tickets --format wrench
              wslabel apply --config wslabel.yaml --stdin --split train --format pattern-counts --output - < part-0.jsonl
            """
    )

    @OptionGroup var task: TaskFileOptions

    @Option(name: .long, help: ArgumentHelp("Folder for the vote files (created when missing).", valueName: "dir"))
    var outputDir: String?

    @Option(name: .long, help: ArgumentHelp("csv (ids and LF names in the file), npy (what Snorkel users load with np.load), wrench (WRENCH's JSON layout, gold labels included) or pattern-counts (distinct vote patterns with counts).", valueName: "csv|npy|wrench|pattern-counts"))
    var format: VoteExport.Format = .csv

    @OptionGroup var input: StandardInputOptions

    @Option(name: .long, help: ArgumentHelp("With --stdin: the file to write the votes to (- for standard output).", valueName: "file"))
    var output: String?

    @OptionGroup var workers: WorkerThreads

    func validate() throws {
        if input.stdin {
            guard output != nil, outputDir == nil else { throw ValidationError("--stdin writes one split's votes to --output FILE (or - for standard output), not to --output-dir") }
            guard format == .csv || format == .patternCounts else { throw ValidationError("--stdin writes --format csv or pattern-counts") }
        } else {
            guard outputDir != nil else { throw ValidationError("give --output-dir DIR (or --stdin with --output FILE)") }
            guard output == nil else { throw ValidationError("--output goes with --stdin") }
        }
    }

    func run() throws {
        try CLIErrors.report {
            if input.stdin {
                let applied = try VoteExport.writeStandardInput(task: task.url, split: input.split ?? "train", useCache: input.useCache,
                                                                llmBudgetShare: input.llmBudgetShare ?? 1, format: format,
                                                                to: AtomicFile.url(forArgument: output!), threads: workers.threads,
                                                                events: JobLog().events)
                Log.info("wrote \(applied.splits[0].name): \(applied.splits[0].votes.rowCount) items × \(applied.splits[0].votes.lfCount) LFs")
                return
            }
            guard let outputDir else { return }
            let folder = URL(fileURLWithPath: outputDir)
            let applied = try VoteExport.write(task: task.url, useCache: !task.noCache, format: format, to: folder, threads: workers.threads,
                                               events: JobLog().events) { split, rows, lfs in
                Log.info("wrote \(split): \(rows) items × \(lfs) LFs")
            }
            if format.writesLabelNames {
                let classes = applied.task.labels.enumerated().map { "\($0) = \($1)" }.joined(separator: ", ")
                Log.info("wrote \(folder.appendingPathComponent(LabelNamesFile.fileName).relativePath): class \(classes) (wslabel fit --votes reads it)")
            }
        }
    }
}

extension VoteExport.Format: ExpressibleByArgument {}
