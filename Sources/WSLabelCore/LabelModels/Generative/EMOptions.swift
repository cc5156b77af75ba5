/// Settings of the generative label model's EM fit: one *variant* of the model.
///
/// The defaults are the *heavy prior*: tied tables, a uniform class prior, a Dirichlet prior of
/// 10 training sets believing every LF 70% accurate, and abstain weight 0.5 — close to a
/// majority vote that also reads abstains. It is the first variant ``GoldFreeSelection``
/// compares and keeps unless another is clearly better; ``VariantGrid`` lists the family a dev
/// split with gold labels scores (see `benchmarks/RESULTS.md`, robustness suite).
public struct EMOptions: Sendable, Equatable, Hashable, Codable {
    /// How each LF's conditional table is parameterized.
    public enum Tables: String, Sendable, Codable, CaseIterable {
        /// A free distribution over outcomes per (LF, true class).
        case full
        /// Per (LF, voted class o): one probability of voting o when o is true and one shared
        /// probability of voting o when it is not; abstain takes the rest. Fewer parameters,
        /// so sparse LFs cannot run away. Identical to `full` for two classes.
        case tied
    }

    /// How the class prior is obtained.
    public enum ClassBalance: Sendable, Equatable, Hashable, Codable {
        /// Learned by EM with the other parameters, starting from uniform.
        case estimated
        /// Held at the given distribution (e.g. uniform, or the label frequencies of a dev set).
        case fixed([Double])

        /// The uniform distribution over `classCount` classes.
        public static func uniform(_ classCount: Int) -> ClassBalance {
            .fixed([Double](repeating: 1 / Double(classCount), count: classCount))
        }
    }

    /// What ``priorStrength`` counts; saved as `training_rows` or `lf_votes`.
    public enum PriorUnit: String, Sendable, Codable, CaseIterable {
        /// Training rows: strength `λ` gives every LF's table `λ·N` pseudo-rows, a fixed share
        /// of the evidence however much data there is.
        case trainingRows = "training_rows"
        /// Each LF's own votes: strength `P` gives every LF's table `P` pseudo-votes, so the
        /// prior's share of an LF's evidence is `P / (P + its votes)` and washes out as the
        /// LF's votes grow. A sparse LF stays close to the prior; a dense LF on plenty of data
        /// is fit by its data.
        case lfVotes = "lf_votes"
    }

    /// Table parameterization.
    public var tables: Tables
    /// Class prior. `nil` means uniform over the task's classes.
    public var classBalance: ClassBalance?
    /// Strength of the Dirichlet prior on each LF's table, in units of ``priorUnit`` (by
    /// default the training-set size: `1` = as many pseudo-rows as real rows). `0` is
    /// maximum-likelihood EM.
    public var priorStrength: Double
    /// What ``priorStrength`` counts.
    public var priorUnit: PriorUnit
    /// The accuracy the Dirichlet prior believes an LF has when it votes.
    public var priorAccuracy: Double
    /// Weight of abstain evidence in the E-step and in prediction (1 = the plain model, 0 =
    /// only votes count).
    public var abstainWeight: Double
    /// Upper bound on EM iterations.
    public var maxIterations: Int
    /// EM stops when no parameter (table entry or prior) moves by more than this in an iteration.
    public var tolerance: Double
    /// Per-LF exponent `w_j` on LF `j`'s factor in the E-step and in prediction,
    /// `P(Y | λ) ∝ π · Π_j P(λ_j | Y)^(w_j)`; `nil` means every LF weighs 1 (the plain model).
    /// ``LFDependencies/weights`` gives `1 / |cluster|` to LFs found dependent, so a cluster of
    /// copies counts once. Each weight lies in `0...1`; the M-step does not use them.
    public var lfWeights: [Double]?

    public init(
        tables: Tables = .tied, classBalance: ClassBalance? = nil,
        priorStrength: Double = 10, priorUnit: PriorUnit = .trainingRows, priorAccuracy: Double = 0.7,
        abstainWeight: Double = 0.5, maxIterations: Int = 500, tolerance: Double = 1e-6, lfWeights: [Double]? = nil
    ) {
        self.tables = tables
        self.classBalance = classBalance
        self.priorStrength = priorStrength
        self.priorUnit = priorUnit
        self.priorAccuracy = priorAccuracy
        self.abstainWeight = abstainWeight
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.lfWeights = lfWeights
    }

    /// Textbook EM with abstain as an outcome: full tables, prior learned, no pseudo-counts.
    public static let maximumLikelihood = EMOptions(
        tables: .full, classBalance: .estimated, priorStrength: 0, abstainWeight: 1)

    /// The class prior to start from and to shape the pseudo-counts with.
    func referencePrior(classCount: Int) -> [Double] {
        if case let .fixed(balance)? = classBalance { return balance }
        return [Double](repeating: 1 / Double(classCount), count: classCount)
    }

    /// A short, stable description, e.g. `tied λ=10 prior=uniform w=0.5`.
    public var summary: String {
        let prior: String
        switch classBalance {
        case nil: prior = "uniform"
        case .estimated?: prior = "estimated"
        case let .fixed(balance)?:
            prior = Set(balance).count == 1 ? "uniform" : "fixed[" + balance.map { String(format3($0)) }.joined(separator: ",") + "]"
        }
        let strength = priorUnit == .lfVotes ? "P=\(format3(priorStrength))" : "λ=\(format3(priorStrength))"
        let weighted = lfWeights.map { weights in " lf-weights=\(weights.filter { $0 < 1 }.count)" } ?? ""
        return "\(tables.rawValue) \(strength) prior=\(prior) w=\(format3(abstainWeight))" + weighted
    }
}

extension EMOptions {
    private enum CodingKeys: String, CodingKey {
        case tables, classBalance, priorStrength, priorUnit, priorAccuracy, abstainWeight, maxIterations, tolerance, lfWeights
    }

    /// Decodes options, reading models saved before ``priorUnit`` and ``lfWeights`` existed as
    /// `.trainingRows` and unweighted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tables: try container.decode(Tables.self, forKey: .tables),
            classBalance: try container.decodeIfPresent(ClassBalance.self, forKey: .classBalance),
            priorStrength: try container.decode(Double.self, forKey: .priorStrength),
            priorUnit: try container.decodeIfPresent(PriorUnit.self, forKey: .priorUnit) ?? .trainingRows,
            priorAccuracy: try container.decode(Double.self, forKey: .priorAccuracy),
            abstainWeight: try container.decode(Double.self, forKey: .abstainWeight),
            maxIterations: try container.decode(Int.self, forKey: .maxIterations),
            tolerance: try container.decode(Double.self, forKey: .tolerance),
            lfWeights: try container.decodeIfPresent([Double].self, forKey: .lfWeights))
    }
}

/// A number with at most three decimals and no trailing zeros (10, 0.5, 0.125).
func format3(_ value: Double) -> String {
    var text = String(Int((value * 1000).rounded()))
    let negative = text.hasPrefix("-")
    if negative { text.removeFirst() }
    while text.count < 4 { text = "0" + text }
    var whole = String(text.dropLast(3)), fraction = String(text.suffix(3))
    while fraction.hasSuffix("0") { fraction.removeLast() }
    if whole.isEmpty { whole = "0" }
    return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
}
