import Foundation

/// The loss ``SoftmaxRegression`` minimizes and its gradient, computed in parallel blocks whose
/// sums run in a fixed order: the same bytes at any thread count.
///
/// Parameters are `[W (features × classes, row-major), b (classes)]`. A pass over the rows
/// (blocks of rows) gives each row's log-probabilities, its loss and its residual
/// `wᵢ(pᵢ − qᵢ)/Σw`; a pass over the features (blocks of features, through the transposed
/// rows) sums `Xᵀ·residual` feature by feature.
struct SoftLabelObjective {
    static let rowBlockSize = 256
    static let featureBlockSize = 2048

    let rows: SparseRows
    let columns: SparseRows
    let targets: ProbabilisticLabels
    /// Each row's weight divided by the weights' sum.
    let normalizedWeights: [Double]
    /// The penalty's factor: `1 / (C · Σw)`.
    let penalty: Double
    let threads: Int

    init(rows: SparseRows, targets: ProbabilisticLabels, rowWeights: [Double], inverseRegularization: Double, threads: Int) {
        precondition(inverseRegularization > 0, "C must be positive")
        let total = rowWeights.reduce(0, +)
        self.rows = rows
        columns = rows.transposed()
        self.targets = targets
        normalizedWeights = total > 0 ? rowWeights.map { $0 / total } : rowWeights
        penalty = 1 / (inverseRegularization * max(total, .leastNormalMagnitude))
        self.threads = threads
    }

    /// The loss at `parameters`, its gradient written to `gradient`.
    func evaluate(_ parameters: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        let classCount = targets.classCount
        let rowCount = rows.rowCount
        let featureCount = rows.columnCount
        let rowBlocks = ParallelBlocks(itemCount: rowCount, blockSize: Self.rowBlockSize)
        var residuals = [Double](repeating: 0, count: rowCount * classCount)
        var blockLosses = [Double](repeating: 0, count: rowBlocks.blockCount)
        let input = UnsafeSendable(parameters)
        let output = UnsafeSendable(gradient)
        let weightCount = featureCount * classCount
        rows.withPointers { rows in
            columns.withPointers { columns in
                targets.values.withUnsafeBufferPointer { targetBuffer in
                    normalizedWeights.withUnsafeBufferPointer { weightBuffer in
                        residuals.withUnsafeMutableBufferPointer { residualBuffer in
                            blockLosses.withUnsafeMutableBufferPointer { lossBuffer in
                                let targets = UnsafeSendable(targetBuffer.baseAddress!)
                                let weights = UnsafeSendable(weightBuffer.baseAddress!)
                                let residual = UnsafeSendable(residualBuffer.baseAddress!)
                                let losses = UnsafeSendable(lossBuffer.baseAddress!)
                                rowBlocks.forEach(threads: threads) { _, block, range in
                                    var loss = 0.0
                                    for row in range {
                                        let logits = residual.value + row * classCount
                                        Self.logSoftmax(row: row, of: rows, parameters: input.value, classCount: classCount, into: logits)
                                        let weight = weights.value[row]
                                        let target = targets.value + row * classCount
                                        var rowLoss = 0.0
                                        for klass in 0..<classCount {
                                            let q = target[klass]
                                            if q > 0 { rowLoss -= q * logits[klass] }
                                            logits[klass] = weight * (exp(logits[klass]) - q)
                                        }
                                        loss += weight * rowLoss
                                    }
                                    losses.value[block] = loss
                                }
                                // Xᵀ·residual feature by feature: each sum runs over its items in order.
                                ParallelBlocks(itemCount: featureCount, blockSize: Self.featureBlockSize).forEach(threads: threads) { _, _, range in
                                    for feature in range {
                                        let into = output.value + feature * classCount
                                        let own = input.value + feature * classCount
                                        for klass in 0..<classCount { into[klass] = penalty * own[klass] }
                                        for entry in columns.starts[feature]..<columns.starts[feature + 1] {
                                            let value = columns.values[entry]
                                            let from = residual.value + Int(columns.columns[entry]) * classCount
                                            for klass in 0..<classCount { into[klass] += value * from[klass] }
                                        }
                                    }
                                }
                                for klass in 0..<classCount {
                                    var sum = 0.0
                                    for row in 0..<rowCount { sum += residualBuffer[row * classCount + klass] }
                                    gradient[weightCount + klass] = sum
                                }
                            }
                        }
                    }
                }
            }
        }
        let squaredNorm = BLAS.dot(weightCount, parameters, parameters)
        return blockLosses.reduce(0, +) + 0.5 * penalty * squaredNorm
    }

    /// Writes the log-probabilities of `row` under `parameters` to `output` (`classCount` values).
    static func logSoftmax(row: Int, of rows: SparseRows.Pointers, parameters: UnsafePointer<Double>, classCount: Int,
                           into output: UnsafeMutablePointer<Double>) {
        let biases = parameters + rows.columnCount * classCount
        for klass in 0..<classCount { output[klass] = biases[klass] }
        for entry in rows.starts[row]..<rows.starts[row + 1] {
            let value = rows.values[entry]
            let weights = parameters + Int(rows.columns[entry]) * classCount
            for klass in 0..<classCount { output[klass] += value * weights[klass] }
        }
        var largest = -Double.infinity
        for klass in 0..<classCount { largest = max(largest, output[klass]) }
        var sum = 0.0
        for klass in 0..<classCount { sum += exp(output[klass] - largest) }
        let normalizer = largest + log(sum)
        for klass in 0..<classCount { output[klass] -= normalizer }
    }
}
