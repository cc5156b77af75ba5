import Foundation

/// Multinomial logistic regression over sparse features: `p(y | x) = softmax(xW + b)`.
///
/// Fit on soft targets (``fit(rows:targets:rowWeights:inverseRegularization:start:threads:)``):
/// the loss is the cross-entropy between each item's target distribution and the model's,
/// so a label model's 0.6/0.4 item teaches less than its 0.99/0.01 one (noise-aware training,
/// Ratner et al. 2016); one-hot targets make it ordinary logistic regression.
public struct SoftmaxRegression: Sendable, Equatable {
    /// Number of classes.
    public let classCount: Int
    /// Number of features.
    public let featureCount: Int
    /// `featureCount × classCount`, row-major: a feature's weights are contiguous.
    public let weights: [Double]
    /// One bias per class.
    public let biases: [Double]

    /// A model with these parameters.
    /// - Precondition: `weights` has `featureCount · classCount` entries and `biases` `classCount`.
    public init(classCount: Int, featureCount: Int, weights: [Double], biases: [Double]) {
        precondition(weights.count == featureCount * classCount && biases.count == classCount, "one weight per feature and class, one bias per class")
        self.classCount = classCount
        self.featureCount = featureCount
        self.weights = weights
        self.biases = biases
    }

    /// Class probabilities of each row.
    /// - Precondition: `rows.columnCount == featureCount`.
    public func probabilities(_ rows: SparseRows, threads: Int? = nil) -> ProbabilisticLabels {
        precondition(rows.columnCount == featureCount, "rows have \(rows.columnCount) features, the model \(featureCount)")
        var values = [Double](repeating: 0, count: rows.rowCount * classCount)
        let parameters = weights + biases
        parameters.withUnsafeBufferPointer { parameters in
            values.withUnsafeMutableBufferPointer { values in
                rows.withPointers { rows in
                    let output = UnsafeSendable(values.baseAddress!)
                    let input = UnsafeSendable(parameters.baseAddress!)
                    ParallelBlocks(itemCount: rows.rowCount, blockSize: SoftLabelObjective.rowBlockSize)
                        .forEach(threads: threads ?? defaultThreadCount()) { _, _, range in
                            for row in range {
                                let distribution = output.value + row * classCount
                                SoftLabelObjective.logSoftmax(row: row, of: rows, weights: input.value, biases: input.value + featureCount * classCount, classCount: classCount, into: distribution)
                                for klass in 0..<classCount { distribution[klass] = exp(distribution[klass]) }
                            }
                        }
                }
            }
        }
        return ProbabilisticLabels(classCount: classCount, values: values)
    }

    /// How a fit ended.
    public struct FitSummary: Sendable, Equatable {
        /// Optimizer iterations.
        public var iterations: Int
        /// Whether the optimizer met its tolerance.
        public var converged: Bool
        /// The loss (mean weighted cross-entropy plus the penalty) at the end.
        public var loss: Double
    }

    /// Fits the model by L-BFGS on soft targets.
    ///
    /// Minimizes `Σᵢ wᵢ·H(qᵢ, pᵢ) / Σᵢ wᵢ + ‖W‖² / (2·C·Σᵢ wᵢ)`: the mean weighted cross-entropy
    /// plus an L2 penalty on the weights (not the biases) whose strength `C` is scikit-learn's
    /// (`C` times the summed loss plus half the squared norm, divided through by `C·Σw`). As in
    /// scikit-learn, two classes are fit as binary logistic regression (one weight per feature,
    /// class 0's logit fixed at 0; the model keeps a zero column for it).
    ///
    /// - Parameters:
    ///   - rows: one feature row per training item.
    ///   - targets: each item's target distribution.
    ///   - rowWeights: each item's weight (`nil`: 1 each).
    ///   - inverseRegularization: `C`; larger fits the targets more closely.
    ///   - start: parameters to start from (a fit with a neighbouring `C` converges sooner).
    ///   - threads: worker threads; the result does not depend on them.
    public static func fit(rows: SparseRows, targets: ProbabilisticLabels, rowWeights: [Double]? = nil, inverseRegularization: Double,
                           start: SoftmaxRegression? = nil, threads: Int? = nil) -> (model: SoftmaxRegression, summary: FitSummary) {
        fit(rows: rows, columns: nil, targets: targets, rowWeights: rowWeights, inverseRegularization: inverseRegularization, start: start, threads: threads)
    }

    /// ``fit(rows:targets:rowWeights:inverseRegularization:start:threads:)`` with the rows'
    /// transpose made once by a caller that fits the same rows again and again.
    static func fit(rows: SparseRows, columns: SparseRows?, targets: ProbabilisticLabels, rowWeights: [Double]?, inverseRegularization: Double,
                    start: SoftmaxRegression?, threads: Int?) -> (model: SoftmaxRegression, summary: FitSummary) {
        precondition(rows.rowCount == targets.rowCount, "one target per row")
        let classCount = targets.classCount
        let objective = SoftLabelObjective(rows: rows, columns: columns, targets: targets,
                                           rowWeights: rowWeights ?? [Double](repeating: 1, count: rows.rowCount),
                                           inverseRegularization: inverseRegularization, threads: threads ?? defaultThreadCount())
        let layout = objective.layout
        let initial = start.map { layout.parameters(weights: $0.weights, biases: $0.biases, featureCount: rows.columnCount) }
            ?? [Double](repeating: 0, count: objective.parameterCount)
        let result = LBFGS().minimize(from: initial) { objective.evaluate($0, gradient: $1) }
        let (weights, biases) = layout.model(from: result.point, featureCount: rows.columnCount)
        let model = SoftmaxRegression(classCount: classCount, featureCount: rows.columnCount, weights: weights, biases: biases)
        return (model, FitSummary(iterations: result.iterations, converged: result.converged, loss: result.value))
    }
}
