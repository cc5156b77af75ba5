import Foundation

/// The loss ``SoftmaxRegression`` minimizes and its gradient, computed in parallel blocks whose
/// sums run in a fixed order: the same bytes at any thread count.
///
/// Parameters are `[W (columns × features: one column's weights contiguous), b (columns)]`,
/// one column per class (multinomial), except with two classes: then one column, the logit of
/// class 1 against class 0 fixed at 0 — binary logistic regression, as scikit-learn fits two
/// classes, so `C` means the same on both sides and a fit does half the work. A pass over the
/// rows (blocks of rows) gives each row's log-probabilities, its loss and its residual
/// `wᵢ(pᵢ − qᵢ)/Σw`; a pass over the features (blocks of features, through the transposed rows)
/// sums `Xᵀ·residual` feature by feature. Both passes are sparse dot products, one per column,
/// each a tight loop over a row's (or feature's) entries against one contiguous vector.
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
    let layout: Layout

    /// How parameter columns map to classes.
    struct Layout: Sendable {
        let classCount: Int
        /// Parameter columns: one per class, or one for two classes.
        let parameterColumns: Int
        /// The class of parameter column 0 (1 for two classes: class 0's logit is fixed at 0).
        var firstClass: Int { classCount - parameterColumns }

        init(classCount: Int) {
            self.classCount = classCount
            parameterColumns = classCount == 2 ? 1 : classCount
        }

        /// Parameters of `featureCount` features in this layout from a full model's weights
        /// (features × classes, row-major) and biases.
        func parameters(weights: [Double], biases: [Double], featureCount: Int) -> [Double] {
            var parameters = [Double](repeating: 0, count: (featureCount + 1) * parameterColumns)
            for column in 0..<parameterColumns {
                let klass = firstClass + column
                for feature in 0..<featureCount {
                    // Two classes: class 1's logit minus class 0's, the same probabilities.
                    parameters[column * featureCount + feature] = weights[feature * classCount + klass] - (firstClass == 1 ? weights[feature * classCount] : 0)
                }
                parameters[parameterColumns * featureCount + column] = biases[klass] - (firstClass == 1 ? biases[0] : 0)
            }
            return parameters
        }

        /// A full model's weights (features × classes, row-major) and biases from parameters in
        /// this layout; with two classes class 0's column is zero.
        func model(from parameters: [Double], featureCount: Int) -> (weights: [Double], biases: [Double]) {
            var weights = [Double](repeating: 0, count: featureCount * classCount)
            var biases = [Double](repeating: 0, count: classCount)
            for column in 0..<parameterColumns {
                let klass = firstClass + column
                for feature in 0..<featureCount { weights[feature * classCount + klass] = parameters[column * featureCount + feature] }
                biases[klass] = parameters[parameterColumns * featureCount + column]
            }
            return (weights, biases)
        }
    }

    /// - Parameter columns: `rows.transposed()`, when the caller has it (a search fits the same rows many times).
    init(rows: SparseRows, columns: SparseRows? = nil, targets: ProbabilisticLabels, rowWeights: [Double], inverseRegularization: Double,
         threads: Int) {
        precondition(inverseRegularization > 0, "C must be positive")
        let total = rowWeights.reduce(0, +)
        self.rows = rows
        self.columns = columns ?? rows.transposed()
        self.targets = targets
        normalizedWeights = total > 0 ? rowWeights.map { $0 / total } : rowWeights
        penalty = 1 / (inverseRegularization * max(total, .leastNormalMagnitude))
        self.threads = threads
        layout = Layout(classCount: targets.classCount)
    }

    /// Number of parameters.
    var parameterCount: Int { (rows.columnCount + 1) * layout.parameterColumns }

    /// The loss at `parameters`, its gradient written to `gradient`.
    func evaluate(_ parameters: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        let classCount = layout.classCount
        let width = layout.parameterColumns
        let firstClass = layout.firstClass
        let rowCount = rows.rowCount
        let featureCount = rows.columnCount
        let weightCount = featureCount * width
        let rowBlocks = ParallelBlocks(itemCount: rowCount, blockSize: Self.rowBlockSize)
        // Class-major: class k's residuals of every row are contiguous.
        var residuals = [Double](repeating: 0, count: rowCount * classCount)
        var blockLosses = [Double](repeating: 0, count: rowBlocks.blockCount)
        let input = UnsafeSendable(parameters)
        let output = UnsafeSendable(gradient)
        rows.withPointers { rows in
            columns.withPointers { columns in
                targets.values.withUnsafeBufferPointer { targetBuffer in
                    normalizedWeights.withUnsafeBufferPointer { rowWeightBuffer in
                        residuals.withUnsafeMutableBufferPointer { residualBuffer in
                            blockLosses.withUnsafeMutableBufferPointer { lossBuffer in
                                let targets = UnsafeSendable(targetBuffer.baseAddress!)
                                let rowWeights = UnsafeSendable(rowWeightBuffer.baseAddress!)
                                let residual = UnsafeSendable(residualBuffer.baseAddress!)
                                let losses = UnsafeSendable(lossBuffer.baseAddress!)
                                rowBlocks.forEach(threads: threads) { _, block, range in
                                    var loss = 0.0
                                    withUnsafeTemporaryAllocation(of: Double.self, capacity: classCount) { logits in
                                        let logits = logits.baseAddress!
                                        for row in range {
                                            for klass in 0..<firstClass { logits[klass] = 0 }
                                            for column in 0..<width {
                                                logits[firstClass + column] = Self.dot(row, of: rows, with: input.value + column * featureCount)
                                                    + input.value[weightCount + column]
                                            }
                                            Self.normalizeLogarithms(logits, count: classCount)
                                            let weight = rowWeights.value[row]
                                            let target = targets.value + row * classCount
                                            var rowLoss = 0.0
                                            for klass in 0..<classCount {
                                                let q = target[klass]
                                                if q > 0 { rowLoss -= q * logits[klass] }
                                                residual.value[klass * rowCount + row] = weight * (exp(logits[klass]) - q)
                                            }
                                            loss += weight * rowLoss
                                        }
                                    }
                                    losses.value[block] = loss
                                }
                                // Xᵀ·residual feature by feature: each sum runs over its items in order.
                                ParallelBlocks(itemCount: featureCount, blockSize: Self.featureBlockSize).forEach(threads: threads) { _, _, range in
                                    for column in 0..<width {
                                        let classResiduals = residual.value + (firstClass + column) * rowCount
                                        for feature in range {
                                            let index = column * featureCount + feature
                                            output.value[index] = penalty * input.value[index] + Self.dot(feature, of: columns, with: classResiduals)
                                        }
                                    }
                                }
                                for column in 0..<width {
                                    let classResiduals = residualBuffer.baseAddress! + (firstClass + column) * rowCount
                                    var sum = 0.0
                                    for row in 0..<rowCount { sum += classResiduals[row] }
                                    gradient[weightCount + column] = sum
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

    /// Row `row` of `matrix` times the dense vector `vector`.
    ///
    /// Four running sums, not one: each addition waits for the one before it, so a single sum
    /// runs at the adder's latency; four independent ones keep it busy (the order of the
    /// additions is still fixed, so the result is too).
    @inline(__always)
    static func dot(_ row: Int, of matrix: SparseRows.Pointers, with vector: UnsafePointer<Double>) -> Double {
        let values = matrix.values, columns = matrix.columns
        var entry = matrix.starts[row]
        let end = matrix.starts[row + 1]
        var sum0 = 0.0, sum1 = 0.0, sum2 = 0.0, sum3 = 0.0
        while entry + 4 <= end {
            sum0 += values[entry] * vector[Int(columns[entry])]
            sum1 += values[entry + 1] * vector[Int(columns[entry + 1])]
            sum2 += values[entry + 2] * vector[Int(columns[entry + 2])]
            sum3 += values[entry + 3] * vector[Int(columns[entry + 3])]
            entry += 4
        }
        while entry < end {
            sum0 += values[entry] * vector[Int(columns[entry])]
            entry += 1
        }
        return (sum0 + sum1) + (sum2 + sum3)
    }

    /// Turns `count` logits into log-probabilities in place.
    @inline(__always)
    static func normalizeLogarithms(_ logits: UnsafeMutablePointer<Double>, count: Int) {
        var largest = -Double.infinity
        for klass in 0..<count { largest = max(largest, logits[klass]) }
        var sum = 0.0
        for klass in 0..<count { sum += exp(logits[klass] - largest) }
        let normalizer = largest + log(sum)
        for klass in 0..<count { logits[klass] -= normalizer }
    }

    /// Writes the log-probabilities of `row` under a full model (features × classes weights,
    /// row-major, and one bias per class) to `output` (`classCount` values): prediction.
    static func logSoftmax(row: Int, of rows: SparseRows.Pointers, weights: UnsafePointer<Double>, biases: UnsafePointer<Double>,
                           classCount: Int, into output: UnsafeMutablePointer<Double>) {
        for klass in 0..<classCount { output[klass] = biases[klass] }
        for entry in rows.starts[row]..<rows.starts[row + 1] {
            let value = rows.values[entry]
            let featureWeights = weights + Int(rows.columns[entry]) * classCount
            for klass in 0..<classCount { output[klass] += value * featureWeights[klass] }
        }
        normalizeLogarithms(output, count: classCount)
    }
}
