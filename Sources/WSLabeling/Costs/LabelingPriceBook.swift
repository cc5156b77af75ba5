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
///   crowd: {per_item: 0.25, items_per_hour: 100}
///   expert: {per_item: 10, items_per_hour: 20}
///   lf_authoring: {hours: 6, hourly_rate: 63.59}
///   machine: {per_hour: 0.08925}
/// ```
public struct LabelingPriceBook: Sendable, Equatable {
    /// People labeling items.
    public struct HumanRate: Sendable, Equatable {
        /// Dollars per labeled item.
        public var perItem: Double
        /// Items one person labels in an hour.
        public var itemsPerHour: Double
        /// Where the figures come from.
        public var source: String

        public init(perItem: Double, itemsPerHour: Double, source: String) {
            precondition(perItem >= 0 && itemsPerHour > 0, "a human rate needs a price ≥ 0 and a positive speed")
            self.perItem = perItem
            self.itemsPerHour = itemsPerHour
            self.source = source
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
    public static let defaultCrowd = HumanRate(
        perItem: 0.25, itemsPerHour: 100,
        source: "middle of $0.10–$0.50 per item at 50–200 items/hour (crowd text classification); Ground Truth lists MTurk text classification at $0.012 per worker-label, 3–5 workers per item")
    /// $10 an item at 20 items an hour: the middle of the expert range $5–$20 at 10–30 items an hour.
    public static let defaultExpert = HumanRate(
        perItem: 10, itemsPerHour: 20, source: "middle of $5–$20 per item at 10–30 items/hour (domain-expert labels)")
    /// One working day at the median US software developer's hourly pay.
    public static let defaultAuthoringSource =
        "8 hours (one working day; set yours) at $63.59/hour, the median pay of US software developers (BLS, May 2023)"
    /// A 2-core cloud machine like the one the benchmarks ran on.
    public static let defaultMachineSource = "AWS EC2 c7i.large (2 vCPU) on demand, us-east-1, $0.08925/hour (2025)"

    /// Dollars of LF authoring.
    public var lfAuthoringCost: Double { lfAuthoringHours * lfAuthoringHourlyRate }
}
