/// What a labeling run does: which model, how it is chosen, how ties are settled.
public struct LabelingRunConfiguration: Sendable {
    /// The label model to fit.
    public enum ModelKind: String, Sendable, CaseIterable {
        /// The generative model fit by EM (the default).
        case em
        /// Majority vote, the baseline.
        case mv
    }

    /// How ties between equally probable classes are settled.
    public enum TieChoice: String, Sendable, CaseIterable {
        /// The model's own rule: EM gives ties to the class with the larger expected share of
        /// the training rows; majority vote gives the items no LF votes on the most likely class
        /// of the dev gold's class balance (without dev gold: of its own labels on the covered
        /// train items) and draws among classes tied by voting LFs at random (seeded), as WRENCH
        /// does.
        case model
        /// No label for a tied item.
        case abstain
        /// The class more frequent in the dev split's gold labels (uniform without them:
        /// the lower class index).
        case prior
        /// A seeded random draw among the tied classes, the items no LF votes on included:
        /// WRENCH's majority vote, what published majority-vote figures mean.
        case random
    }

    public var model: ModelKind = .em
    /// Seed of every random choice (only random tie-breaks draw).
    public var seed: UInt64 = 0
    public var ties: TieChoice = .model
    /// The split whose gold labels choose the EM variant and give the class balance. A split
    /// named here must exist and have gold labels; `nil` takes ``defaultDevSplit`` when the
    /// splits have it with gold labels, and otherwise none.
    public var devSplit: String?
    /// The dev split when none is named.
    public static let defaultDevSplit = "valid"
    /// The name of the dev split used: ``devSplit``, or ``defaultDevSplit``.
    public var devSplitName: String { devSplit ?? Self.defaultDevSplit }
    /// The metric that chooses the EM variant on the dev split.
    public var selectionMetric: SelectionMetric = .accuracy
    /// A fixed EM variant; when set, no variant is selected.
    public var fixedVariant: EMOptions?
    /// Choose the EM variant without gold labels (``GoldFreeSelection``) even when a dev split
    /// has them; the dev gold then neither chooses the variant nor sets the class balance.
    public var goldFree: Bool = false
    /// How the dev split's winner is weighed against the variant chosen without gold.
    public enum DevChoice: String, Sendable, CaseIterable {
        /// The dev winner replaces the gold-free choice only when it is better on the dev rows
        /// by a standard error (``VariantSelection/requiredAdvantage``).
        case guarded
        /// The dev winner, however small its lead.
        case best
    }

    /// How the dev split's winner is weighed against the gold-free choice.
    public var devChoice: DevChoice = .guarded
    /// Also fit on the dev split's labeled items, their class fixed (semi-supervised EM); the
    /// dev split still chooses the variant.
    public var semiSupervised: Bool = false
    /// Worker threads (nil: every core). Outputs do not depend on it.
    public var threads: Int?
    /// Which LFs EM counts once as a group (``EMOptions/lfWeights``): in every variant fit,
    /// gold-free or dev-scored. Majority vote ignores it.
    public enum DependentLFs: String, Sendable, CaseIterable {
        /// Exact duplicates (``DuplicateLFs``): in the model they add no information, so this is
        /// exact for the model; on trec, the one real set with duplicates, it costs 0.4 points
        /// (benchmarks/RESULTS.md), so it is not the default.
        case duplicates
        /// Every cluster of dependent LFs (``LFDependencies``), duplicates or correlated copies;
        /// helps where copies are the only thing wrong, hurts real LF sets (RESULTS.md).
        case clusters
        /// Every LF counts fully (the default).
        case off
    }

    /// Which LFs EM counts once as a group.
    public var dependentLFs: DependentLFs = .off

    public init(
        model: ModelKind = .em, seed: UInt64 = 0, ties: TieChoice = .model, devSplit: String? = nil,
        selectionMetric: SelectionMetric = .accuracy, fixedVariant: EMOptions? = nil, goldFree: Bool = false,
        devChoice: DevChoice = .guarded, semiSupervised: Bool = false,
        threads: Int? = nil, dependentLFs: DependentLFs = .off
    ) {
        self.model = model
        self.seed = seed
        self.ties = ties
        self.devSplit = devSplit
        self.selectionMetric = selectionMetric
        self.fixedVariant = fixedVariant
        self.goldFree = goldFree
        self.devChoice = devChoice
        self.semiSupervised = semiSupervised
        self.threads = threads
        self.dependentLFs = dependentLFs
    }
}
