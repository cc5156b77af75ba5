import ArgumentParser
import Foundation
import WSLabelCore
import WSLabelData

struct MergeCounts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-counts",
        abstract: "Add up pattern-count files of one split (shards of its items) into one.",
        discussion: """
            Each file holds a split's distinct vote patterns and how many items share each one \
            (`wslabel apply --format pattern-counts`). Counts of the same pattern add up; new \
            patterns follow in the order of the files given. Give the shards in the order of their \
            items, and the result is exactly the file one pass over all items writes, so that \
            `wslabel fit --pattern-counts` fits the same model byte for byte.

            Example:
              wslabel merge-counts part-0.counts part-1.counts part-2.counts --output train.counts
            """
    )

    @Argument(help: ArgumentHelp("Pattern-count files, in the order of their items.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The merged file (written atomically; - for standard output).", valueName: "file"))
    var output: String

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one pattern-count file") }
    }

    func run() throws {
        try CLIErrors.report {
            let destination = AtomicFile.url(forArgument: output)
            try OutputConflicts.check(outputs: [FileRole(destination, "--output")],
                                      inputs: files.map { FileRole(URL(fileURLWithPath: $0), "a pattern-count file") })
            var merged = try PatternCounts.read(from: URL(fileURLWithPath: files[0]))
            for file in files.dropFirst() {
                let shard = try PatternCounts.read(from: URL(fileURLWithPath: file))
                do {
                    try merged.merge(shard)
                } catch let WSLabelError.invalidArgument(message) {
                    throw WSLabelError.invalidArgument("\(file): \(message)")
                }
            }
            try merged.write(to: destination)
            Log.info("merged \(files.count) files: \(merged.itemCount) items in \(merged.patterns.rowCount) patterns")
        }
    }
}
