import ArgumentParser
import WSLabelCore

/// The `--threads` limit every command shares: more threads than this only cost memory and
/// scheduling on any machine wslabel runs on, and the outputs never depend on the count.
enum WorkerThreads {
    static let maximum = 1024

    static let help = ArgumentHelp("Worker threads, 1 to \(ReportNumbers.count(maximum)) (default: every core). Outputs do not depend on it.")

    /// - Throws: `ValidationError` stating the limit.
    static func validate(_ threads: Int?) throws {
        guard let threads else { return }
        guard (1...maximum).contains(threads) else {
            throw ValidationError("--threads must be 1 to \(ReportNumbers.count(maximum)), not \(threads)")
        }
    }
}
