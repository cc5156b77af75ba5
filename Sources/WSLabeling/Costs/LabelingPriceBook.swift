/// What labels cost when people make them, what LF authoring costs, and what machine time
/// costs: the prices `wslabel cost` compares weak supervision, LLMs and people with. LLM
/// prices live with the endpoints (`llm.prices` in the task file); LLM token counts and call
/// times come only from the response cache's ledger.
///
/// Every default says where its figure comes from; a task file's `costs` section overrides
/// any of them:
///
/// ```yaml
/// costs:
///   crowd: {per_item: 0.25, items_per_hour: 100, accuracy: 0.85}
///   expert: {per_item: 10, items_per_hour: 20, accuracy: 0.95}
///   lf_authoring: {hours: 6, hourly_rate: 63.59}
///   machine: {per_hour: 0.08925}
/// ```
public struct LabelingPriceBook: Sendable, Equatable {
    /// People labeling items: what a label costs, how fast it comes, and how often it is right.
    public struct HumanRate: Sendable, Equatable {
        /// Dollars per labeled item.
        public var perItem: Double
        /// Items one person labels in an hour.
        public var itemsPerHour: Double
        /// Where the price and speed come from.
        public var source: String
        /// Probability that one person's label is right. A wrong label is taken to be equally
        /// likely any wrong class, so the cost analysis scores people's rows by the expected
        /// metrics (``ExpectedLabelCounts``), not by the gold labels themselves.
        public var accuracy: Double
        /// Where the accuracy comes from.
        public var accuracySource: String

        /// - Precondition: `perItem` ≥ 0, `itemsPerHour` > 0, `accuracy` in [0, 1].
        public init(perItem: Double, itemsPerHour: Double, source: String, accuracy: Double, accuracySource: String) {
            precondition(perItem >= 0 && itemsPerHour > 0, "a human rate needs a price ≥ 0 and a positive speed")
            precondition((0...1).contains(accuracy), "an accuracy is a probability")
            self.perItem = perItem
            self.itemsPerHour = itemsPerHour
            self.source = source
            self.accuracy = accuracy
            self.accuracySource = accuracySource
        }
    }

    /// Crowd workers (e.g. Mechanical Turk through a labeling platform).
    public var crowd: HumanRate
    /// Domain experts.
    public var expert: HumanRate
    /// Hours spent writing and checking the LFs, and what an hour of that costs.
    public var lfAuthoringHours: Double
    public var lfAuthoringHourlyRate: Double
    public var lfAuthoringSource: String
    /// Dollars per hour of the machine that applies LFs and fits the label model.
    public var machinePerHour: Double
    public var machineSource: String

    public init(crowd: HumanRate = Self.defaultCrowd, expert: HumanRate = Self.defaultExpert,
                lfAuthoringHours: Double = 8, lfAuthoringHourlyRate: Double = 63.59,
                lfAuthoringSource: String = Self.defaultAuthoringSource,
                machinePerHour: Double = 0.08925, machineSource: String = Self.defaultMachineSource) {
        precondition(lfAuthoringHours >= 0 && lfAuthoringHourlyRate >= 0 && machinePerHour >= 0, "prices must not be negative")
        self.crowd = crowd
        self.expert = expert
        self.lfAuthoringHours = lfAuthoringHours
        self.lfAuthoringHourlyRate = lfAuthoringHourlyRate
        self.lfAuthoringSource = lfAuthoringSource
        self.machinePerHour = machinePerHour
        self.machineSource = machineSource
    }

    /// $0.25 an item at 100 items an hour: the middle of the crowd range $0.10–$0.50 at 50–200
    /// items an hour that wslabel's cost issue sets for short-text classification. For scale:
    /// SageMaker Ground Truth lists Mechanical Turk text classification at $0.012 per worker
    /// and item, with 3–5 workers per item by default, before its own per-object fee.
    ///
    /// Accuracy 85%: an assumption, not a measurement. Single crowd workers are less reliable
    /// than experts — Snow et al. ("Cheap and Fast — But is it Good?", EMNLP 2008) found one
    /// Mechanical Turk worker's label below one expert's on all five language tasks they ran,
    /// several workers' labels being needed to match an expert — but no one figure holds across
    /// tasks. Measured review labels replace it (``TaskCostAnalysis``); so does the task file.
    public static let defaultCrowd = HumanRate(
        perItem: 0.25, itemsPerHour: 100,
        source: "middle of $0.10–$0.50 per item at 50–200 items/hour (crowd text classification); Ground Truth lists MTurk text classification at $0.012 per worker-label, 3–5 workers per item",
        accuracy: 0.85,
        accuracySource: "an assumption, not a measurement: one crowd worker's label (Snow et al., EMNLP 2008, found single Mechanical Turk workers less reliable than an expert on all five tasks they ran); set costs.crowd.accuracy or import review labels to measure it")
    /// $10 an item at 20 items an hour: the middle of the expert range $5–$20 at 10–30 items an
    /// hour. Accuracy 95%: an assumption — experts disagree with a gold standard too (Snow et
    /// al. 2008 measured single experts against their own gold standards below 100%), but far
    /// less than the crowd.
    public static let defaultExpert = HumanRate(
        perItem: 10, itemsPerHour: 20, source: "middle of $5–$20 per item at 10–30 items/hour (domain-expert labels)",
        accuracy: 0.95,
        accuracySource: "an assumption: experts disagree with a gold standard too (Snow et al., EMNLP 2008, measured single experts below 100% against theirs); set costs.expert.accuracy")
    /// One working day at the median US software developer's hourly pay.
    public static let defaultAuthoringSource =
        "8 hours (one working day; set yours) at $63.59/hour, the median pay of US software developers (BLS, May 2023)"
    /// A 2-core cloud machine like the one the benchmarks ran on.
    public static let defaultMachineSource = "AWS EC2 c7i.large (2 vCPU) on demand, us-east-1, $0.08925/hour (2025)"

    /// Dollars of LF authoring.
    public var lfAuthoringCost: Double { lfAuthoringHours * lfAuthoringHourlyRate }
}
