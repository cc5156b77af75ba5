import WSLabelCore
import WSLabelData
import WSLabeling
/// Weak supervision against LLM-only labels and human labels, and hybrids that send the items
/// the label model is least sure of to the LLM or to people: quality on an evaluation split
/// with gold labels, and the cost of labeling every item of the task. What `wslabel cost` shows.
///
/// Costs:
/// - label model and majority vote: LF authoring plus the machine time of applying and fitting
///   plus the review labels people gave so far, at the crowd rate (plus, for the label model
///   with the LLM LF, that LF's calls on every item);
/// - LLM only: the ledger's dollars for every item's call;
/// - people: items × their price; time: items ÷ items per hour;
/// - hybrids: the label model's cost plus the routed items' LLM calls or people.
///
/// LLM dollars and seconds come only from the ledger (what each call really cost). Items the
/// ledger lacks are priced at the mean of those it has, and the option says it is a projection.
/// A person's label is right with the rate's accuracy (``LabelingPriceBook/HumanRate/accuracy``)
/// and otherwise equally likely any wrong class; rows people label are scored by that
/// expectation (``ExpectedLabelCounts``), so the figures are deterministic.
///
/// Hybrids route exactly their share of the items: the least confident first, and where items
/// tie at the cutoff confidence, in a fixed pseudo-random order of the items (``routingOrder(_:)``),
/// not the file's, which may be sorted by class.
///
/// ```swift
/// let analysis = CostQualityAnalysis(inputs, prices: LabelingPriceBook())
/// analysis.options.filter(\.onFrontier)
/// analysis.recommendation(budget: 50)?.reason
/// ```
public struct CostQualityAnalysis: Sendable {
    /// What the analysis reads: labels and confidences of the evaluation split, confidences
    /// and LLM ledger entries of every item.
    public struct Inputs: Sendable {
        public var classCount: Int
        /// Gold labels of the evaluation split.
        public var gold: [Int]
        /// The label model over the rule LFs: predictions on the evaluation split.
        public var labelModel: [Int]
        /// Its confidence (largest class probability) on the evaluation split.
        public var labelModelConfidence: [Double]
        /// Its confidence on every item of the task (the evaluation split's items included),
        /// to route the same share of all items as of the evaluation split.
        public var allConfidence: [Double]
        /// Majority vote over the rule LFs on the evaluation split.
        public var majorityVote: [Int]
        /// How majority vote settled ties and uncovered rows, named in its row (`nil`: not said).
        public var majorityVoteTies: MajorityVoteTies?
        /// The label model with the LLM LF among its LFs, on the evaluation split (when there is one).
        public var labelModelWithLLM: [Int]?
        /// The LLM LF, when the task has one.
        public var llm: LLMAnswers?
        /// Seconds of applying the LFs and fitting, and of fitting alone.
        public var computeSeconds: Double
        /// Items people labeled already (review labels the label model is fit with): paid at
        /// the crowd rate and part of every option built on the label model.
        public var humanLabelsCollected: Int
        /// The end model trained on the label model's labels, when one was.
        public var endModel: EndModelAnswers?

        public init(classCount: Int, gold: [Int], labelModel: [Int], labelModelConfidence: [Double], allConfidence: [Double],
                    majorityVote: [Int], labelModelWithLLM: [Int]? = nil, llm: LLMAnswers? = nil, computeSeconds: Double = 0,
                    humanLabelsCollected: Int = 0) {
            precondition(labelModel.count == gold.count && labelModelConfidence.count == gold.count && majorityVote.count == gold.count,
                         "one label-model prediction, confidence and majority vote per evaluation item")
            precondition(labelModelWithLLM.map { $0.count == gold.count } ?? true, "one prediction per evaluation item")
            precondition(llm.map { $0.votes.count == gold.count && $0.allCosts.count == allConfidence.count } ?? true,
                         "LLM votes per evaluation item and ledger entries per task item")
            self.classCount = classCount
            self.gold = gold
            self.labelModel = labelModel
            self.labelModelConfidence = labelModelConfidence
            self.allConfidence = allConfidence
            self.majorityVote = majorityVote
            self.labelModelWithLLM = labelModelWithLLM
            self.llm = llm
            self.computeSeconds = computeSeconds
            self.humanLabelsCollected = humanLabelsCollected
        }
    }

    /// An end model's labels of the evaluation split and the machine time it took.
    public struct EndModelAnswers: Sendable {
        /// Its label per evaluation item.
        public var predictions: [Int]
        /// Seconds to train it and label every item: machine time on top of the label model's.
        public var seconds: Double

        public init(predictions: [Int], seconds: Double) {
            self.predictions = predictions
            self.seconds = seconds
        }
    }

    /// An LLM-prompt LF's answers and their ledger.
    public struct LLMAnswers: Sendable {
        /// The LF's name.
        public var name: String
        /// Its votes on the evaluation split (abstain where the answer meant no label or the call failed).
        public var votes: [Int]
        /// Per task item, what its call cost and took (`nil`: not in the ledger).
        public var allCosts: [(dollars: Double, seconds: Double)?]

        public init(name: String, votes: [Int], allCosts: [(dollars: Double, seconds: Double)?]) {
            self.name = name
            self.votes = votes
            self.allCosts = allCosts
        }
    }

    /// A recommendation within a budget.
    public struct Recommendation: Sendable, Equatable {
        /// The option, or `nil` when none fits the budget.
        public var option: LabelingOption?
        /// Why, in one or two sentences.
        public var reason: String
    }

    /// The shares of items hybrids route, least confident first.
    public static let routedShares: [Double] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75]

    /// A share left out because it routes the very items of the share before it (a task so
    /// small that rounding up gives both the same count).
    public struct SkippedShare: Sendable, Equatable {
        /// The share left out.
        public var share: Double
        /// The smaller share whose rows it repeats.
        public var sameAs: Double
    }

    /// Shares left out because they repeat a smaller one, in share order.
    public let skippedShares: [SkippedShare]

    /// The options, frontier marked, in a fixed order: the baselines, then hybrids by kind and
    /// share.
    public let options: [LabelingOption]
    /// Items the costs label: the task's, or the projection's.
    public let itemCount: Int
    /// Items of the task, measured (equal to ``itemCount`` unless projecting).
    public let measuredItemCount: Int
    /// How a projection to more items was made, when one was asked for.
    public let projection: String?
    /// Items of the evaluation split (what the quality is measured on).
    public let evaluationCount: Int
    /// The prices used.
    public let prices: LabelingPriceBook

    /// - Parameter projectedItems: price labeling this many items instead of the task's: every
    ///   per-item cost (LLM calls, people, machine time; hybrids' routed shares) scales from the
    ///   measured items, LF authoring and the review labels already paid stay, and quality stays
    ///   as measured. Every option then says it is a projection.
    public init(_ inputs: Inputs, prices: LabelingPriceBook = LabelingPriceBook(), projectedItems: Int? = nil) {
        self.prices = prices
        measuredItemCount = inputs.allConfidence.count
        itemCount = projectedItems ?? inputs.allConfidence.count
        evaluationCount = inputs.gold.count
        let scale = measuredItemCount > 0 ? Double(itemCount) / Double(measuredItemCount) : 1
        let projection = projectedItems.map { items in
            "projection to \(ReportNumbers.count(items)) items: per-item costs (LLM calls, people, machine time) scaled by \(ReportNumbers.fixed(scale, digits: 2))× from the \(ReportNumbers.count(inputs.allConfidence.count)) measured items; LF authoring and review labels already paid unchanged; quality as measured"
        }
        self.projection = projection
        let classes = inputs.classCount
        func metrics(_ predictions: [Int]) -> ClassificationMetrics {
            ClassificationMetrics(predictions: predictions, gold: inputs.gold, classCount: classes)
        }
        let items = Double(measuredItemCount)
        let computeHours = inputs.computeSeconds / 3600
        let reviewed = Double(inputs.humanLabelsCollected)
        // Fixed parts, then per-item parts: a projection scales only the latter.
        let fixedCost = prices.lfAuthoringCost + reviewed * prices.crowd.perItem
        let fixedHours = prices.lfAuthoringHours + reviewed / prices.crowd.itemsPerHour
        let baseCost = fixedCost + computeHours * prices.machinePerHour * scale
        let baseHours = fixedHours + computeHours * scale
        let ledger = inputs.llm.map { LedgerTotals($0.allCosts) }

        var options: [LabelingOption] = [
            LabelingOption(kind: .labelModel, name: "label model (rule LFs)", metrics: metrics(inputs.labelModel),
                           cost: baseCost, hours: baseHours),
            LabelingOption(kind: .majorityVote, name: "majority vote (rule LFs\(inputs.majorityVoteTies.map { "; " + $0.shortText } ?? ""))",
                           metrics: metrics(inputs.majorityVote), cost: baseCost, hours: baseHours,
                           majorityVoteTies: inputs.majorityVoteTies),
        ]
        if let endModel = inputs.endModel {
            precondition(endModel.predictions.count == inputs.gold.count, "one end-model prediction per evaluation item")
            let hours = endModel.seconds / 3600 * scale
            options.append(LabelingOption(kind: .endModel, name: "end model (text classifier on the label model's labels)",
                                          metrics: metrics(endModel.predictions), cost: baseCost + hours * prices.machinePerHour,
                                          hours: baseHours + hours))
        }
        if let llm = inputs.llm, let ledger {
            let all = ledger.sum(of: Array(0..<measuredItemCount))
            if let withLLM = inputs.labelModelWithLLM {
                options.append(LabelingOption(kind: .labelModelWithLLM, name: "label model (rule LFs + \(llm.name))",
                                              metrics: metrics(withLLM), cost: baseCost + all.dollars * scale,
                                              hours: baseHours + all.seconds / 3600 * scale, projectionNote: all.note))
            }
            options.append(LabelingOption(kind: .llmOnly, name: "LLM only (\(llm.name))", metrics: metrics(llm.votes),
                                          cost: all.dollars * scale, hours: all.seconds / 3600 * scale, projectionNote: all.note))
        }
        // People: each label right with the rate's accuracy, scored by its expectation.
        func peopleMetrics(accuracy: Double, routed: (Int) -> Bool) -> ClassificationMetrics {
            var counts = ExpectedLabelCounts(classCount: classes)
            for (row, gold) in inputs.gold.enumerated() {
                if routed(row) { counts.addNoisyLabel(accuracy: accuracy, gold: gold) } else { counts.add(prediction: inputs.labelModel[row], gold: gold) }
            }
            return counts.metrics
        }
        for (kind, rate) in [(LabelingOption.Kind.crowd, prices.crowd), (.expert, prices.expert)] {
            options.append(LabelingOption(kind: kind, name: "\(kind.rawValue) (\(ReportNumbers.percent(rate.accuracy)) accurate) labels every item",
                                          metrics: peopleMetrics(accuracy: rate.accuracy) { _ in true },
                                          cost: items * scale * rate.perItem, hours: items * scale / rate.itemsPerHour))
        }

        // Hybrids: each share of the evaluation split's items and of all items, least confident
        // first, ties at the cutoff in a fixed pseudo-random order.
        let evaluationOrder = Self.routingOrder(inputs.labelModelConfidence)
        let allOrder = Self.routingOrder(inputs.allConfidence)
        var skipped: [SkippedShare] = []
        var previous: (share: Double, evaluation: Int, all: Int)?
        for share in Self.routedShares where !evaluationOrder.isEmpty {
            let evaluationCount = Self.routedCount(share, of: evaluationOrder.count)
            let allCount = Self.routedCount(share, of: allOrder.count)
            if let previous, previous.evaluation == evaluationCount, previous.all == allCount {
                skipped.append(SkippedShare(share: share, sameAs: previous.share))
                continue
            }
            previous = (share, evaluationCount, allCount)
            var routedEvaluation = [Bool](repeating: false, count: evaluationOrder.count)
            for row in evaluationOrder.prefix(evaluationCount) { routedEvaluation[row] = true }
            let routedAll = Array(allOrder.prefix(allCount))
            let cutoff = inputs.labelModelConfidence[evaluationOrder[evaluationCount - 1]]
            let tie = Self.tieAtCutoff(inputs.labelModelConfidence, cutoff: cutoff, routed: evaluationOrder.prefix(evaluationCount))
            let routedShare = items > 0 ? Double(routedAll.count) / items : 0
            let label = "label model → %@, least confident \(ReportNumbers.percent(routedShare)) of items (confidence ≤ \(Self.format(cutoff)))"
            if let llm = inputs.llm, let ledger {
                let predictions = inputs.labelModel.indices.map { row in
                    routedEvaluation[row] && llm.votes[row] != VoteMatrix.abstain ? llm.votes[row] : inputs.labelModel[row]
                }
                let routed = ledger.sum(of: routedAll)
                options.append(LabelingOption(kind: .hybridLLM, name: label.replacingOccurrences(of: "%@", with: "LLM"), threshold: cutoff,
                                              routedShare: routedShare, metrics: metrics(predictions), cost: baseCost + routed.dollars * scale,
                                              hours: baseHours + routed.seconds / 3600 * scale, projectionNote: routed.note, tieAtCutoff: tie))
            }
            for (kind, rate, who) in [(LabelingOption.Kind.hybridCrowd, prices.crowd, "crowd"), (.hybridExpert, prices.expert, "experts")] {
                let people = Double(routedAll.count) * scale
                let whoAndAccuracy = "\(who) (\(ReportNumbers.percent(rate.accuracy)) accurate)"
                options.append(LabelingOption(kind: kind, name: label.replacingOccurrences(of: "%@", with: whoAndAccuracy), threshold: cutoff,
                                              routedShare: routedShare, metrics: peopleMetrics(accuracy: rate.accuracy) { routedEvaluation[$0] },
                                              cost: baseCost + people * rate.perItem, hours: baseHours + people / rate.itemsPerHour,
                                              tieAtCutoff: tie))
            }
        }
        skippedShares = skipped
        if let projection {
            for index in options.indices {
                options[index].projectionNote = [projection, options[index].projectionNote].compactMap { $0 }.joined(separator: "; ")
            }
        }
        self.options = Self.markingFrontier(options)
    }

    /// The most accurate option within `budget` dollars (the cheaper of equals), and why.
    public func recommendation(budget: Double) -> Recommendation {
        let affordable = options.filter { $0.cost <= budget }
        guard let best = affordable.max(by: { ($0.metrics.accuracy, -$0.cost) < ($1.metrics.accuracy, -$1.cost) }) else {
            let cheapest = options.min { $0.cost < $1.cost }
            return Recommendation(option: nil, reason: "Nothing fits \(ReportNumbers.dollars(budget)): the cheapest option, \(cheapest?.name ?? "none"), costs \(ReportNumbers.dollars(cheapest?.cost ?? 0)).")
        }
        var reason = "Within \(ReportNumbers.dollars(budget)), \(best.name) gives the highest accuracy, \(ReportNumbers.percent(best.metrics.accuracy)) on the \(ReportNumbers.count(evaluationCount)) evaluation items, for \(ReportNumbers.dollars(best.cost))."
        if let better = options.filter({ $0.metrics.accuracy > best.metrics.accuracy }).min(by: { $0.cost < $1.cost }) {
            reason += " The cheapest more accurate option, \(better.name) (\(ReportNumbers.percent(better.metrics.accuracy))), costs \(ReportNumbers.dollars(better.cost))."
        } else {
            reason += " No option is more accurate."
        }
        if best.projectionNote != nil { reason += " Part of its cost is projected: \(best.projectionNote!)" }
        return Recommendation(option: best, reason: reason)
    }

    /// The order hybrids route items in: least confident first; items of equal confidence in a
    /// fixed pseudo-random order (a hash of their position), so that a share cutting through
    /// a tie routes exactly its count, the same items on every run, without favouring the
    /// file's first items — a file sorted by class would otherwise bias the routed rows.
    /// - Complexity: O(n log n).
    public static func routingOrder(_ confidences: [Double]) -> [Int] {
        let keys = confidences.indices.map { index in
            var generator = SplitMix64(seed: 0x5EED_0F_71E5 ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
            return generator.next()
        }
        return confidences.indices.sorted { (confidences[$0], keys[$0], $0) < (confidences[$1], keys[$1], $1) }
    }

    /// Items a share routes of `count`: the share rounded up, at least one when there are items.
    static func routedCount(_ share: Double, of count: Int) -> Int {
        // Less a hair, so that 30% of 20 is 6, not the 7 that 6.000000000000001 rounds up to.
        min(count, max(1, Int((Double(count) * share - 1e-9).rounded(.up))))
    }

    /// How a cutoff splits the items of its confidence, when it does.
    static func tieAtCutoff(_ confidences: [Double], cutoff: Double, routed: ArraySlice<Int>) -> LabelingOption.TieAtCutoff? {
        let tied = confidences.lazy.filter { $0 == cutoff }.count
        let routedAtCutoff = routed.lazy.filter { confidences[$0] == cutoff }.count
        return routedAtCutoff < tied ? LabelingOption.TieAtCutoff(routed: routedAtCutoff, tied: tied) : nil
    }

    /// Marks the options no other beats: one is dominated when another costs no more and is at
    /// least as accurate, and is strictly better in one of the two.
    static func markingFrontier(_ options: [LabelingOption]) -> [LabelingOption] {
        options.map { option in
            var marked = option
            marked.onFrontier = !options.contains { other in
                other.cost <= option.cost && other.metrics.accuracy >= option.metrics.accuracy
                    && (other.cost < option.cost || other.metrics.accuracy > option.metrics.accuracy)
            }
            return marked
        }
    }

    static func format(_ value: Double) -> String { ReportNumbers.fixed(value, digits: 3) }
}

/// Sums of ledger entries over chosen items, with items the ledger lacks priced at its mean.
private struct LedgerTotals {
    let entries: [(dollars: Double, seconds: Double)?]
    let meanDollars: Double
    let meanSeconds: Double
    let known: Int

    init(_ entries: [(dollars: Double, seconds: Double)?]) {
        self.entries = entries
        let present = entries.compactMap { $0 }
        known = present.count
        meanDollars = present.isEmpty ? 0 : present.reduce(0) { $0 + $1.dollars } / Double(present.count)
        meanSeconds = present.isEmpty ? 0 : present.reduce(0) { $0 + $1.seconds } / Double(present.count)
    }

    func sum(of items: [Int]) -> (dollars: Double, seconds: Double, note: String?) {
        var dollars = 0.0, seconds = 0.0, missing = 0
        for item in items {
            if let entry = entries[item] {
                dollars += entry.dollars
                seconds += entry.seconds
            } else {
                missing += 1
            }
        }
        guard missing > 0 else { return (dollars, seconds, nil) }
        dollars += Double(missing) * meanDollars
        seconds += Double(missing) * meanSeconds
        let note = known > 0
            ? "projection: \(missing) of \(items.count) items have no answer in the LLM ledger; each is priced at the mean of the \(known) answers it has"
            : "projection impossible: the LLM ledger has no answers; ask the LLM LF first (wslabel apply)"
        return (dollars, seconds, note)
    }
}
