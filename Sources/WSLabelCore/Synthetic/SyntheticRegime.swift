#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
///     let best = task.generatingModelPredictions(task.splits[2].votes)   // Bayes-optimal on test
/// }
/// ```
public struct SyntheticRegime: Sendable {
    /// Short stable name, e.g. `rare-class`.
    public let name: String
    /// What the regime stresses, in one sentence.
    public let summary: String
    /// The generating model of the independent LFs.
    public let parameters: SyntheticVotes.Parameters
    /// LFs appended as copies of others (dependence the independent model cannot represent).
    public let copies: [SyntheticVotes.LFCopy]
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
        /// The generating model.
        public let parameters: SyntheticVotes.Parameters
        /// The copied LFs, columns `parameters.lfCount...` of the votes.
        public let copies: [SyntheticVotes.LFCopy]

        /// The Bayes-optimal class of each row of `votes` under the generating model, copies
        /// included (a copy repeats its source's outcome with probability `agreement`, else
        /// draws afresh from the source's table); ties go to the lower class.
        public func generatingModelPredictions(_ votes: VoteMatrix) -> [Int] {
            let tables = parameters.tables, classes = parameters.classCount, base = parameters.lfCount
            func probability(_ lf: Int, _ outcome: Int, _ trueClass: Int) -> Double {
                outcome < 0 ? tables.abstainProbability(lf: lf, trueClass: trueClass)
                    : tables.voteProbability(lf: lf, trueClass: trueClass, vote: outcome)
            }
            return (0..<votes.rowCount).map { row in
                let outcomes = votes.denseRow(row)
                var best = 0, bestScore = -Double.infinity
                for trueClass in 0..<classes {
                    var score = log(parameters.classBalance[trueClass])
                    for lf in 0..<base { score += log(max(probability(lf, outcomes[lf], trueClass), 1e-300)) }
                    for (index, copy) in copies.enumerated() {
                        let outcome = outcomes[base + index], fresh = probability(copy.source, outcome, trueClass)
                        let repeated = outcome == outcomes[copy.source] ? copy.agreement : 0
                        score += log(max(repeated + (1 - copy.agreement) * fresh, 1e-300))
                    }
                    if score > bestScore {
                        best = trueClass
                        bestScore = score
                    }
                }
                return best
            }
        }
    }

    /// Draws the task; `scale` multiplies the training rows (tests use less than 1).
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `scale` leaves no training rows.
    public func draw(scale: Double = 1, seed: UInt64 = 1) throws -> Task {
        let train = Int((Double(trainRows) * scale).rounded())
        guard train > 0 else { throw WSLabelError.invalidArgument("scale \(scale) leaves regime \(name) no training rows") }
        let sizes = [("train", train), ("valid", Self.devRows), ("test", Self.testRows)]
        // Covered-only regimes draw extra rows and keep the first covered ones of each split.
        let margin = coveredRowsOnly ? 2.0 / max(0.05, Self.coveredShare(parameters)) : 1
        let drawn = try SyntheticVotes(parameters: parameters, rows: Int(Double(sizes.map(\.1).reduce(0, +)) * margin) + 100,
                                       seed: seed, copies: copies)
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
                    parameters: parameters, copies: copies)
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
                  metric: SelectionMetric = .accuracy, copies: (SyntheticVotes.Parameters) -> [SyntheticVotes.LFCopy] = { _ in [] },
                  _ parameters: () throws -> SyntheticVotes.Parameters) -> SyntheticRegime {
            let parameters = try! parameters()
            return SyntheticRegime(name: name, summary: summary, parameters: parameters, copies: copies(parameters),
                                   trainRows: rows, coveredRowsOnly: coveredOnly, metric: metric)
        }
        // The least accurate LF, the one whose copies do the most harm.
        func weakest(_ parameters: SyntheticVotes.Parameters) -> Int {
            parameters.accuracies.indices.min { parameters.accuracies[$0] < parameters.accuracies[$1] }!
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
            make("duplicated-lfs", "12 LFs, the least accurate one duplicated 3 times", rows: 20_000,
                 copies: { parameters in Array(repeating: SyntheticVotes.LFCopy(source: weakest(parameters), agreement: 1), count: 3) }) {
                try .realistic(lfCount: 12, classCount: 2, seed: 16)
            },
            make("correlated-lfs", "15 LFs, 3 classes; 3 of them each copied twice with 70% agreement", rows: 20_000,
                 copies: { _ in [0, 0, 4, 4, 8, 8].map { SyntheticVotes.LFCopy(source: $0, agreement: 0.7) } }) {
                try .realistic(lfCount: 15, classCount: 3, seed: 17)
            },
            make("plentiful-model-holds", "100 unipolar LFs, 2-30% coverage, 200,000 rows, conditionally independent", rows: 200_000) {
                try .realistic(lfCount: 100, classCount: 2, seed: 15, coverage: 0.02...0.3, accuracy: 0.55...0.95, unipolarFraction: 1)
            },
        ]
    }
}

