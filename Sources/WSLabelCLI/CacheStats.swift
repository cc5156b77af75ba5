import ArgumentParser
import Foundation
import WSLabelData
import WSLabelPipeline
import WSLabelReports

/// `wslabel cache stats`: the task's vote cache, LF by LF.
struct CacheStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what a task's vote cache holds, LF by LF.",
        discussion: """
            One row per LF of the task, then per name the cache holds that the task no longer \
            has: the LF's fingerprint (8 hex digits), the votes a run reuses (stored under that \
            fingerprint), the stale votes (stored under its earlier fingerprints, or of an LF the \
            task no longer has), and whether the task has it. Above the table: all votes, the stale \
            ones, and the file's size.
            """
    )

    @OptionGroup var task: TaskConfigOption

    @Flag(name: .long, help: "Print one JSON object on stdout instead of a table.")
    var json = false

    func run() throws {
        try CLIErrors.report {
            let statistics = try VoteCacheJob(task: task.url).statistics()
            print(json ? statistics.json.serialized : statistics.text(maxWidth: Terminal.standardOutput.width))
        }
    }
}
