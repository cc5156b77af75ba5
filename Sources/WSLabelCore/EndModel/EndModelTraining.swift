import Foundation

/// Trains an ``EndModel`` on a label model's probabilistic labels: noise-aware (soft-label
/// cross-entropy), on the items some LF voted on, with the regularization chosen on a dev split's
/// gold labels when there is one.
///
/// Items no LF votes on are left out of the fit: their label is the label model's class
/// balance, the same for all of them, so training on it would pull every prediction toward the
/// majority class without saying anything about the text. They still shape the features (their
/// n-grams count in the document frequencies), and the end model labels them.
///
/// Deterministic: full-batch L-BFGS from zero, sums in a fixed order, no random draws.
public struct EndModelTraining: Sendable {
    /// The trained model.
    public let model: EndModel
    /// One entry per `C` tried, in the order tried.
    public let candidates: [Candidate]
    /// The `C` of the model.
    public let inverseRegularization: Double
    /// The item weighting of the model.
    public let weighting: EndModelTrainingConfiguration.Weighting
    /// The dev metric that chose among the candidates.
    public let selectionMetric: SelectionMetric
    /// Whether a dev split's gold labels chose `C` (and the weighting, when it was not fixed).
    public let chosenOnDev: Bool
    /// The train rows the fit used (some LF voted on them, not held out), ascending.
    public let trainingRows: [Int]
    /// Number of training items the fit used.
    public var trainingItems: Int { trainingRows.count }
    /// Training items left out because no LF voted on them (outside the dev split: each item
    /// left out is counted once, here or in ``heldOutItems``).
    public let uncoveredItems: Int
    /// Training items left out because the dev split holds them.
    public let heldOutItems: Int
    /// Wall-clock seconds from text to model: hashing, TF-IDF and every fit.
    public let seconds: Double
    /// Of those, the seconds spent making features (hashing the texts, TF-IDF weights, rows).
    public let featureSeconds: Double

    /// One fit of the search.
    public struct Candidate: Sendable, Equatable {
        /// The `C` of this fit.
        public let inverseRegularization: Double
        /// Its item weighting.
        public let weighting: EndModelTrainingConfiguration.Weighting
        /// Its dev metric, when a dev split chose.
        public let devScore: Double?
        /// Its mean negative log-likelihood of the dev gold labels, when a dev split chose.
        public internal(set) var devLogLoss: Double?
        /// How the optimizer ended.
        public let fit: SoftmaxRegression.FitSummary
        /// Wall-clock seconds of the fit (scoring the dev split included).
        public internal(set) var seconds: Double
    }

    /// The dev split that chooses `C`: its texts, numeric fields' values and gold class indices.
    public struct DevSplit: Sendable {
        public let texts: [String]
        /// Per numeric field, each item's value (empty without numeric fields).
        public let numbers: [[Double?]]
        public let gold: [Int]
        public init(texts: [String], numbers: [[Double?]] = [], gold: [Int]) {
            precondition(texts.count == gold.count, "one gold label per dev text")
            self.texts = texts
            self.numbers = numbers
            self.gold = gold
        }
    }

    /// Trains the end model.
    /// - Parameters:
    ///   - labelNames: class names by index.
    ///   - texts: the train split's item texts.
    ///   - numbers: per numeric field of the configuration, each train item's value (`nil`: none).
    ///   - targets: the label model's probabilities for those items.
    ///   - covered: whether any LF voted on each item.
    ///   - heldOut: items not to train on (e.g. those of a dev split sampled from train).
    ///   - dev: the dev split whose gold labels choose `C`, if any.
    ///   - configuration: features, grid, weighting, threads.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` for bad settings or when no item is left to train on.
    public init(labelNames: [String], texts: [String], numbers: [[Double?]] = [], targets: ProbabilisticLabels, covered: [Bool], heldOut: Set<Int> = [],
                dev: DevSplit? = nil, configuration: EndModelTrainingConfiguration) throws {
        let clock = ContinuousClock()
        let start = clock.now
        try configuration.validate()
        precondition(texts.count == targets.rowCount && covered.count == texts.count, "one target and coverage flag per text")
        let threads = configuration.threads ?? defaultThreadCount()
        let settings = configuration.features
        let hashed = HashedText.hashing(texts, settings: settings, threads: threads)
        let weights = TFIDFWeights(fitting: hashed, settings: configuration.features)
        precondition(numbers.count == configuration.numericFields.count && numbers.allSatisfy { $0.count == texts.count },
                     "one value per train item for each numeric field")
        let numeric = NumericFeatures(fitting: numbers, names: configuration.numericFields)
        func withNumbers(_ rows: SparseRows, _ values: [[Double?]], items: [Int]?) -> SparseRows {
            rows.appendingColumns(numeric.fields.count) { numeric.entries(item: items?[$0] ?? $0, values: values, firstColumn: weights.featureCount) }
        }
        let trainingRows = texts.indices.filter { covered[$0] && !heldOut.contains($0) }
        guard !trainingRows.isEmpty else {
            throw WSLabelError.invalidArgument("no training item to learn from: no LF voted on any train item outside the dev split")
        }
        let rows = withNumbers(weights.rows(trainingRows.map { hashed[$0] }, threads: threads), numbers, items: trainingRows)
        let trainingTargets = targets.selectingRows(trainingRows)
        let columns = rows.transposed()  // once for every fit of the search
        let devRows = dev.map { withNumbers(weights.rows(HashedText.hashing($0.texts, settings: settings, threads: threads), threads: threads), $0.numbers, items: nil) }

        let featureSeconds = (clock.now - start).seconds
        let grid = configuration.inverseRegularization.map { [$0] }
            ?? (dev == nil ? [EndModelTrainingConfiguration.defaultInverseRegularization] : configuration.inverseRegularizationGrid.sorted())
        let weightings = configuration.weighting.map { [$0] }
            ?? (dev == nil ? [EndModelTrainingConfiguration.weightingCandidates[0]] : EndModelTrainingConfiguration.weightingCandidates)
        let rowWeights = try weightings.map { weighting in
            let weights = trainingRows.map { weighting.weight(of: targets[$0]) }
            guard weights.contains(where: { $0 > 0 }) else {
                throw WSLabelError.invalidArgument("every training item weighs 0 under \(weighting.rawValue) weighting: the label model is at chance on all of them")
            }
            return weights
        }
        // One path of C per weighting, each warm-starting C after C. The paths are independent,
        // so they run side by side, the threads shared among them: a path's serial steps (the
        // optimizer's vector updates) then overlap too. Every fit is the same at any thread count.
        let pathThreads = max(1, threads / weightings.count)
        let paths = ParallelBlocks(itemCount: weightings.count, blockSize: 1).map(threads: min(threads, weightings.count)) { path in
            Self.searchPath(grid: grid, weighting: weightings[path], rowWeights: rowWeights[path], rows: rows, columns: columns,
                            targets: trainingTargets, dev: dev, devRows: devRows, metric: configuration.selectionMetric,
                            classCount: labelNames.count, threads: pathThreads)
        }
        var candidates: [Candidate] = []
        var best: (model: SoftmaxRegression, score: Double, logLoss: Double, c: Double, weighting: EndModelTrainingConfiguration.Weighting)?
        for fit in paths.joined() {
            candidates.append(fit.candidate)
            // The best dev metric wins; among equals (a metric over a few hundred items ties
            // often) the lower dev log-loss, a finer and steadier score; then the fit tried
            // first: the stronger regularization, the default weighting.
            let (metric, loss) = (fit.candidate.devScore ?? -.infinity, fit.candidate.devLogLoss ?? .infinity)
            if best == nil || metric > best!.score || (metric == best!.score && loss < best!.logLoss) {
                best = (fit.model, metric, loss, fit.candidate.inverseRegularization, fit.candidate.weighting)
            }
        }
        model = EndModel(labelNames: labelNames, features: weights, numeric: numeric, classifier: best!.model)
        self.candidates = candidates
        inverseRegularization = best!.c
        weighting = best!.weighting
        selectionMetric = configuration.selectionMetric
        chosenOnDev = dev != nil && candidates.count > 1
        self.trainingRows = trainingRows
        uncoveredItems = texts.indices.lazy.filter { !covered[$0] && !heldOut.contains($0) }.count
        heldOutItems = heldOut.count
        seconds = (clock.now - start).seconds
        self.featureSeconds = featureSeconds
    }

    /// Mean negative log-likelihood of `gold` under `probabilities` (each clipped at 1e-15).
    static func logLoss(_ probabilities: ProbabilisticLabels, gold: [Int]) -> Double {
        var sum = 0.0
        for (row, label) in gold.enumerated() {
            sum -= log(max(probabilities.values[row * probabilities.classCount + label], 1e-15))
        }
        return gold.isEmpty ? 0 : sum / Double(gold.count)
    }

    /// The fits of one weighting's path: every `C` of `grid` in turn, each starting from the one
    /// before, scored on the dev split when there is one.
    private static func searchPath(grid: [Double], weighting: EndModelTrainingConfiguration.Weighting, rowWeights: [Double],
                                   rows: SparseRows, columns: SparseRows, targets: ProbabilisticLabels, dev: DevSplit?, devRows: SparseRows?,
                                   metric: SelectionMetric, classCount: Int, threads: Int) -> [(candidate: Candidate, model: SoftmaxRegression)] {
        let clock = ContinuousClock()
        var fits: [(candidate: Candidate, model: SoftmaxRegression)] = []
        var previous: SoftmaxRegression?
        for c in grid {
            let fitStart = clock.now
            let (fitted, summary) = SoftmaxRegression.fit(rows: rows, columns: columns, targets: targets, rowWeights: rowWeights,
                                                          inverseRegularization: c, start: previous, threads: threads)
            previous = fitted
            var candidate = Candidate(inverseRegularization: c, weighting: weighting, devScore: nil, fit: summary, seconds: 0)
            if let dev, let devRows {
                let probabilities = fitted.probabilities(devRows, threads: threads)
                let predictions = probabilities.predictions(tiePolicy: .classPrior(fitted.biases))
                candidate = Candidate(inverseRegularization: c, weighting: weighting,
                                      devScore: metric.value(of: ClassificationMetrics(predictions: predictions, gold: dev.gold, classCount: classCount)),
                                      fit: summary, seconds: 0)
                candidate.devLogLoss = logLoss(probabilities, gold: dev.gold)
            }
            candidate.seconds = (clock.now - fitStart).seconds
            fits.append((candidate, fitted))
        }
        return fits
    }
}
