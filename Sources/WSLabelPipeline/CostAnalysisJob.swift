import Foundation
import WSLabelCore
import WSLabelData
import WSLabelReports
import WSLabeling

/// The cost-quality analysis of a task as one call: apply its LFs, fit the label models, price
/// every labeling option (and, if asked, measure the active-learning curve). What `wslabel cost`
/// does before it renders.
///
/// ```swift
/// var job = CostAnalysisJob(task: URL(fileURLWithPath: "wslabel.yaml"))
/// job.budget = 50
/// let result = try job.run()
/// result.analysis.recommendation?.reason
/// ```
public struct CostAnalysisJob: Sendable {
    /// The task file.
    public var task: URL
    /// Read and write the task's vote cache (LLM answers come from its response cache either way
    /// unless this is off).
    public var useCache = true
    /// Label-model settings over the task file's.
    public var model = ModelChoices()
    /// Whether the test splits' scores are hidden, over the task file's `evaluation:` section:
    /// hidden, they are not scored on (the default evaluation split is then another).
    public var testSplit = TestSplitChoices()
    /// The split with gold labels to score on (default: test, else the first labeled split other
    /// than train).
    public var evaluationSplit: String?
    /// The LLM-prompt LF to compare (default: the task's first).
    public var llmLF: String?
    /// A budget in dollars to recommend the most accurate option within.
    public var budget: Double?
    /// Price labeling this many items instead of the task's.
    public var projectedItems: Int?
    /// Train an end model on the label model's labels and price it as an option (`nil`: no end-model row).
    public var endModel: EndModelTrainingConfiguration? = EndModelTrainingConfiguration()
    /// Also measure the active-learning curve (refits the label model a few dozen times); when
    /// the task cannot give one, the result says why instead (``Result/learningCurveNote``).
    public var measuresLearningCurve = false
    /// Files the caller writes (e.g. the report), checked against the task's inputs first.
    public var outputs: [FileRole] = []

    public init(task: URL) {
        self.task = task
    }

    /// What the analysis found.
    public struct Result: Sendable {
        /// The task's LFs applied.
        public let applied: TaskApplication
        /// Every option's quality and cost.
        public let analysis: TaskCostAnalysis
        /// The active-learning curve, when measured.
        public let learningCurve: ActiveLearningCurve?
        /// Why the curve asked for was left out (e.g. train has no gold labels to play the
        /// people), and what would make it appear; `nil` when measured or not asked for.
        public let learningCurveNote: String?
    }

    /// Runs the analysis. Machine time is priced from this run's own wall-clock time, less the
    /// LLM calls' seconds, which the ledger prices.
    /// - Throws: ``WSLabelError`` for bad input, a clashing output, an evaluation split or LLM
    ///   LF the task does not have, or an evaluation or dev split whose scores are hidden.
    public func run(events: @escaping (LabelingJob.Event) -> Void = { _ in }) throws -> Result {
        let started = Date()
        try model.validate()
        let applied = try LabelingInput.applyTask(task, useCache: useCache, threads: model.threads, outputs: { _ in outputs },
                                                  check: model.check(against:), events: events)
        let configuration = try model.configuration(labelNames: applied.task.labels, task: applied.task.model)
        let loaded = LabelingInput.Loaded(applied)
        let hidden = testSplit.hiddenSplits(in: loaded)
        try LabelingJob.checkDevSplit(of: loaded, choices: model, notIn: hidden)
        events(.fitting(configuration.model, humanLabeledItems: nil))
        return try analyze(applied, configuration: configuration, startedAt: started, hiddenSplits: hidden)
    }

    /// The analysis of a task whose LFs are applied, with ``evaluationSplit``, ``llmLF``,
    /// ``budget``, ``projectedItems``, ``endModel`` and ``measuresLearningCurve`` as set (``task``,
    /// ``useCache`` and ``model`` are not read): for callers that have applied the task already,
    /// like `wslabel report --costs`.
    /// - Parameters:
    ///   - startedAt: when the caller's run began; machine time is priced from it.
    ///   - hiddenSplits: test splits whose scores are hidden (``LabelingJob/Result/hiddenSplits``):
    ///     never scored on.
    public func analyze(_ applied: TaskApplication, configuration: LabelingRunConfiguration, startedAt: Date = Date(),
                        hiddenSplits: [String] = []) throws -> Result {
        let llmSeconds = applied.llmCosts?.usage.reduce(0) { $0 + $1.seconds } ?? 0
        let analysis = try TaskCostAnalysis(applied: applied, configuration: configuration, evaluationSplit: evaluationSplit,
                                            llmLF: llmLF, computeSeconds: max(0, Date().timeIntervalSince(startedAt) - llmSeconds),
                                            projectedItems: projectedItems, budget: budget, endModel: endModel,
                                            hiddenSplits: hiddenSplits)
        // The curve is one section of the page: what it lacks leaves it out with a note, not
        // the whole page.
        let missing = measuresLearningCurve ? applied.learningCurveMissingRequirement(configuration: configuration) : nil
        let curve = measuresLearningCurve && missing == nil
            ? try applied.learningCurve(evaluationSplit: analysis.evaluationSplit, configuration: configuration) : nil
        return Result(applied: applied, analysis: analysis, learningCurve: curve,
                      learningCurveNote: missing.map { "The active-learning curve is left out: \($0)." })
    }
}
