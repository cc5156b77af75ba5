import ArgumentParser
import Foundation
import WSLabelData
import WSLabelPipeline
import WSLabeling

/// `--config`: the task file a command reads.
struct TaskConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A task file naming labels, data, LFs and model options; task-file keys: docs/task-file.md. (default: wslabel.yaml in the current folder)", valueName: "file"))
    var config: String?

    /// The task file given, or `wslabel.yaml` in the current folder.
    var url: URL { URL(fileURLWithPath: config ?? "wslabel.yaml") }
}

/// `--config` and `--no-cache`: the task file a command reads and whether its vote cache is
/// used — the options every command that applies a task's LFs shares.
struct TaskFileOptions: ParsableArguments {
    @OptionGroup var task: TaskConfigOption

    /// The task file given with `--config`, if any.
    var config: String? { task.config }

    @Flag(name: .long, help: "With a task file: apply every LF afresh instead of reusing cached votes (the cache is left as it is; LLM answers are asked again too).")
    var noCache = false

    /// The task file given, or `wslabel.yaml` in the current folder.
    var url: URL { task.url }

    /// The task as a job's input.
    var input: LabelingInput { .task(url, useCache: !noCache) }

    /// Reads the task, refuses `outputs` that would replace one of its files, runs `check` on it,
    /// applies its LFs (warnings, progress and counts logged on stderr).
    func apply(threads: Int?, outputs: [FileRole] = [], check: (TaskFile) throws -> Void = { _ in }) throws -> TaskApplication {
        try LabelingInput.applyTask(url, useCache: !noCache, threads: threads, outputs: { _ in outputs }, check: check, events: JobLog().events)
    }
}
