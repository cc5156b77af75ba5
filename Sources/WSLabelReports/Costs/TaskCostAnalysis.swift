import Foundation
import WSLabelCore
import WSLabelData
import WSLabeling

/// The cost-quality analysis of a task (``CostQualityAnalysis``), built from its applied LFs:
/// the label model and majority vote over the rule LFs, the label model with the LLM-prompt LF,
/// the LLM LF alone with its ledger, and the hybrids, scored on the evaluation split.
///
/// ```swift
/// let applied = try TaskApplication(task: task)
/// let costs = try TaskCostAnalysis(applied: applied, configuration: .init(devSplit: "dev"))
/// costs.analysis.recommendation(budget: 25).reason
/// ```
public struct TaskCostAnalysis: Sendable {
    /// The analysis.
    public let analysis: CostQualityAnalysis
    /// The split the quality is measured on.
    public let evaluationSplit: String
    /// The LLM LF compared, when the task has one.
    public let llmLF: String?
    /// Task items whose answer the LLM ledger lacks (their LLM cost is projected).
    public let itemsMissingFromLedger: Int
    /// Test splits whose scores are hidden, so the analysis does not score on them.
    public var hiddenSplits: [String] = []
    /// The budget asked about, in dollars, if any.
    public var budget: Double?
    /// The most accurate option within ``budget``, and why.
    public var recommendation: CostQualityAnalysis.Recommendation? { budget.map(analysis.recommendation(budget:)) }

    /// An analysis already made, e.g. from votes and prices given directly.
    public init(analysis: CostQualityAnalysis, evaluationSplit: String, llmLF: String?, itemsMissingFromLedger: Int,
                budget: Double? = nil) {
        self.analysis = analysis
        self.evaluationSplit = evaluationSplit
        self.llmLF = llmLF
        self.itemsMissingFromLedger = itemsMissingFromLedger
        self.budget = budget
    }

    /// - Parameters:
    ///   - applied: the task's LFs applied to its splits.
    ///   - configuration: the label model settings (`wslabel fit`'s).
    ///   - evaluationSplit: a split with complete gold labels (default: `test`, else the first
    ///     such split other than train), not one of `hiddenSplits`.
    ///   - hiddenSplits: test splits whose scores are hidden: never scored on.
    ///   - llmLF: the LLM-prompt LF to compare (default: the task's first).
    ///   - computeSeconds: seconds of applying and fitting, priced as machine time.
    ///   - projectedItems: price labeling this many items instead (``CostQualityAnalysis``'s projection).
    ///   - budget: a budget in dollars to recommend the most accurate option within.
    ///   - endModel: train an end model on the rule LFs' label model (``RunEndModel``) with these
    ///     settings and price it as an option: its training and labeling time is machine time.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when no split has complete gold labels or
    ///   `llmLF` is not an LLM LF; the label models' and the ledger's errors.
    public init(applied: TaskApplication, configuration: LabelingRunConfiguration, prices: LabelingPriceBook? = nil,
                evaluationSplit: String? = nil, llmLF: String? = nil, computeSeconds: Double = 0, projectedItems: Int? = nil,
                budget: Double? = nil, endModel: EndModelTrainingConfiguration? = nil, hiddenSplits: [String] = []) throws {
        self.budget = budget
        self.hiddenSplits = hiddenSplits
        let task = applied.task
        let labels = task.labels
        let splits = applied.splits
        let evaluation = try Self.evaluationSplit(named: evaluationSplit, in: splits, hidden: hiddenSplits)
        let functions = applied.catalog.functions
        let llmColumns = functions.indices.filter { functions[$0] is LLMPromptLF }
        let ruleColumns = functions.indices.filter { !(functions[$0] is LLMPromptLF) }
        guard !ruleColumns.isEmpty else {
            throw WSLabelError.invalidArgument("the task has only LLM-prompt LFs: weak supervision needs rule LFs to compare with them")
        }
        let llmColumn: Int?
        if let llmLF {
            guard let column = llmColumns.first(where: { functions[$0].name == llmLF }) else {
                throw WSLabelError.invalidArgument("\(llmLF) is not an LLM-prompt LF of the task (its LLM LFs: \(llmColumns.isEmpty ? "none" : llmColumns.map { functions[$0].name }.joined(separator: ", ")))")
            }
            llmColumn = column
        } else {
            llmColumn = llmColumns.first
        }

        let ruleSplits = splits.map { LabeledSplit(name: $0.name, ids: $0.ids, votes: $0.votes.selectingColumns(ruleColumns), gold: $0.gold) }
        // People's labels so far clamp their train items in the label models' fits.
        let clamped = applied.clampedTrainLabels
        let ruleRun = try LabelingRun(labelNames: labels, splits: ruleSplits, configuration: configuration, clampedTrainLabels: clamped)
        var majority = configuration
        majority.model = .mv
        let majorityRun = try LabelingRun(labelNames: labels, splits: ruleSplits, configuration: majority)
        let withLLM = llmColumn == nil ? nil : try LabelingRun(labelNames: labels, splits: splits, configuration: configuration,
                                                                  clampedTrainLabels: clamped)

        func result(_ run: LabelingRun) -> LabelingRun.SplitResult { run.results.first { $0.name == evaluation.name }! }
        // Every item of the task once: sampled splits hold items of their source again.
        let itemSplits = task.splits.filter { $0.sample == nil }.map(\.name)
        let allResults = itemSplits.compactMap { name in ruleRun.results.first { $0.name == name } }
        let allConfidence = allResults.flatMap { $0.probabilities.confidences }
        let allIDs = allResults.flatMap(\.ids)

        var answers: CostQualityAnalysis.LLMAnswers?
        var missing = 0
        if let llmColumn {
            let name = functions[llmColumn].name
            let ledger = try applied.llmLedger(of: name)
            let costs = allIDs.map { ledger[$0] }
            missing = costs.filter { $0 == nil }.count
            let votes = (0..<evaluation.votes.rowCount).map { evaluation.votes.vote(row: $0, lf: llmColumn) }
            answers = .init(name: name, votes: votes, allCosts: costs)
        }
        let ruleResult = result(ruleRun)
        var endModelAnswers: CostQualityAnalysis.EndModelAnswers?
        if var settings = endModel {
            let clock = ContinuousClock()
            let start = clock.now
            settings.selectionMetric = configuration.selectionMetric
            settings.threads = settings.threads ?? configuration.threads
            let devIsSampleOfTrain = task.splits.first { $0.name == configuration.devSplitName }?.sample?.source == "train"
            let contents = try applied.itemContents(numericFields: settings.numericFields)
            let trained = try RunEndModel(run: ruleRun, splits: ruleSplits, texts: contents.texts, numbers: contents.numbers,
                                          devIsSampleOfTrain: devIsSampleOfTrain, configuration: settings)
            let predictions = trained.results.first { $0.name == evaluation.name }!.predictions
            endModelAnswers = .init(predictions: predictions, seconds: (clock.now - start).seconds)
        }
        var inputs = CostQualityAnalysis.Inputs(
            classCount: labels.count, gold: evaluation.completeGold!, labelModel: ruleResult.predictions,
            labelModelConfidence: ruleResult.probabilities.confidences, allConfidence: allConfidence,
            majorityVote: result(majorityRun).predictions, labelModelWithLLM: withLLM.map { result($0).predictions },
            llm: answers, computeSeconds: computeSeconds, humanLabelsCollected: applied.humanLabels.count)
        inputs.endModel = endModelAnswers
        inputs.majorityVoteTies = MajorityVoteTies(run: majorityRun)
        let measured = Self.measuringCrowdAccuracy(prices ?? task.prices, humanLabels: applied.humanLabels, splits: splits, labelNames: labels)
        analysis = CostQualityAnalysis(inputs, prices: measured, projectedItems: projectedItems)
        self.evaluationSplit = evaluation.name
        self.llmLF = llmColumn.map { functions[$0].name }
        itemsMissingFromLedger = missing
    }

    /// Review labels with gold to compare against needed before their agreement replaces the
    /// default crowd accuracy: below it, a measured figure is mostly noise (±10 points at 20).
    public static let minimumMeasuredLabels = 20

    /// `prices` with the crowd accuracy measured on the review labels people gave
    /// (`output.human_labels`) whose items have gold labels — the share that agrees — when at
    /// least ``minimumMeasuredLabels`` do and the crowd accuracy is still the default: a
    /// measurement beats an assumption, and a figure the task file sets beats both. Review
    /// labels are priced at the crowd rate, so they measure the crowd.
    static func measuringCrowdAccuracy(_ prices: LabelingPriceBook, humanLabels: [String: HumanLabel], splits: [LabeledSplit],
                                       labelNames: [String]) -> LabelingPriceBook {
        let defaultRate = LabelingPriceBook.defaultCrowd
        guard prices.crowd.accuracy == defaultRate.accuracy, prices.crowd.accuracySource == defaultRate.accuracySource else { return prices }
        var seen = Set<String>(), compared = 0, agreed = 0
        for split in splits {
            for (id, gold) in zip(split.ids, split.gold) {
                guard let gold, let human = humanLabels[id], seen.insert(id).inserted else { continue }
                compared += 1
                if labelNames.firstIndex(of: human.label) == gold { agreed += 1 }
            }
        }
        guard compared >= minimumMeasuredLabels else { return prices }
        var measured = prices
        measured.crowd.accuracy = Double(agreed) / Double(compared)
        measured.crowd.accuracySource = "measured: \(agreed) of the \(compared) review labels (output.human_labels) on items with gold labels agree with them"
        return measured
    }

    private static func evaluationSplit(named name: String?, in splits: [LabeledSplit], hidden: [String]) throws -> LabeledSplit {
        if let name {
            guard let split = splits.first(where: { $0.name == name }) else {
                throw WSLabelError.invalidArgument("no split \(name) (the task's splits: \(splits.map(\.name).joined(separator: ", ")))")
            }
            guard !hidden.contains(name) else {
                throw WSLabelError.invalidArgument("split \(name) is a test split whose scores are hidden (evaluation.hide_test or --hide-test): score on another split, or give --show-test")
            }
            guard split.completeGold != nil else {
                throw WSLabelError.invalidArgument("split \(name) lacks gold labels on \(split.votes.rowCount - split.goldCount) items: the cost report scores every option on gold labels")
            }
            return split
        }
        let candidates = splits.filter { $0.name != "train" && !hidden.contains($0.name) && $0.completeGold != nil }
        guard let chosen = candidates.first(where: { $0.name == "test" }) ?? candidates.first else {
            if !hidden.isEmpty {
                throw WSLabelError.invalidArgument("the scores of \(hidden.joined(separator: ", ")) are hidden (evaluation.hide_test or --hide-test) and no other split but train has gold labels on every item: give the task a dev split with gold labels, or --show-test")
            }
            throw WSLabelError.invalidArgument("no split other than train has gold labels on every item: give the task an evaluation split with gold labels (or --split)")
        }
        return chosen
    }
}
