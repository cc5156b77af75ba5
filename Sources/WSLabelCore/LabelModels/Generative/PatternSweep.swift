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
/// both kernels compute the same sums and agree to rounding.
///
/// Only the (LF, vote) columns that occur in some pattern are materialized: most LFs vote for
/// one class only, so this shrinks the products by up to `classCount` times without changing
/// any result. Block results are summed in block order, so the output does not depend on the
/// thread count. Scattered ones are cleared after each block, keeping the cost of building `A`
/// at O(votes).
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
    /// The materialized column of each stored vote of `patterns`.
    private let voteColumns: [Int32]
    /// For each materialized column, its full index `lf·classCount + vote`.
    let activeColumns: [Int]
    /// For each full column index, its materialized column, or -1.
    let compactColumn: [Int32]

    var classCount: Int { patterns.classCount }
    /// Number of materialized one-hot columns.
    var columnCount: Int { activeColumns.count }
    /// Number of (LF, vote) columns of the full model.
    var fullColumnCount: Int { patterns.lfCount * patterns.classCount }

    /// - Parameter kernel: force a kernel (tests compare them); by default chosen by density.
    init(patterns: VotePatterns, threads: Int, kernel: Kernel? = nil) {
        self.patterns = patterns
        self.threads = max(1, threads)
        var occurs = [Bool](repeating: false, count: patterns.lfCount * patterns.classCount)
        for index in 0..<patterns.voteCount {
            occurs[Int(patterns.lfIndices[index]) * patterns.classCount + Int(patterns.classVotes[index])] = true
        }
        activeColumns = occurs.indices.filter { occurs[$0] }
        var compact = [Int32](repeating: -1, count: occurs.count)
        for (position, column) in activeColumns.enumerated() { compact[column] = Int32(position) }
        compactColumn = compact
        voteColumns = (0..<patterns.voteCount).map {
            compact[Int(patterns.lfIndices[$0]) * patterns.classCount + Int(patterns.classVotes[$0])]
        }
        let density = Double(patterns.voteCount) / Double(max(1, patterns.count * activeColumns.count))
        self.kernel = kernel ?? (density >= 1.0 / 16 ? .dense : .sparse)
        // Block size depends only on the problem, never on the thread count: about 64 blocks,
        // at least 256 patterns each, and a one-hot block of at most 4M doubles (32 MiB).
        let columns = max(1, activeColumns.count)
        let byCount = (patterns.count + 63) / 64
        let byMemory = max(16, (1 << 22) / columns)
        let size = min(max(256, byCount), byMemory, max(1, patterns.count))
        blocks = ParallelBlocks(itemCount: patterns.count, blockSize: size)
    }

    /// What one pass returns.
    struct Result {
        /// Posterior per pattern, row-major `patterns × classes`.
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
        /// The E-step of the model with weights `W` (`columns × classes`) and bias `b`.
        case model(weights: [Double], bias: [Double])
        /// Majority vote over each pattern's votes, ties split evenly among the leading classes,
        /// and `noVotes` for patterns without votes: EM's starting point.
        case majorityVote(noVotes: [Double])
    }

    /// Runs one pass. Clamped patterns (gold labels) get a one-hot posterior on their class.
    ///
    /// - Parameter accumulate: also compute the M-step statistics.
    func run(_ source: PosteriorSource, accumulate: Bool) -> Result {
        let classes = classCount, columns = columnCount
        let source = compacted(source)
        let blockCount = blocks.blockCount
        let workers = blocks.workerCount(threads: threads)
        var posteriors = [Double](repeating: 0, count: patterns.count * classes)
        var blockLikelihood = [Double](repeating: 0, count: blockCount)
        var blockCounts = [Double](repeating: 0, count: accumulate ? blockCount * columns * classes : 0)
        var blockMass = [Double](repeating: 0, count: accumulate ? blockCount * classes : 0)
        let scratchSize = kernel == .dense ? blocks.blockSize * columns : 0
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, workers * (scratchSize + blocks.blockSize * classes)))
        scratch.initialize(repeating: 0, count: max(1, workers * (scratchSize + blocks.blockSize * classes)))
        defer { scratch.deallocate() }

        posteriors.withUnsafeMutableBufferPointer { posteriorBuffer in
        blockLikelihood.withUnsafeMutableBufferPointer { likelihoodBuffer in
        blockCounts.withUnsafeMutableBufferPointer { countsBuffer in
        blockMass.withUnsafeMutableBufferPointer { massBuffer in
            let posteriorOut = SharedMutableBuffer(base: posteriorBuffer.baseAddress!, count: posteriorBuffer.count)
            let likelihoodOut = SharedMutableBuffer(base: likelihoodBuffer.baseAddress!, count: likelihoodBuffer.count)
            let countsOut = SharedMutableBuffer(base: countsBuffer.baseAddress ?? scratch, count: countsBuffer.count)
            let massOut = SharedMutableBuffer(base: massBuffer.baseAddress ?? scratch, count: massBuffer.count)
            let scratchBase = SharedMutableBuffer(base: scratch, count: 0)
            blocks.forEach(threads: threads) { worker, block, range in
                let oneHot = scratchBase.base + worker * (scratchSize + blocks.blockSize * classes)
                let weighted = oneHot + scratchSize
                let rows = range.count
                if kernel == .dense { scatter(range, into: oneHot, value: 1) }
                let blockPosterior = posteriorOut.base + range.lowerBound * classes
                likelihoodOut[block] = fillPosteriors(of: range, source, oneHot: oneHot, into: blockPosterior)
                if accumulate {
                    // count ⊙ q, then Aᵀ · (count ⊙ q).
                    let mass = massOut.base + block * classes
                    let counts = countsOut.base + block * columns * classes
                    for (offset, pattern) in range.enumerated() {
                        let count = patterns.counts[pattern]
                        for label in 0..<classes {
                            let value = count * blockPosterior[offset * classes + label]
                            weighted[offset * classes + label] = value
                            mass[label] += value
                        }
                        if kernel == .sparse {
                            for index in patterns.storageRange(ofPattern: pattern) {
                                let target = counts + Int(voteColumns[index]) * classes
                                for label in 0..<classes { target[label] += weighted[offset * classes + label] }
                            }
                        }
                    }
                    if kernel == .dense {
                        BLAS.gemm(transposeA: true, rows: columns, columns: classes, inner: rows,
                                  a: oneHot, b: weighted, c: counts)
                    }
                }
                if kernel == .dense { scatter(range, into: oneHot, value: 0) }
            }
        }}}}

        var result = Result(posteriors: posteriors, logLikelihood: blockLikelihood.reduce(0, +),
                            voteCounts: [], classMass: [])
        if accumulate {
            result.voteCounts = [Double](repeating: 0, count: fullColumnCount * classes)
            result.classMass = [Double](repeating: 0, count: classes)
            for block in 0..<blockCount {
                for (position, column) in activeColumns.enumerated() {
                    for label in 0..<classes {
                        result.voteCounts[column * classes + label] += blockCounts[(block * columns + position) * classes + label]
                    }
                }
                for label in 0..<classes { result.classMass[label] += blockMass[block * classes + label] }
            }
        }
        return result
    }

    /// The source with its weights restricted to the materialized columns.
    private func compacted(_ source: PosteriorSource) -> PosteriorSource {
        guard case let .model(weights, bias) = source else { return source }
        precondition(weights.count == fullColumnCount * classCount, "weights must be (lfCount·classCount) × classCount")
        var compact = [Double](repeating: 0, count: max(1, columnCount) * classCount)
        for (position, column) in activeColumns.enumerated() {
            for label in 0..<classCount { compact[position * classCount + label] = weights[column * classCount + label] }
        }
        return .model(weights: compact, bias: bias)
    }

    /// Writes (or clears) the one-hot rows of the patterns in `range`.
    private func scatter(_ range: Range<Int>, into oneHot: UnsafeMutablePointer<Double>, value: Double) {
        let columns = columnCount
        for (offset, pattern) in range.enumerated() {
            let row = oneHot + offset * columns
            for index in patterns.storageRange(ofPattern: pattern) { row[Int(voteColumns[index])] = value }
        }
    }

    /// Fills the posteriors of one block and returns the block's log-likelihood.
    private func fillPosteriors(
        of range: Range<Int>, _ source: PosteriorSource,
        oneHot: UnsafeMutablePointer<Double>, into output: UnsafeMutablePointer<Double>
    ) -> Double {
        let classes = classCount
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
                            let row = w.baseAddress! + Int(voteColumns[index]) * classes
                            for label in 0..<classes { scores[label] += row[label] }
                        }
                    }
                }
            }
            for (offset, pattern) in range.enumerated() {
                let scores = output + offset * classes
                for label in 0..<classes { scores[label] += bias[label] }
                let clamp = patterns.clampedClass[pattern]
                let rowLikelihood = clamp >= 0 ? scores[clamp] : LogSpace.softmaxInPlace(scores, count: classes)
                if clamp >= 0 { oneHotFill(scores, count: classes, at: clamp) }
                logLikelihood += patterns.counts[pattern] * rowLikelihood
            }
        case let .majorityVote(noVotes):
            for (offset, pattern) in range.enumerated() {
                let distribution = output + offset * classes
                let clamp = patterns.clampedClass[pattern]
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
