import Foundation
import WSLabelPipeline
import WSLabelReports

/// Renders a job's events on stderr: a log line per step, and while a task's LFs apply, the
/// redrawn ``ApplyProgressBar`` when stderr is a terminal.
final class JobLog: @unchecked Sendable {
    private let line = ProgressLine()
    private let clock = ContinuousClock()
    private var split = ""
    private var splitStart = ContinuousClock.now

    /// The log as the `events` argument of a library call.
    var events: (LabelingJob.Event) -> Void { { [self] event in handle(event) } }

    func handle(_ event: LabelingJob.Event) {
        switch event {
        case let .readingTask(url):
            Log.info("reading task \(url.path)")
        case let .warning(warning):
            line.finish()
            Log.info("warning: \(warning)")
        case let .readingVotes(url):
            Log.info("reading \(url.relativePath)")
        case let .applying(progress):
            if progress.split != split {
                split = progress.split
                splitStart = clock.now
            }
            let seconds = (clock.now - splitStart).seconds
            line.update { width in ApplyProgressBar.line(progress, elapsed: seconds, width: width) }
        case let .applied(applied):
            line.finish()
            // A log line each, so every line on stderr is either `wslabel: …` or `error: …`.
            for line in ApplySummary.text(applied.report).split(separator: "\n") { Log.info(String(line)) }
            for duplicate in applied.duplicateTexts { Log.info("warning: \(duplicate)") }
            if let costs = applied.llmCosts { for line in LLMCostTable.logLines(costs) { Log.info(line) } }
        case let .loaded(lfCount, labelNames, splitRows):
            let sizes = splitRows.map { "\($0.split) \($0.rows)" }.joined(separator: ", ")
            Log.info("\(lfCount) LFs, \(labelNames.count) classes (\(labelNames.joined(separator: ", "))); rows: \(sizes)")
        case let .fitting(model, humanLabeled):
            if let humanLabeled {
                Log.info("fitting \(model.rawValue), semi-supervised: \(humanLabeled) train items labeled by people…")
            } else {
                Log.info("fitting \(model.rawValue)…")
            }
        case let .wroteLabels(items, url):
            Log.info("wrote labels of \(items) items to \(url.path)")
        case let .savedModel(url):
            Log.info("saved the model to \(url.path)")
        case .readingTexts:
            Log.info("reading the items' texts…")
        case let .trainingEndModel(items):
            Log.info("training the end model on \(items) train items…")
        case let .wroteFeatures(folder):
            Log.info("wrote the features to \(folder.path)")
        }
    }

    deinit { line.finish() }
}
