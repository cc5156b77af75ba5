import WSLabelCore
import WSLabelData
import WSLabeling
/// One way to label a task's items, with what it gives and what it costs: a row of
/// `wslabel cost`.
public struct LabelingOption: Sendable, Equatable {
    /// What makes the labels.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The label model over the rule LFs (weak supervision).
        case labelModel = "label_model"
        /// The label model with the LLM-prompt LF among its LFs.
        case labelModelWithLLM = "label_model_with_llm"
        /// Majority vote over the rule LFs.
        case majorityVote = "majority_vote"
        /// A text classifier trained on the label model's labels (`wslabel train`): it labels
        /// every item, LF votes or not.
        case endModel = "end_model"
        /// The LLM-prompt LF's answer for every item.
        case llmOnly = "llm_only"
        /// Crowd workers label every item.
        case crowd
        /// Experts label every item.
        case expert
        /// The label model, with the items it is least sure of answered by the LLM.
        case hybridLLM = "hybrid_llm"
        /// The label model, with the items it is least sure of labeled by the crowd.
        case hybridCrowd = "hybrid_crowd"
        /// The label model, with the items it is least sure of labeled by experts.
        case hybridExpert = "hybrid_expert"
    }

    /// How a hybrid's cutoff splits the evaluation items tied at its confidence.
    public struct TieAtCutoff: Sendable, Equatable {
        /// Tied items routed (picked in ``CostQualityAnalysis/routingOrder(_:)``).
        public var routed: Int
        /// Evaluation items at the cutoff confidence.
        public var tied: Int
    }

    public var kind: Kind
    /// A short description, e.g. "label model → LLM, least confident 20.0% of items (confidence ≤ 0.830)".
    public var name: String
    /// Hybrids: the largest label-model confidence routed on the evaluation split (the
    /// cutoff); items below it go to the LLM or to people, and of those at it, the share's
    /// remainder in a fixed order (``tieAtCutoff``).
    public var threshold: Double?
    /// Hybrids: how the cutoff splits the evaluation items tied at it; `nil` when it splits none.
    public var tieAtCutoff: TieAtCutoff?
    /// Hybrids: the share of the task's items routed.
    public var routedShare: Double
    /// Quality on the evaluation split.
    public var metrics: ClassificationMetrics
    /// Dollars to label every item of the task.
    public var cost: Double
    /// Hours until every item is labeled: people's hours, LF authoring, LLM call time, compute.
    public var hours: Double
    /// Whether part of the cost is projected (LLM answers missing from the ledger, priced at the
    /// mean of those present); ``projectionNote`` says how.
    public var projectionNote: String?
    /// Whether no other option is both cheaper (or as cheap) and at least as accurate.
    public var onFrontier = false
    /// Majority vote's rule for ties and uncovered rows (its row only).
    public var majorityVoteTies: MajorityVoteTies?

    public init(kind: Kind, name: String, threshold: Double? = nil, routedShare: Double = 0, metrics: ClassificationMetrics,
                cost: Double, hours: Double, projectionNote: String? = nil, majorityVoteTies: MajorityVoteTies? = nil,
                tieAtCutoff: TieAtCutoff? = nil) {
        self.majorityVoteTies = majorityVoteTies
        self.tieAtCutoff = tieAtCutoff
        self.kind = kind
        self.name = name
        self.threshold = threshold
        self.routedShare = routedShare
        self.metrics = metrics
        self.cost = cost
        self.hours = hours
        self.projectionNote = projectionNote
    }

    /// Dollars per 1,000 labels, given the task's item count.
    public func costPerThousand(items: Int) -> Double { items > 0 ? cost / Double(items) * 1000 : 0 }

    /// Dollars per point of accuracy (percent), or `nil` at accuracy 0.
    public var costPerAccuracyPoint: Double? { metrics.accuracy > 0 ? cost / (metrics.accuracy * 100) : nil }
}
