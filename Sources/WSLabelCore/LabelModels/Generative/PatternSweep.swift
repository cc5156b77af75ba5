#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One pass of the generative model over the distinct vote patterns, as BLAS matrix products.
///
/// Patterns are cut into fixed blocks. For each block, its one-hot vote matrix `A`
/// (`block × (lfCount·classCount)`, a 1 at column `lf·classCount + vote`) is scattered into
/// per-worker scratch memory, and then
///
/// - E-step: `L = A · W + b` (`cblas_dgemm`), where `W` holds each vote's log-likelihood
///   relative to abstaining and `b` the log prior plus every LF's abstain log-likelihood; a
///   softmax of `L` gives the posterior `q`;
/// - M-step statistics: `N_block = Aᵀ · (count ⊙ q)` (`cblas_dgemm`, transposed), the expected
///   number of rows with each (LF, vote) per true class.
///
/// When the one-hot matrix is very sparse (many LFs, few votes per item) the dense products
/// spend nearly all their work multiplying zeros, so below a density of 1/16 the same two
/// products run as sparse-times-dense loops over the stored votes instead (``Kernel/sparse``);
/// both kernels compute the same sums and agree to rounding. The sparse kernel also serves
/// every two-class model (a product with two output columns leaves BLAS little to do; the
/// loop keeps both scores in registers) and patterns that are the rows themselves
/// (``VotePatterns/isRowAligned``: dense LFs, where it runs at a few nanoseconds per vote).
/// It does the E-step and the M-step statistics of a block in one pass over its votes.
///
/// Only the (LF, vote) columns that occur in some pattern are materialized: most LFs vote for
/// one class only, so this shrinks the products by up to `classCount` times without changing
/// any result. Block results are summed in block order, so the output does not depend on the
/// thread count. Scattered ones are cleared after each block, keeping the cost of building `A`
/// at O(votes).
///
/// A sweep allocates its scratch memory once and reuses it on every pass, so EM's iterations
/// allocate only their small outputs; passes of one sweep must therefore not run concurrently.
/// When the whole dense one-hot matrix is small (at most ``residentOneHotLimit`` doubles) it
/// is scattered once and kept, instead of being rebuilt block by block on every pass.
struct PatternSweep: Sendable {
    let patterns: VotePatterns
    let threads: Int
    let blocks: ParallelBlocks

    /// How the block products are computed.
    enum Kernel: Sendable {
        /// `cblas_dgemm` on a dense one-hot block.
        case dense
        /// Loops over the stored votes (sparse one-hot times dense weights).
        case sparse
    }

    /// The kernel in use.
    let kernel: Kernel
    /// For each materialized column, its full index `lf·classCount + vote`.
    let activeColumns: [Int]
    /// For each full column index, its materialized column, or -1.
    let compactColumn: [Int32]
    /// Workers per pass: at most `threads`, fewer when a pass is too small to share.
    let workers: Int
    private let workspace: Workspace

    var classCount: Int { patterns.classCount }
    /// Number of materialized one-hot columns.
    var columnCount: Int { activeColumns.count }
    /// Number of (LF, vote) columns of the full model.
    var fullColumnCount: Int { patterns.lfCount * patterns.classCount }

    /// Work (in multiply-adds and transcendental calls) below which a worker is not worth
    /// starting: a few tens of microseconds, about what handing a pass to threads costs.
    static let workPerWorker = 100_000

    /// The largest dense one-hot matrix (in doubles, 8 MiB) kept for the sweep's lifetime.
    static let residentOneHotLimit = 1 << 20

    /// - Parameter kernel: force a kernel (tests compare them); by default chosen by density.
    init(patterns: VotePatterns, threads: Int, kernel: Kernel? = nil) {
        self.patterns = patterns
        self.threads = max(1, threads)
        let classes = patterns.classCount
        var occurs = [Bool](repeating: false, count: patterns.lfCount * classes)
        for index in 0..<patterns.voteCount {
            occurs[Int(patterns.lfIndices[index]) * classes + Int(patterns.classVotes[index])] = true
        }
        activeColumns = occurs.indices.filter { occurs[$0] }
        var compact = [Int32](repeating: -1, count: occurs.count)
        for (position, column) in activeColumns.enumerated() { compact[column] = Int32(position) }
        compactColumn = compact
        let density = Double(patterns.voteCount) / Double(max(1, patterns.count * activeColumns.count))
        let kernel = kernel ?? (density >= 1.0 / 16 && classes > 2 && !patterns.isRowAligned ? .dense : .sparse)
        self.kernel = kernel
        // Block size depends only on the problem, never on the thread count: about 64 blocks,
        // at least 256 patterns each, and a one-hot block of at most 4M doubles (32 MiB).
        let columns = max(1, activeColumns.count)
        let byCount = (patterns.count + 63) / 64
        let byMemory = max(16, (1 << 22) / columns)
        let size = min(max(256, byCount), byMemory, max(1, patterns.count))
        blocks = ParallelBlocks(itemCount: patterns.count, blockSize: size)
        // Softmax (~20 operations per class) plus the two products.
        let productWork = kernel == .dense ? patterns.count * columns : patterns.voteCount
        let work = patterns.count * classes * 20 + 2 * productWork * classes
        workers = max(1, min(blocks.workerCount(threads: self.threads), work / Self.workPerWorker))
        let resident = kernel == .dense && patterns.count * columns <= Self.residentOneHotLimit
        workspace = Workspace(
            workers: workers, oneHotSize: kernel == .dense && !resident ? size * columns : 0,
            residentOneHotSize: resident ? patterns.count * columns : 0, blockSize: size,
            blockCount: blocks.blockCount, columns: activeColumns.count, classes: classes)
        if resident { scatter(0..<patterns.count, into: workspace.residentOneHot!, value: 1) }
    }

    /// What one pass returns.
    struct Result {
        /// Posterior per pattern, row-major `patterns × classes`; empty unless kept.
        var posteriors: [Double]
        /// Sum over rows of the log of each row's (clamped rows: joint) likelihood.
        var logLikelihood: Double
        /// Expected counts `[lf·classCount + vote][trueClass]`, when accumulated.
        var voteCounts: [Double]
        /// Expected number of rows per true class, when accumulated.
        var classMass: [Double]
    }

    /// How a block's posteriors are obtained.
    enum PosteriorSource: Sendable {
        /// The E-step of the model with weights `W` (`columnCount × classes`, one row per
        /// materialized column in ``activeColumns`` order) and bias `b`; see
        /// ``EStepParameters/make(prior:tables:abstainWeight:columns:)``.
        case model(weights: [Double], bias: [Double])
        /// Majority vote over each pattern's votes, ties split evenly among the leading classes,
        /// and `noVotes` for patterns without votes: EM's starting point.
        case majorityVote(noVotes: [Double])
    }

    /// Runs one pass. Clamped patterns (gold labels) get a one-hot posterior on their class.
    ///
    /// - Parameters:
    ///   - accumulate: also compute the M-step statistics.
    ///   - keepingPosteriors: return the posterior of every pattern (fitting needs only the
    ///     statistics, so it skips the `patterns × classes` output).
    func run(_ source: PosteriorSource, accumulate: Bool, keepingPosteriors: Bool = true) -> Result {
        let classes = classCount, columns = columnCount
        if case let .model(weights, _) = source {
            precondition(weights.count == columns * classes, "weights must be columnCount × classCount")
        }
        let blockCount = blocks.blockCount
        let workspace = workspace
        var posteriors = [Double](repeating: 0, count: keepingPosteriors ? patterns.count * classes : 0)
        let statistics = posteriors.withUnsafeMutableBufferPointer { posteriorBuffer in
            let posteriorOut = SharedMutableBuffer(base: posteriorBuffer.baseAddress ?? workspace.blockMass,
                                                   count: posteriorBuffer.count)
            blocks.forEach(threads: workers) { worker, block, range in
                let scratch = workspace.scratch(ofWorker: worker)
                let blockPosterior = keepingPosteriors ? posteriorOut.base + range.lowerBound * classes : scratch.posterior
                let resident = workspace.residentOneHot.map { $0 + range.lowerBound * columns }
                let oneHot = resident ?? scratch.oneHot
                if kernel == .sparse, case let .model(weights, bias) = source {
                    workspace.blockLikelihood[block] = sparseModelPass(
                        over: range, weights: weights, bias: bias, into: blockPosterior, accumulate: accumulate,
                        counts: workspace.blockCounts + block * columns * classes, mass: workspace.blockMass + block * classes)
                    return
                }
                if kernel == .dense && resident == nil { scatter(range, into: oneHot, value: 1) }
                workspace.blockLikelihood[block] = fillPosteriors(of: range, source, oneHot: oneHot, into: blockPosterior)
                if accumulate {
                    accumulateStatistics(of: range, posteriors: blockPosterior, oneHot: oneHot, weighted: scratch.weighted,
                                         counts: workspace.blockCounts + block * columns * classes,
                                         mass: workspace.blockMass + block * classes)
                }
                if kernel == .dense && resident == nil { scatter(range, into: oneHot, value: 0) }
            }
            var result = Result(posteriors: [], logLikelihood: 0, voteCounts: [], classMass: [])
            for block in 0..<blockCount { result.logLikelihood += workspace.blockLikelihood[block] }
            if accumulate {
                result.voteCounts = [Double](repeating: 0, count: fullColumnCount * classes)
                result.classMass = [Double](repeating: 0, count: classes)
                for block in 0..<blockCount {
                    let counts = workspace.blockCounts + block * columns * classes
                    for (position, column) in activeColumns.enumerated() {
                        for label in 0..<classes {
                            result.voteCounts[column * classes + label] += counts[position * classes + label]
                        }
                    }
                    for label in 0..<classes { result.classMass[label] += workspace.blockMass[block * classes + label] }
                }
            }
            return result
        }
        var result = statistics
        result.posteriors = posteriors
        return result
    }

    /// The sparse kernel's E-step and, when `accumulate`, M-step statistics for one block in a
    /// single pass over its stored votes (each pattern's votes are read twice while in cache).
    /// The arithmetic and its order are those of ``fillPosteriors(of:_:oneHot:into:)`` followed
    /// by ``accumulateStatistics(of:posteriors:oneHot:weighted:counts:mass:)``, so the results
    /// are the same bits; only the loads differ (raw pointers, no bounds or reference checks).
    private func sparseModelPass(
        over range: Range<Int>, weights: [Double], bias: [Double], into output: UnsafeMutablePointer<Double>,
        accumulate: Bool, counts: UnsafeMutablePointer<Double>, mass: UnsafeMutablePointer<Double>
    ) -> Double {
        let classes = classCount, columns = columnCount
        let clamps = patterns.clampedClass
        return patterns.withStorage { starts, lfs, votes, rowCounts in
        compactColumn.withUnsafeBufferPointer { compact in
        weights.withUnsafeBufferPointer { w in
        bias.withUnsafeBufferPointer { bias in
            let w = w.baseAddress!, compact = compact.baseAddress!
            if accumulate {
                counts.update(repeating: 0, count: columns * classes)
                for label in 0..<classes { mass[label] = 0 }
            }
            if classes == 2 {
                return Self.twoClassPass(
                    over: range, starts: starts, lfs: lfs, votes: votes, rowCounts: rowCounts, clamps: clamps,
                    compact: compact, weights: w, bias: (bias[0], bias[1]), into: output, accumulate: accumulate,
                    counts: counts, mass: mass)
            }
            var logLikelihood = 0.0
            for (offset, pattern) in range.enumerated() {
                let scores = output + offset * classes
                for label in 0..<classes { scores[label] = 0 }
                let first = starts[pattern], end = starts[pattern + 1]
                for index in first..<end {
                    let row = w + Int(compact[Int(lfs[index]) * classes + Int(votes[index])]) * classes
                    for label in 0..<classes { scores[label] += row[label] }
                }
                for label in 0..<classes { scores[label] += bias[label] }
                let clamp = clamps.isEmpty ? -1 : clamps[pattern]
                let rowLikelihood = clamp >= 0 ? scores[clamp] : LogSpace.softmaxInPlace(scores, count: classes)
                if clamp >= 0 { oneHotFill(scores, count: classes, at: clamp) }
                let count = rowCounts[pattern]
                logLikelihood += count * rowLikelihood
                guard accumulate else { continue }
                for label in 0..<classes { mass[label] += count * scores[label] }
                for index in first..<end {
                    let target = counts + Int(compact[Int(lfs[index]) * classes + Int(votes[index])]) * classes
                    for label in 0..<classes { target[label] += count * scores[label] }
                }
            }
            return logLikelihood
        }}}}
    }

    /// ``sparseModelPass(over:weights:bias:into:accumulate:counts:mass:)`` for two classes, with
    /// the two scores in registers. Same operations in the same order (the softmax's `exp(0)`
    /// of the leading class is exactly 1 and is not computed), so the same bits.
    @inline(__always)
    private static func twoClassPass(
        over range: Range<Int>, starts: UnsafePointer<Int>, lfs: UnsafePointer<UInt16>, votes: UnsafePointer<UInt8>,
        rowCounts: UnsafePointer<Double>, clamps: [Int], compact: UnsafePointer<Int32>, weights w: UnsafePointer<Double>,
        bias: (Double, Double), into output: UnsafeMutablePointer<Double>, accumulate: Bool,
        counts: UnsafeMutablePointer<Double>, mass: UnsafeMutablePointer<Double>
    ) -> Double {
        var logLikelihood = 0.0
        var mass0 = 0.0, mass1 = 0.0
        for pattern in range {
            var score0 = 0.0, score1 = 0.0
            let first = starts[pattern], end = starts[pattern + 1]
            for index in first..<end {
                let row = w + Int(compact[Int(lfs[index]) &* 2 &+ Int(votes[index])]) &* 2
                score0 += row[0]
                score1 += row[1]
            }
            score0 += bias.0
            score1 += bias.1
            let clamp = clamps.isEmpty ? -1 : clamps[pattern]
            let rowLikelihood: Double, posterior0: Double, posterior1: Double
            if clamp >= 0 {
                rowLikelihood = clamp == 0 ? score0 : score1
                posterior0 = clamp == 0 ? 1 : 0
                posterior1 = 1 - posterior0
            } else {
                // LogSpace.softmaxInPlace on two scores.
                let maximum = max(score0, score1)
                let e0 = score0 == maximum ? 1 : exp(score0 - maximum)
                let e1 = score0 == maximum ? exp(score1 - maximum) : 1
                let sum = e0 + e1
                posterior0 = e0 / sum
                posterior1 = e1 / sum
                rowLikelihood = maximum + log(sum)
            }
            let offset = (pattern - range.lowerBound) &* 2
            output[offset] = posterior0
            output[offset + 1] = posterior1
            let count = rowCounts[pattern]
            logLikelihood += count * rowLikelihood
            guard accumulate else { continue }
            let weighted0 = count * posterior0, weighted1 = count * posterior1
            mass0 += weighted0
            mass1 += weighted1
            for index in first..<end {
                let target = counts + Int(compact[Int(lfs[index]) &* 2 &+ Int(votes[index])]) &* 2
                target[0] += weighted0
                target[1] += weighted1
            }
        }
        if accumulate {
            mass[0] = mass0
            mass[1] = mass1
        }
        return logLikelihood
    }

    /// `count ⊙ q` into `weighted`, its column sums into `mass`, then `Aᵀ · (count ⊙ q)` into
    /// `counts` (both overwritten).
    private func accumulateStatistics(
        of range: Range<Int>, posteriors: UnsafeMutablePointer<Double>, oneHot: UnsafeMutablePointer<Double>,
        weighted: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Double>, mass: UnsafeMutablePointer<Double>
    ) {
        let classes = classCount, columns = columnCount
        let patternCounts = patterns.counts
        for label in 0..<classes { mass[label] = 0 }
        if kernel == .sparse { counts.update(repeating: 0, count: columns * classes) }
        for (offset, pattern) in range.enumerated() {
            let count = patternCounts[pattern]
            for label in 0..<classes {
                let value = count * posteriors[offset * classes + label]
                weighted[offset * classes + label] = value
                mass[label] += value
            }
            if kernel == .sparse {
                for index in patterns.storageRange(ofPattern: pattern) {
                    let target = counts + column(ofStoredVote: index) * classes
                    for label in 0..<classes { target[label] += weighted[offset * classes + label] }
                }
            }
        }
        if kernel == .dense {
            BLAS.gemm(transposeA: true, rows: columns, columns: classes, inner: range.count,
                      a: oneHot, b: weighted, c: counts)
        }
    }

    /// The materialized column of the vote stored at `index` in `patterns`.
    @inline(__always)
    private func column(ofStoredVote index: Int) -> Int {
        Int(compactColumn[Int(patterns.lfIndices[index]) * classCount + Int(patterns.classVotes[index])])
    }

    /// Writes (or clears) the one-hot rows of the patterns in `range`.
    private func scatter(_ range: Range<Int>, into oneHot: UnsafeMutablePointer<Double>, value: Double) {
        let columns = columnCount
        for (offset, pattern) in range.enumerated() {
            let row = oneHot + offset * columns
            for index in patterns.storageRange(ofPattern: pattern) { row[column(ofStoredVote: index)] = value }
        }
    }

    /// Fills the posteriors of one block and returns the block's log-likelihood.
    private func fillPosteriors(
        of range: Range<Int>, _ source: PosteriorSource,
        oneHot: UnsafeMutablePointer<Double>, into output: UnsafeMutablePointer<Double>
    ) -> Double {
        let classes = classCount
        let counts = patterns.counts
        var logLikelihood = 0.0
        switch source {
        case let .model(weights, bias):
            weights.withUnsafeBufferPointer { w in
                switch kernel {
                case .dense:
                    BLAS.gemm(rows: range.count, columns: classes, inner: columnCount, a: oneHot, b: w.baseAddress!, c: output)
                case .sparse:
                    for (offset, pattern) in range.enumerated() {
                        let scores = output + offset * classes
                        for label in 0..<classes { scores[label] = 0 }
                        for index in patterns.storageRange(ofPattern: pattern) {
                            let row = w.baseAddress! + column(ofStoredVote: index) * classes
                            for label in 0..<classes { scores[label] += row[label] }
                        }
                    }
                }
            }
            for (offset, pattern) in range.enumerated() {
                let scores = output + offset * classes
                for label in 0..<classes { scores[label] += bias[label] }
                let clamp = patterns.clamp(ofPattern: pattern)
                let rowLikelihood = clamp >= 0 ? scores[clamp] : LogSpace.softmaxInPlace(scores, count: classes)
                if clamp >= 0 { oneHotFill(scores, count: classes, at: clamp) }
                logLikelihood += counts[pattern] * rowLikelihood
            }
        case let .majorityVote(noVotes):
            for (offset, pattern) in range.enumerated() {
                let distribution = output + offset * classes
                let clamp = patterns.clamp(ofPattern: pattern)
                if clamp >= 0 { oneHotFill(distribution, count: classes, at: clamp); continue }
                let storage = patterns.storageRange(ofPattern: pattern)
                if storage.isEmpty {
                    for label in 0..<classes { distribution[label] = noVotes[label] }
                    continue
                }
                for label in 0..<classes { distribution[label] = 0 }
                for index in storage { distribution[Int(patterns.classVotes[index])] += 1 }
                var most = 0.0, leaders = 0.0
                for label in 0..<classes { most = max(most, distribution[label]) }
                for label in 0..<classes where distribution[label] == most { leaders += 1 }
                for label in 0..<classes { distribution[label] = distribution[label] == most ? 1 / leaders : 0 }
            }
        }
        return logLikelihood
    }

    private func oneHotFill(_ values: UnsafeMutablePointer<Double>, count: Int, at index: Int) {
        for label in 0..<count { values[label] = label == index ? 1 : 0 }
    }
}

extension PatternSweep {
    /// The scratch memory of a sweep, allocated once: per-worker block buffers and per-block
    /// partial results.
    ///
    /// Sendable by contract: within a pass each worker touches only its own scratch and each
    /// block only its own partial results; passes do not overlap.
    final class Workspace: @unchecked Sendable {
        /// One worker's buffers.
        struct WorkerScratch {
            /// The dense one-hot block; all zeros between blocks.
            let oneHot: UnsafeMutablePointer<Double>
            /// `count ⊙ q` of the block.
            let weighted: UnsafeMutablePointer<Double>
            /// The block's posteriors when the pass does not keep them.
            let posterior: UnsafeMutablePointer<Double>
        }

        /// Log-likelihood per block.
        let blockLikelihood: UnsafeMutablePointer<Double>
        /// Expected counts per block, `[block][column][class]`.
        let blockCounts: UnsafeMutablePointer<Double>
        /// Expected class mass per block, `[block][class]`.
        let blockMass: UnsafeMutablePointer<Double>
        /// The whole dense one-hot matrix (`patterns × columns`), when kept for the sweep.
        let residentOneHot: UnsafeMutablePointer<Double>?
        private let workerMemory: UnsafeMutablePointer<Double>
        private let oneHotSize: Int
        private let blockVectorSize: Int

        init(workers: Int, oneHotSize: Int, residentOneHotSize: Int, blockSize: Int, blockCount: Int,
             columns: Int, classes: Int) {
            self.oneHotSize = oneHotSize
            blockVectorSize = blockSize * classes
            let workerSize = oneHotSize + 2 * blockVectorSize
            workerMemory = .allocate(capacity: max(1, workers * workerSize))
            workerMemory.initialize(repeating: 0, count: max(1, workers * workerSize))
            blockLikelihood = .allocate(capacity: max(1, blockCount))
            blockLikelihood.initialize(repeating: 0, count: max(1, blockCount))
            blockCounts = .allocate(capacity: max(1, blockCount * columns * classes))
            blockCounts.initialize(repeating: 0, count: max(1, blockCount * columns * classes))
            blockMass = .allocate(capacity: max(1, blockCount * classes))
            blockMass.initialize(repeating: 0, count: max(1, blockCount * classes))
            if residentOneHotSize > 0 {
                residentOneHot = .allocate(capacity: residentOneHotSize)
                residentOneHot!.initialize(repeating: 0, count: residentOneHotSize)
            } else {
                residentOneHot = nil
            }
        }

        deinit {
            workerMemory.deallocate()
            blockLikelihood.deallocate()
            blockCounts.deallocate()
            blockMass.deallocate()
            residentOneHot?.deallocate()
        }

        func scratch(ofWorker worker: Int) -> WorkerScratch {
            let base = workerMemory + worker * (oneHotSize + 2 * blockVectorSize)
            return WorkerScratch(oneHot: base, weighted: base + oneHotSize, posterior: base + oneHotSize + blockVectorSize)
        }
    }
}
