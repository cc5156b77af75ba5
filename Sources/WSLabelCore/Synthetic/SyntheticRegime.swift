/// A named synthetic task drawn from a known model, built to stress one way label models break:
/// the robustness suite (`benchmarks/robustness.sh`) and the regime tests run every one.
///
/// Each regime draws `train`, a small `valid` split with gold (a dev set as people have them)
/// and `test` from one ``SyntheticVotes/Parameters``, so the accuracy of the *generating model*
/// (the Bayes-optimal prediction from the votes) is known on every split.
///
/// ```swift
/// for regime in SyntheticRegime.catalog {
///     let task = try regime.draw(scale: 1)
///     // task.splits: train, valid, test; task.generatingModel: the true model
/// }
/// ```
public struct SyntheticRegime: Sendable {
    /// Short stable name, e.g. `rare-class`.
    public let name: String
    /// What the regime stresses, in one sentence.
    public let summary: String
    /// The generating model.
    public let parameters: SyntheticVotes.Parameters
    /// Training rows at scale 1.
    public let trainRows: Int
    /// Keep only rows with at least one vote in every split (relation sets ship this way).
    public let coveredRowsOnly: Bool
    /// The metric the regime is judged by.
    public let metric: SelectionMetric

    /// Rows of the dev split (`valid`): small, as hand-labeled dev sets are.
    public static let devRows = 300
    /// Rows of the test split.
    public static let testRows = 20_000

    /// One drawn task.
    public struct Task: Sendable {
        public let labelNames: [String]
        /// `train`, `valid` and `test`, each with gold labels.
        public let splits: [LabeledSplit]
        /// The true model as a label model: its predictions are the Bayes-optimal ones.
        public let generatingModel: GenerativeLabelModel
    }

    /// Draws the task; `scale` multiplies the training rows (tests use less than 1).
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `scale` leaves no training rows.
    public func draw(scale: Double = 1, seed: UInt64 = 1) throws -> Task {
        let train = Int((Double(trainRows) * scale).rounded())
        guard train > 0 else { throw WSLabelError.invalidArgument("scale \(scale) leaves regime \(name) no training rows") }
        let sizes = [("train", train), ("valid", Self.devRows), ("test", Self.testRows)]
        // Covered-only regimes draw extra rows and keep the first covered ones of each split.
        let margin = coveredRowsOnly ? 2.0 / max(0.05, Self.coveredShare(parameters)) : 1
        let drawn = try SyntheticVotes(parameters: parameters, rows: Int(Double(sizes.map(\.1).reduce(0, +)) * margin) + 100, seed: seed)
        var rows = Array(0..<drawn.matrix.rowCount)
        if coveredRowsOnly { rows = rows.filter { drawn.matrix.voteCount(inRow: $0) > 0 } }
        var splits: [LabeledSplit] = []
        var start = 0
        for (name, count) in sizes {
            guard start + count <= rows.count else {
                throw WSLabelError.invalidArgument("regime \(name): too few covered rows drawn")
            }
            let picked = Array(rows[start..<(start + count)])
            start += count
            splits.append(LabeledSplit(name: name, ids: picked.map { "\(name)-\($0)" },
                                       votes: drawn.matrix.selectingRows(picked), gold: picked.map { Int(drawn.labels[$0]) }))
        }
        return Task(labelNames: (0..<parameters.classCount).map { "c\($0)" }, splits: splits,
                    generatingModel: GenerativeLabelModel(generating: parameters))
    }

    /// Probability that a row gets at least one vote, averaged over the classes.
    private static func coveredShare(_ parameters: SyntheticVotes.Parameters) -> Double {
        let tables = parameters.tables
        return (0..<parameters.classCount).reduce(0.0) { total, trueClass in
            let none = (0..<parameters.lfCount).reduce(1.0) { $0 * tables.abstainProbability(lf: $1, trueClass: trueClass) }
            return total + parameters.classBalance[trueClass] * (1 - none)
        }
    }
}

extension SyntheticRegime {
    /// The regimes of the robustness suite, in a fixed order. Each LF set is drawn from a fixed
    /// seed, so the catalog is the same on every machine.
    public static var catalog: [SyntheticRegime] {
        // Every parameter set below is valid by construction; a failure is a programming error.
        func make(_ name: String, _ summary: String, rows: Int, coveredOnly: Bool = false,
                  metric: SelectionMetric = .accuracy, _ parameters: () throws -> SyntheticVotes.Parameters) -> SyntheticRegime {
            SyntheticRegime(name: name, summary: summary, parameters: try! parameters(), trainRows: rows,
                            coveredRowsOnly: coveredOnly, metric: metric)
        }
        return [
            make("few-lfs-many-rows", "4 LFs, 80,000 rows: the data pins the model down and a prior only gets in the way", rows: 80_000) {
                try .realistic(lfCount: 4, classCount: 2, seed: 11, coverage: 0.2...0.6, accuracy: 0.6...0.85)
            },
            make("many-sparse-lfs", "200 LFs firing on 0.2-2% of rows each", rows: 20_000) {
                try .realistic(lfCount: 200, classCount: 2, seed: 12, coverage: 0.002...0.02)
            },
            make("ten-classes-covered-only", "10 classes, 40 LFs, only rows with a vote kept (as relation sets ship)",
                 rows: 20_000, coveredOnly: true) {
                try .realistic(lfCount: 40, classCount: 10, seed: 13, coverage: 0.02...0.1)
            },
            make("rare-class", "a 4% positive class, judged by its F1", rows: 50_000, metric: .f1(positiveClass: 1)) {
                try .init(classBalance: [0.96, 0.04], coverages: [0.3, 0.2, 0.1, 0.02, 0.03, 0.02, 0.3, 0.1],
                          accuracies: [0.97, 0.98, 0.99, 0.6, 0.7, 0.5, 0.9, 0.8], polarities: [0, 0, 0, 1, 1, 1, nil, nil])
            },
            make("below-chance-lfs", "3 of 7 LFs below chance", rows: 20_000) {
                try .init(classBalance: [0.5, 0.5], coverages: [0.5, 0.4, 0.3, 0.6, 0.5, 0.3, 0.4],
                          accuracies: [0.8, 0.75, 0.7, 0.35, 0.4, 0.65, 0.45])
            },
            make("multi-class-votes", "6 classes, every LF votes any class, accuracy 30-80%", rows: 20_000) {
                try .realistic(lfCount: 20, classCount: 6, seed: 14, coverage: 0.1...0.5, accuracy: 0.3...0.8, unipolarFraction: 0)
            },
            make("plentiful-model-holds", "100 unipolar LFs, 2-30% coverage, 200,000 rows, conditionally independent", rows: 200_000) {
                try .realistic(lfCount: 100, classCount: 2, seed: 15, coverage: 0.02...0.3, accuracy: 0.55...0.95, unipolarFraction: 1)
            },
        ]
    }
}

extension GenerativeLabelModel {
    /// The generating model of synthetic votes as a label model (abstains at full weight, no
    /// fit): its predictions are the Bayes-optimal ones.
    public init(generating parameters: SyntheticVotes.Parameters) {
        self.init(classPrior: parameters.classBalance, tables: parameters.tables,
                  options: EMOptions(tables: .full, classBalance: .fixed(parameters.classBalance), priorStrength: 0, abstainWeight: 1),
                  labelDistribution: parameters.classBalance,
                  fitReport: FitReport(iterations: 0, converged: true, logLikelihood: 0, patternCount: 0, rowCount: 0))
    }
}
