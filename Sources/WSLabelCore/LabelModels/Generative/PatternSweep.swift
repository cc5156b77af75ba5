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
/// Block results are summed in block order, so the output does not depend on the thread count.
/// Scattered ones are cleared after each block, keeping the cost of building `A` at O(votes).
struct PatternSweep: Sendable {
    let patterns: VotePatterns
    let threads: Int
    let blocks: ParallelBlocks

    var classCount: Int { patterns.classCount }
    var columnCount: Int { patterns.lfCount * patterns.classCount }

    init(patterns: VotePatterns, threads: Int) {
        self.patterns = patterns
        self.threads = max(1, threads)
        // Block size depends only on the problem, never on the thread count: about 64 blocks,
        // at least 256 patterns each, and a one-hot block of at most 4M doubles (32 MiB).
        let columns = max(1, patterns.lfCount * patterns.classCount)
        let byCount = (patterns.count + 63) / 64
        let byMemory = max(16, (1 << 22) / columns)
        blocks = ParallelBlocks(itemCount: patterns.count, blockSize: max(1, min(max(256, byCount), byMemory)))
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
        let blockCount = blocks.blockCount
        let workers = blocks.workerCount(threads: threads)
        var posteriors = [Double](repeating: 0, count: patterns.count * classes)
        var blockLikelihood = [Double](repeating: 0, count: blockCount)
        var blockCounts = [Double](repeating: 0, count: accumulate ? blockCount * columns * classes : 0)
        var blockMass = [Double](repeating: 0, count: accumulate ? blockCount * classes : 0)
        let scratchSize = blocks.blockSize * columns
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
                scatter(range, into: oneHot, value: 1)
                let blockPosterior = posteriorOut.base + range.lowerBound * classes
                likelihoodOut[block] = fillPosteriors(of: range, source, oneHot: oneHot, into: blockPosterior)
                if accumulate {
                    // count ⊙ q, then Aᵀ · (count ⊙ q).
                    let mass = massOut.base + block * classes
                    for (offset, pattern) in range.enumerated() {
                        let count = patterns.counts[pattern]
                        for label in 0..<classes {
                            let value = count * blockPosterior[offset * classes + label]
                            weighted[offset * classes + label] = value
                            mass[label] += value
                        }
                    }
                    BLAS.gemm(transposeA: true, rows: columns, columns: classes, inner: rows,
                              a: oneHot, b: weighted, c: countsOut.base + block * columns * classes)
                }
                scatter(range, into: oneHot, value: 0)
            }
        }}}}

        var result = Result(posteriors: posteriors, logLikelihood: blockLikelihood.reduce(0, +),
                            voteCounts: [], classMass: [])
        if accumulate {
            result.voteCounts = [Double](repeating: 0, count: columns * classes)
            result.classMass = [Double](repeating: 0, count: classes)
            for block in 0..<blockCount {
                for index in 0..<(columns * classes) { result.voteCounts[index] += blockCounts[block * columns * classes + index] }
                for label in 0..<classes { result.classMass[label] += blockMass[block * classes + label] }
            }
        }
        return result
    }

    /// Writes (or clears) the one-hot rows of the patterns in `range`.
    private func scatter(_ range: Range<Int>, into oneHot: UnsafeMutablePointer<Double>, value: Double) {
        let columns = columnCount, classes = classCount
        for (offset, pattern) in range.enumerated() {
            let row = oneHot + offset * columns
            for index in patterns.storageRange(ofPattern: pattern) {
                row[Int(patterns.lfIndices[index]) * classes + Int(patterns.classVotes[index])] = value
            }
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
                BLAS.gemm(rows: range.count, columns: classes, inner: columnCount, a: oneHot, b: w.baseAddress!, c: output)
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
