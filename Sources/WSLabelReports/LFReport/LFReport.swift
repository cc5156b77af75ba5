import WSLabelCore
import WSLabelData
import WSLabeling
/// Everything `wslabel report` shows about a run's LFs and labels: Snorkel's LF summary, the
/// label model's learned accuracies and conditional tables, per-class coverage, pairwise overlap
/// and conflict, dependent LF pairs with their evidence, flags with reasons, and per split the label distribution, the confidence
/// histogram, the rows left unlabeled with why and, with gold labels, the confusion matrix (per-class precision and recall);
/// test splits whose scores are hidden (``hiddenSplits``) are neither scored nor used to judge LFs.
///
/// A value with no rendering: renderers (terminal, Markdown, CSV, JSON, HTML) read it.
///
/// ```swift
/// let run = try LabelingRun(labelNames: names, splits: splits, configuration: .init())
/// let report = LFReport(run: run, splits: splits, lfNames: names)
/// report.flags.filter { $0.kind == .belowChance }
/// ```
public struct LFReport: Sendable {
    /// How a split came out of the label model.
    public struct SplitOutcome: Sendable, Equatable {
        public var name: String
        public var rows: Int
        /// Items labeled with each class, by class index.
        public var labelCounts: [Int]
        /// Items left without a label (the tie policy abstained).
        public var unlabeled: Int { unlabeledTies + unlabeledNoVotes }
        /// Unlabeled because LFs voted but the classes tied.
        public var unlabeledTies: Int
        /// Unlabeled because no LF voted and the model had nothing to prefer.
        public var unlabeledNoVotes: Int
        /// Labeled although no LF voted: the label comes from the class prior (and, for the
        /// generative model, the pattern of abstains) alone.
        public var labeledWithoutVotes: Int
        /// Items by confidence (largest class probability), ten equal bins from `1 / classes`
        /// (a uniform guess) to 1.
        public var confidenceHistogram: [Int]
        /// Scores against gold, when the split has complete gold labels and they are not hidden.
        public var metrics: ClassificationMetrics?
        /// Items by gold and predicted class, when ``metrics`` are given.
        public var confusion: ConfusionMatrix?
        /// Whether the split is a test split whose scores are hidden (``LFReport/hiddenSplits``).
        public var scoresHidden = false
    }


    public let labelNames: [String]
    public let lfNames: [String]
    /// Snorkel's columns (and the analysed split's dataset-level statistics).
    public let summary: LFSummary
    /// Pair statistics of the analysed split.
    public let pairwise: PairwiseLFStatistics
    /// Dependent LF pairs of the analysed split with their evidence (``LFDependencies``, under
    /// its own detection model, whatever model the run fit); `nil` when the split has no rows.
    public let dependencies: LFDependencies?
    /// The label model's parameters, `nil` for majority vote.
    public let learned: LearnedLFParameters?
    /// Flags with reasons, in LF order.
    public let flags: [LFFlag]
    /// One outcome per split, in run order.
    public let outcomes: [SplitOutcome]
    /// The model and variant, as `wslabel fit` names them (e.g. "em (tied λ=10 prior=uniform w=0.5)"),
    /// for majority vote with its rule for ties and uncovered rows.
    public let modelDescription: String
    /// Majority vote's rule for ties and uncovered rows; `nil` for the EM model.
    public let majorityVoteTies: MajorityVoteTies?
    /// The run's LLM calls, when the task has LLM-prompt LFs.
    public var llmCosts: LLMRunCosts?
    /// The test splits whose scores the report leaves out: no accuracy, per-class scores or LF
    /// accuracy is computed from their gold labels.
    public let hiddenSplits: [String]

    /// Builds the report of a finished run.
    /// - Parameters:
    ///   - run: the fitted run; its results are matched to `splits` by position.
    ///   - splits: the splits the run labeled (votes and gold).
    ///   - lfNames: one name per vote column.
    ///   - analysedSplit: the split coverage, overlaps and conflicts describe (default `train`).
    ///   - hiddenSplits: test splits whose scores are hidden: neither scored nor used to judge LFs.
    /// - Precondition: `splits` has a split named `analysedSplit`.
    public init(run: LabelingRun, splits: [LabeledSplit], lfNames: [String], analysedSplit: String = "train",
                hiddenSplits: [String] = []) {
        let analysed = splits.first { $0.name == analysedSplit }!
        let judging = splits.filter { !hiddenSplits.contains($0.name) }
        let summary = LFSummary(lfNames: lfNames, labelNames: run.labelNames, analysed: analysed,
                                gold: LFSummary.goldSplit(in: judging, devSplit: run.configuration.devSplitName))
        let pairwise = PairwiseLFStatistics(analysed.votes)
        dependencies = try? LFDependencies(votes: analysed.votes, threads: run.configuration.threads)
        let learned = run.model.learnedParameters
        labelNames = run.labelNames
        self.lfNames = lfNames
        self.summary = summary
        self.pairwise = pairwise
        self.learned = learned
        flags = LFFlag.flags(summary: summary, pairwise: pairwise, learnedAccuracies: learned?.accuracies,
                             classCount: run.labelNames.count)
        outcomes = zip(run.results, splits).map { result, split in
            Self.outcome(of: result, split: split, classCount: run.labelNames.count, hidden: hiddenSplits.contains(split.name))
        }
        self.hiddenSplits = hiddenSplits
        modelDescription = run.modelDescription
        majorityVoteTies = MajorityVoteTies(run: run)
    }

    private static func outcome(of result: LabelingRun.SplitResult, split: LabeledSplit, classCount: Int, hidden: Bool) -> SplitOutcome {
        let votes = split.votes
        var counts = [Int](repeating: 0, count: classCount)
        var ties = 0, noVotes = 0, priorOnly = 0
        var histogram = [Int](repeating: 0, count: 10)
        let floor = 1 / Double(classCount)
        for (row, label) in result.predictions.enumerated() {
            let voted = votes.voteCount(inRow: row) > 0
            if label == VoteMatrix.abstain {
                if voted { ties += 1 } else { noVotes += 1 }
            } else {
                counts[label] += 1
                if !voted { priorOnly += 1 }
            }
            let position = (result.probabilities.confidence(row: row) - floor) / (1 - floor)
            histogram[min(9, max(0, Int(position * 10)))] += 1
        }
        let gold = hidden ? nil : split.completeGold
        return SplitOutcome(name: result.name, rows: result.ids.count, labelCounts: counts, unlabeledTies: ties,
                            unlabeledNoVotes: noVotes, labeledWithoutVotes: priorOnly,
                            confidenceHistogram: histogram, metrics: hidden ? nil : result.metrics,
                            confusion: gold.map { ConfusionMatrix(predictions: result.predictions, gold: $0, classCount: classCount) },
                            scoresHidden: hidden)
    }
}
