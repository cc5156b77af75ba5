import Dispatch

/// How the selections run their variant fits: on small problems one variant per thread (each
/// fit single-threaded), on large ones the variants in turn with every thread over pattern
/// blocks. Each fit is deterministic on its own, so the results do not depend on the choice.
enum VariantFits {
    /// Patterns below which variants run one per thread.
    static let parallelPatternLimit = 50_000

    /// Calls `fit(job, threadsForThatFit)` once for every job, in parallel or in turn.
    static func run(_ jobs: [Int], patternCount: Int, threads: Int, _ fit: @escaping @Sendable (Int, Int) -> Void) {
        guard patternCount < parallelPatternLimit && threads > 1 else {
            for job in jobs { fit(job, threads) }
            return
        }
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: min(threads, jobs.count)) { _ in
            while case let position = next.increment(), position < jobs.count { fit(jobs[position], 1) }
        }
    }
}
