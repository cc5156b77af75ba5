import ArgumentParser
import WSLabelCore

/// `--threads`, which every command that applies LFs or fits shares: more threads than
/// ``maximum`` only cost memory and scheduling on any machine wslabel runs on, and the outputs
/// never depend on the count.
struct WorkerThreads: ParsableArguments {
    static let maximum = 1024

    @Option(name: .long, help: ArgumentHelp("Worker threads, 1 to \(ReportNumbers.count(WorkerThreads.maximum)) (default: every core). Outputs do not depend on it."))
    var threads: Int?

    func validate() throws {
        guard let threads else { return }
        guard (1...Self.maximum).contains(threads) else {
            throw ValidationError("--threads must be 1 to \(ReportNumbers.count(Self.maximum)), not \(threads)")
        }
    }
}
