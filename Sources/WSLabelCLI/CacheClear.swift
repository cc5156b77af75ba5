import ArgumentParser
import WSLabelPipeline
import WSLabelReports
import WSLabeling

/// `wslabel cache clear`: removes votes from the task's vote cache.
struct CacheClear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove votes from a task's vote cache: all, some LFs', or the stale ones.",
        discussion: """
            Without options every vote goes. --lf removes the votes of the LFs it names (every \
            version), as a name or a shell glob like labeling_functions.include takes; a pattern \
            that matches no LF of the task or the cache is an error. --stale removes the votes \
            stored under fingerprints no LF of the task has any more: earlier versions of edited \
            LFs and LFs the task no longer runs (switched off or excluded ones too). Both may be \
            given. The removal is one transaction: a run applying the task at the same time sees \
            the cache before or after it, and stores what it evaluates as usual. The file keeps its \
            size; later votes reuse the freed space.
            """
    )

    @OptionGroup var task: TaskConfigOption

    @Option(name: .long, help: ArgumentHelp("Remove the votes of the LFs matching this name or glob (repeatable).", valueName: "name"))
    var lf: [String] = []

    @Flag(name: .long, help: "Remove the votes of fingerprints no LF of the task has any more.")
    var stale = false

    func run() throws {
        try CLIErrors.report {
            let result = try VoteCacheJob(task: task.url).clear(VoteCacheClearing(lfPatterns: lf, stale: stale))
            print(result.text)
        }
    }
}
