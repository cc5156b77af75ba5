/// Settings of the generative label model's EM fit.
///
/// The defaults are the variant that scored best across the WRENCH valid splits (see
/// `benchmarks/RESULTS.md`); ``GenerativeLabelModel/fitSelectingVariant`` searches a small
/// family around them when gold labels of a dev split are available.
public struct EMOptions: Sendable, Equatable, Codable {
    /// How each LF's conditional table is parameterized.
    public enum Tables: String, Sendable, Codable, CaseIterable {
        /// A free distribution over outcomes per (LF, true class).
        case full
        /// Per (LF, voted class o): one probability of voting o when o is true and one shared
        /// probability of voting o when it is not; abstain takes the rest. Fewer parameters,
        /// so sparse LFs cannot run away.
        case tied
    }

    /// How the class prior is obtained.
    public enum ClassBalance: Sendable, Equatable, Codable {
        /// Learned by EM with the other parameters.
        case estimated
        /// Held at the given distribution (e.g. the label frequencies of a small dev set).
        case fixed([Double])
    }

    /// Table parameterization.
    public var tables: Tables = .full
    /// Class prior.
    public var classBalance: ClassBalance = .estimated
    /// Strength of the Dirichlet prior on each LF's table, in pseudo-rows: 0 is maximum
    /// likelihood EM; larger values pull sparse LFs towards ``priorAccuracy``.
    public var priorStrength: Double = 0
    /// The accuracy the Dirichlet prior believes an LF has when it votes.
    public var priorAccuracy: Double = 0.7
    /// Weight of abstain evidence in the E-step (1 = the plain model).
    public var abstainWeight: Double = 1
    /// Upper bound on EM iterations.
    public var maxIterations: Int = 500
    /// EM stops when the log-likelihood per row changes by less than this.
    public var tolerance: Double = 1e-9

    public init(
        tables: Tables = .full, classBalance: ClassBalance = .estimated,
        priorStrength: Double = 0, priorAccuracy: Double = 0.7, abstainWeight: Double = 1,
        maxIterations: Int = 500, tolerance: Double = 1e-9
    ) {
        self.tables = tables
        self.classBalance = classBalance
        self.priorStrength = priorStrength
        self.priorAccuracy = priorAccuracy
        self.abstainWeight = abstainWeight
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }
}
