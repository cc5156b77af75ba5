#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The parameters EM iterates on: the conditional tables (flattened `[lf][trueClass][outcome]`)
/// and the class prior.
struct EMPoint {
    var tables: [Double]
    var prior: [Double]

    /// The largest absolute difference of any table entry or prior entry (EM's stopping rule).
    func maxDifference(from other: EMPoint) -> Double {
        var largest = 0.0
        for index in tables.indices { largest = max(largest, abs(tables[index] - other.tables[index])) }
        for index in prior.indices { largest = max(largest, abs(prior[index] - other.prior[index])) }
        return largest
    }
}

/// SQUAREM (Varadhan & Roland 2008, "Simple and globally convergent methods for accelerating
/// the convergence of any EM algorithm", scheme SqS3) on top of plain EM steps.
///
/// From three consecutive EM points `θ₀`, `θ₁ = F(θ₀)`, `θ₂ = F(θ₁)`, with `r = θ₁ − θ₀` and
/// `v = θ₂ − 2θ₁ + θ₀`, the step length `α = −‖r‖/‖v‖` (at most −1) gives the extrapolated
/// point `θ′ = θ₀ − 2αr + α²v`; `α = −1` gives `θ₂`, plain EM. EM continues from `θ′`, so the
/// next EM step both stabilizes the jump and tells whether to keep it.
///
/// Safeguards, so that the accelerated fit reaches the fixed point plain EM reaches:
/// - *feasibility*: `θ′` is an affine combination of EM points, so every (LF, class) row of the
///   tables and the prior still sums to 1 and tied tables stay tied; when an entry leaves
///   `[probabilityFloor/10, 1]` the step is halved towards −1 (`α ← (α − 1)/2`) until it is
///   inside, and below `|α| < 1.05` plain EM's `θ₂` is used.
/// - *progress*: with abstain weight 1 the EM step ascends the (penalized) log-likelihood
///   `ℓ(θ) + Σ α_jco · log θ_jco` (Dirichlet pseudo-counts `α`), and `θ′` is kept only when its
///   objective is at least that of `θ₁`; with abstain weight below 1 the step is a tempered
///   fixed-point map that ascends no objective, so `θ′` is kept only when its fixed-point
///   residual `‖F(θ′) − θ′‖∞` is at most that of `θ₁` (`‖θ₂ − θ₁‖∞`). A rejected `θ′` costs
///   the one EM step that judged it, and EM continues from `θ₂` as if no extrapolation had
///   been tried. The cap on the step length (``maxStep``) follows the package SQUAREM's rule.
///
/// EM stops, as without acceleration, when one EM step moves no parameter by more than the
/// tolerance, so the result is an EM point within the tolerance of a fixed point of the same map.
struct SquaredExtrapolation {
    /// Pseudo-counts whose `Σ α log θ` joins the log-likelihood in the objective, or `nil` when
    /// no objective exists (abstain weight below 1) and the residual judges instead.
    let objectivePseudoCounts: [Double]?

    /// Longest step length `|α|` tried: starts at 4, ×4 after an accepted step that reached
    /// it, ÷4 (not below 4) after a rejected one (the package SQUAREM's `step.max` rule).
    private(set) var maxStep = 4.0
    /// EM points of the current cycle, each with the sweep statistics of its E-step.
    private var history: [(point: EMPoint, statistics: PatternSweep.Result)] = []
    /// The extrapolated point waiting for its judgement: the bar it must clear, whether its
    /// step length was the cap, and plain EM's points to fall back to (`θ₁` with its E-step, `θ₂`).
    private var pending: (bar: Double, capped: Bool, theta1: (point: EMPoint, statistics: PatternSweep.Result), theta2: EMPoint)?
    /// Extrapolations kept and rejected (for tests and benchmarks).
    private(set) var accepted = 0, rejected = 0

    /// How much larger than `θ₁`'s the residual of an extrapolated point may be (no objective).
    static let residualSlack = 10.0
    /// How much lower than `θ₁`'s the objective of an extrapolated point may be, in nats (the
    /// package SQUAREM's `objfn.inc` default).
    static let objectiveSlack = 1.0

    init(objective pseudoCounts: [Double]?) {
        objectivePseudoCounts = pseudoCounts
    }

    /// Given the last EM step `point → next` (with `statistics` the E-step at `point`), returns
    /// the point EM continues from: `next`, plain EM's `θ₂` after a rejected extrapolation, or
    /// a new extrapolated point.
    mutating func advance(from point: EMPoint, to next: EMPoint, statistics: PatternSweep.Result) -> EMPoint {
        if let judged = pending {
            pending = nil
            // `point` is the extrapolated point θ′ and `statistics` its E-step.
            let score = judge(point: point, next: next, statistics: statistics)
            if score >= judged.bar {
                accepted += 1
                if judged.capped { maxStep = min(maxStep * 4, 4096) }
                // θ′ starts the next cycle; EM continues from F(θ′).
                history = [(point, statistics)]
                return next
            }
            rejected += 1
            maxStep = max(4, maxStep / 4)
            // As if no extrapolation had been tried: θ₁ starts the next cycle, EM continues from θ₂.
            history = [judged.theta1]
            return judged.theta2
        }
        history.append((point, statistics))
        guard history.count == 2 else { return next }
        let theta0 = history[0].point, theta1 = history[1], theta2 = next
        history = [theta1]
        var rSquared = 0.0, vSquared = 0.0
        func accumulate(_ a: [Double], _ b: [Double], _ c: [Double]) {
            for index in a.indices {
                let r = b[index] - a[index], v = c[index] - 2 * b[index] + a[index]
                rSquared += r * r
                vSquared += v * v
            }
        }
        accumulate(theta0.tables, theta1.point.tables, theta2.tables)
        accumulate(theta0.prior, theta1.point.prior, theta2.prior)
        let length = (rSquared / vSquared).squareRoot()
        guard vSquared > 0, length.isFinite, length > 1.05 else { return theta2 }
        var alpha = -min(maxStep, length)
        let capped = length >= maxStep
        let floor = MaximizationStep.probabilityFloor / 10
        while alpha < -1.05 {
            let candidate = EMPoint(
                tables: Self.extrapolate(theta0.tables, theta1.point.tables, theta2.tables, alpha),
                prior: Self.extrapolate(theta0.prior, theta1.point.prior, theta2.prior, alpha))
            if candidate.tables.allSatisfy({ $0 >= floor && $0 <= 1 }) && candidate.prior.allSatisfy({ $0 >= floor && $0 <= 1 }) {
                // The bar: θ₁'s objective (its E-step gave the likelihood) or its residual.
                var bar = judge(point: theta1.point, next: theta2, statistics: theta1.statistics)
                if objectivePseudoCounts == nil { bar *= Self.residualSlack } else { bar -= Self.objectiveSlack }
                pending = (bar, capped, theta1, theta2)
                history = []
                return candidate
            }
            alpha = (alpha - 1) / 2
        }
        return theta2
    }

    /// The higher-is-better score of `point`: its penalized log-likelihood, or minus its
    /// fixed-point residual.
    private func judge(point: EMPoint, next: EMPoint, statistics: PatternSweep.Result) -> Double {
        guard let pseudoCounts = objectivePseudoCounts else { return -next.maxDifference(from: point) }
        var objective = statistics.logLikelihood
        for index in pseudoCounts.indices where pseudoCounts[index] > 0 {
            objective += pseudoCounts[index] * log(point.tables[index])
        }
        return objective
    }

    /// `θ₀ − 2αr + α²v` entry by entry.
    private static func extrapolate(_ theta0: [Double], _ theta1: [Double], _ theta2: [Double], _ alpha: Double) -> [Double] {
        var result = [Double](repeating: 0, count: theta0.count)
        for index in theta0.indices {
            let r = theta1[index] - theta0[index], v = theta2[index] - 2 * theta1[index] + theta0[index]
            result[index] = theta0[index] - 2 * alpha * r + alpha * alpha * v
        }
        return result
    }
}
