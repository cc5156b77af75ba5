import Foundation

/// The loss ``SoftmaxRegression`` minimizes and its gradient, computed in parallel blocks whose
/// sums run in a fixed order: the same bytes at any thread count.
///
/// Parameters are `[W (features × columns, row-major), b (columns)]`, one column per class
/// (multinomial), except with two classes: then one column, the logit of class 1 against class
/// 0 fixed at 0 — binary logistic regression, as scikit-learn fits two classes, so `C` means
/// the same on both sides and a fit does half the work. A pass over the rows (blocks of rows)
/// gives each row's log-probabilities, its loss and its residual `wᵢ(pᵢ − qᵢ)/Σw`; a pass over
/// the features (blocks of features, through the transposed rows) sums `Xᵀ·residual` feature
/// by feature.
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

        /// The full layout a fitted model predicts with: one column per class.
        init(predicting classCount: Int) {
            self.classCount = classCount
            parameterColumns = classCount
        }

        /// Parameters of `featureCount` features in this layout from a full model's weights and biases.
        func parameters(weights: [Double], biases: [Double], featureCount: Int) -> [Double] {
            guard parameterColumns != classCount else { return weights + biases }
            // Two classes: class 1's logit minus class 0's, the same probabilities.
            var parameters = [Double](repeating: 0, count: featureCount + 1)
            for feature in 0..<featureCount { parameters[feature] = weights[feature * 2 + 1] - weights[feature * 2] }
            parameters[featureCount] = biases[1] - biases[0]
            return parameters
        }

        /// A full model's weights and biases (one column per class) from parameters in this layout.
        func model(from parameters: [Double], featureCount: Int) -> (weights: [Double], biases: [Double]) {
            let weightCount = featureCount * parameterColumns
            guard parameterColumns != classCount else { return (Array(parameters[..<weightCount]), Array(parameters[weightCount...])) }
            var weights = [Double](repeating: 0, count: featureCount * 2)
            for feature in 0..<featureCount { weights[feature * 2 + 1] = parameters[feature] }
            return (weights, [0, parameters[weightCount]])
        }
    }

    init(rows: SparseRows, targets: ProbabilisticLabels, rowWeights: [Double], inverseRegularization: Double, threads: Int) {
        precondition(inverseRegularization > 0, "C must be positive")
        let total = rowWeights.reduce(0, +)
        self.rows = rows
        columns = rows.transposed()
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
        let layout = layout
        let rowBlocks = ParallelBlocks(itemCount: rowCount, blockSize: Self.rowBlockSize)
        var residuals = [Double](repeating: 0, count: rowCount * classCount)
        var blockLosses = [Double](repeating: 0, count: rowBlocks.blockCount)
        let input = UnsafeSendable(parameters)
        let output = UnsafeSendable(gradient)
        let weightCount = featureCount * width
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
                                        Self.logSoftmax(row: row, of: rows, parameters: input.value, layout: layout, into: logits)
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
                                        let into = output.value + feature * width
                                        let own = input.value + feature * width
                                        for column in 0..<width { into[column] = penalty * own[column] }
                                        for entry in columns.starts[feature]..<columns.starts[feature + 1] {
                                            let value = columns.values[entry]
                                            let from = residual.value + Int(columns.columns[entry]) * classCount + firstClass
                                            for column in 0..<width { into[column] += value * from[column] }
                                        }
                                    }
                                }
                                for column in 0..<width {
                                    var sum = 0.0
                                    for row in 0..<rowCount { sum += residualBuffer[row * classCount + firstClass + column] }
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

    /// Writes the log-probabilities of `row` under `parameters` (laid out as `layout` says) to
    /// `output` (`layout.classCount` values).
    static func logSoftmax(row: Int, of rows: SparseRows.Pointers, parameters: UnsafePointer<Double>, layout: Layout,
                           into output: UnsafeMutablePointer<Double>) {
        let classCount = layout.classCount
        let width = layout.parameterColumns
        for klass in 0..<layout.firstClass { output[klass] = 0 }
        let logits = output + layout.firstClass
        let biases = parameters + rows.columnCount * width
        for column in 0..<width { logits[column] = biases[column] }
        for entry in rows.starts[row]..<rows.starts[row + 1] {
            let value = rows.values[entry]
            let weights = parameters + Int(rows.columns[entry]) * width
            for column in 0..<width { logits[column] += value * weights[column] }
        }
        var largest = -Double.infinity
        for klass in 0..<classCount { largest = max(largest, output[klass]) }
        var sum = 0.0
        for klass in 0..<classCount { sum += exp(output[klass] - largest) }
        let normalizer = largest + log(sum)
        for klass in 0..<classCount { output[klass] -= normalizer }
    }
}
