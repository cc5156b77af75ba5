/// Fits a label model on the training split's votes (no gold) and labels every split,
/// scoring the splits that have gold labels. This is what `wslabel fit` does.
///
/// With the EM model the variant is first chosen without gold (``GoldFreeSelection``); with a
/// dev split with gold labels, the best of ``VariantGrid`` on that split then replaces it when
/// clearly better (``VariantSelection``, guarded by ``LabelingRunConfiguration/devChoice``), and
/// with ``LabelingRunConfiguration/semiSupervised`` the dev items also join the fit.
///
/// ```swift
/// let dataset = try WrenchDataset(directory: url)
/// let run = try LabelingRun(labelNames: dataset.labelNames, splits: dataset.splits,
///                           configuration: LabelingRunConfiguration())
/// run.results.first { $0.name == "test" }?.metrics?.accuracy
/// ```
public struct LabelingRun: Sendable {
    /// The labels of one split.
    public struct SplitResult: Sendable {
        public let name: String
        public let ids: [String]
        public let probabilities: ProbabilisticLabels
        /// Label per item, ``VoteMatrix/abstain`` where the tie policy gave none.
        public let predictions: [Int]
        /// Scores against gold, when every item of the split has a gold label.
        public let metrics: ClassificationMetrics?
        /// Fraction of items with at least one LF vote.
        public let lfCoverage: Double

        /// A result as given, for tests of what is written from results.
        package init(name: String, ids: [String], probabilities: ProbabilisticLabels, predictions: [Int],
                     metrics: ClassificationMetrics? = nil, lfCoverage: Double = 0) {
            self.name = name
            self.ids = ids
            self.probabilities = probabilities
            self.predictions = predictions
            self.metrics = metrics
            self.lfCoverage = lfCoverage
        }

        /// Labels `split` with a fitted `model`, scoring it when every item has a gold label.
        /// - Throws: ``WSLabelError/incompatibleModel(_:)`` when the votes do not fit the model.
        public init(labeling split: LabeledSplit, with model: any LabelModel, tiePolicy: TiePolicy) throws {
            self.init(labeling: split, probabilities: try model.predictProbabilities(split.votes), tiePolicy: tiePolicy)
        }

        /// The labels `probabilities` give `split`'s items (from any model, e.g. an end model),
        /// scored when every item has a gold label.
        public init(labeling split: LabeledSplit, probabilities: ProbabilisticLabels, tiePolicy: TiePolicy) {
            precondition(probabilities.rowCount == split.votes.rowCount, "one distribution per item")
            let predictions = probabilities.predictions(tiePolicy: tiePolicy, votes: split.votes)
            let covered = (0..<split.votes.rowCount).lazy.filter { split.votes.voteCount(inRow: $0) > 0 }.count
            name = split.name
            ids = split.ids
            self.probabilities = probabilities
            self.predictions = predictions
            metrics = split.completeGold.map {
                ClassificationMetrics(predictions: predictions, gold: $0, classCount: probabilities.classCount)
            }
            lfCoverage = split.votes.rowCount > 0 ? Double(covered) / Double(split.votes.rowCount) : 0
        }
    }

    /// Class names by index.
    public let labelNames: [String]
    /// The fitted model.
    public let model: any LabelModel
    /// The EM variant used (nil for majority vote).
    public let variant: EMOptions?
    /// The variant search on the dev split, when one ran.
    public let selection: VariantSelection?
    /// The gold-free variant search, when one ran (EM without a dev split or a fixed variant).
    public let goldFreeSelection: GoldFreeSelection?
    /// The tie policy applied to every split.
    public let tiePolicy: TiePolicy
    /// Wall-clock seconds to obtain the final model, variant search included.
    public let fitSeconds: Double
    /// One result per input split, in input order.
    public let results: [SplitResult]
    /// The configuration the run used.
    public let configuration: LabelingRunConfiguration

    /// Runs the pipeline.
    /// - Parameters:
    ///   - labelNames: class names by index.
    ///   - splits: the splits; one must be named `train`.
    ///   - configuration: model and selection settings.
    ///   - clampedTrainLabels: gold class per train row that people labeled: the EM fit is then
    ///     semi-supervised, those rows keeping their class (majority vote ignores them). `nil`
    ///     entries and a `nil` array mean none.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when there is no `train` split, the
    ///   clamped labels do not match its rows, or a dev split named in `configuration` does
    ///   not exist or has no gold labels; ``WSLabelError/malformedInput(_:_:)`` when the train
    ///   split has no items.
    public init(labelNames: [String], splits: [LabeledSplit], configuration: LabelingRunConfiguration,
                clampedTrainLabels: [Int?]? = nil) throws {
        guard let train = splits.first(where: { $0.name == "train" }) else {
            throw WSLabelError.invalidArgument("no train split: the label model is fit on the train split's votes")
        }
        // A model fit on nothing labels every item alike: fail before anything is written.
        guard train.votes.rowCount > 0 else {
            throw WSLabelError.malformedInput(SourceLocation(), "the train split has no items: the label model is fit on its items' votes")
        }
        let classes = labelNames.count
        let dev = configuration.goldFree ? nil : try Self.devSplit(in: splits, named: configuration.devSplit)
        let devBalance = dev?.goldClassBalance(classCount: classes)
        let threads = configuration.threads ?? defaultThreadCount()
        let clock = ContinuousClock()
        let start = clock.now

        var model: any LabelModel
        var variant: EMOptions?
        var selection: VariantSelection?
        var goldFreeSelection: GoldFreeSelection?
        switch configuration.model {
        case .mv:
            // The prior of the items no LF votes on: the dev gold's balance, else (no dev split,
            // or gold-free) majority vote's own labels on the covered train rows.
            let prior = dev.flatMap { dev in devBalance.map { ClassPrior(probabilities: $0, source: .devGold(split: dev.name)) } }
                ?? ClassPrior.majorityVoteLabels(train.votes, classCount: classes)
            model = MajorityVote(lfCount: train.votes.lfCount, classCount: classes, uncoveredPrior: prior)
        case .em:
            // Semi-supervised: the dev split's labeled items join the fit with their class fixed.
            var fitVotes = train.votes, fitClamps = clampedTrainLabels
            if configuration.semiSupervised, let dev {
                fitVotes = train.votes.appending(dev.votes)
                fitClamps = (clampedTrainLabels ?? [Int?](repeating: nil, count: train.votes.rowCount)) + dev.gold
            }
            // LFs counted once as a group, in every variant.
            let lfWeights: [Double]?
            switch configuration.dependentLFs {
            case .duplicates: lfWeights = DuplicateLFs(votes: train.votes).weights
            case .clusters:
                let dependencies = try LFDependencies(votes: train.votes, threads: threads)
                lfWeights = dependencies.clusters.isEmpty ? nil : dependencies.weights
            case .off: lfWeights = nil
            }
            func weighted(_ variants: [EMOptions]) -> [EMOptions] {
                variants.map { options in
                    var options = options
                    options.lfWeights = lfWeights
                    return options
                }
            }
            var fitted: GenerativeLabelModel?
            if let fixed = configuration.fixedVariant {
                fitted = try GenerativeLabelModel.fit(fitVotes, options: weighted([fixed])[0], clampedLabels: fitClamps, threads: threads)
            } else if dev == nil || configuration.devChoice == .guarded {
                let grid = weighted(GoldFreeSelection.variants(classCount: classes))
                let search = try GoldFreeSelection(train: fitVotes, grid: grid, clampedTrainLabels: fitClamps, threads: threads)
                goldFreeSelection = search
                fitted = search.chosen.model
            }
            if configuration.fixedVariant == nil, let dev {
                let search = try VariantSelection(
                    train: fitVotes, dev: dev.votes, devGold: dev.gold,
                    grid: weighted(VariantGrid.variants(classCount: classes, devBalance: devBalance)),
                    metric: configuration.selectionMetric, clampedTrainLabels: fitClamps,
                    incumbent: fitted, threads: threads)
                selection = search
                fitted = search.chosen.model
            }
            guard let fitted else { preconditionFailure("every path fits a model") }
            model = fitted
            variant = fitted.options
        }
        fitSeconds = (clock.now - start).seconds

        switch configuration.ties {
        case .model: tiePolicy = model.tiePolicy(seed: configuration.seed)
        case .abstain: tiePolicy = .abstain
        case .prior: tiePolicy = .classPrior(devBalance ?? [Double](repeating: 1, count: classes))
        case .random: tiePolicy = .random(seed: configuration.seed)
        }
        let policy = tiePolicy
        results = try splits.map { try SplitResult(labeling: $0, with: model, tiePolicy: policy) }
        self.labelNames = labelNames
        self.model = model
        self.variant = variant
        self.selection = selection
        self.goldFreeSelection = goldFreeSelection
        self.configuration = configuration
    }

    /// The split that chooses the variant and gives the class balance: the one named, which
    /// must exist and have gold labels, or else ``LabelingRunConfiguration/defaultDevSplit``
    /// when it has gold labels.
    private static func devSplit(in splits: [LabeledSplit], named name: String?) throws -> LabeledSplit? {
        guard let name else {
            return splits.first { $0.name == LabelingRunConfiguration.defaultDevSplit && $0.goldCount > 0 }
        }
        guard let split = splits.first(where: { $0.name == name }) else {
            throw WSLabelError.invalidArgument(
                "no split \"\(name)\" to use as the dev split; the splits are \(splits.map(\.name).joined(separator: ", "))")
        }
        guard split.goldCount > 0 else {
            throw WSLabelError.invalidArgument(
                "the dev split \"\(name)\" has no gold labels to choose the model variant and class balance with")
        }
        return split
    }
}
