#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// LF pairs that vote together more than conditional independence given the true class allows:
/// duplicated and correlated LFs, found without gold labels, with the evidence for each pair.
///
/// The generative model multiplies the LFs' likelihoods as if each LF were independent given
/// the class, so two copies of one LF count its evidence twice. This finds such pairs from the
/// votes and a fitted conditionally independent model, and gives each LF a weight
/// (``weights``) that makes a cluster of dependent LFs count as one LF in the model
/// (``EMOptions/lfWeights``).
///
/// **Evidence.** Each LF's votes become one-hot indicator columns, one per class it votes for
/// (abstain is the all-zero case), so unipolar LFs have one column and a K-class LF up to K;
/// this is the encoding the E-step's matrix products use, and it needs no sign convention for
/// K > 2 classes. With `q(y | row)` the model's posterior, the *soft within-class covariance*
///
///     W = G / N − Σ_y n_y μ_y μ_yᵀ / N,   G = Σ_rows x xᵀ,   n_y = Σ_rows q_y,   μ_y = Σ_rows q_y x / n_y
///
/// estimates `Σ_y π_y Cov(x | Y = y)`. Under conditional independence its entries between two
/// LFs are zero (the class explains all of their covariance), and in expectation over the
/// data they stay zero when the true class is replaced by the model's posterior; what remains
/// between two LFs is their dependence *given the class*. An off-diagonal entry is exactly the
/// observed co-vote rate minus the rate the model predicts, `Σ_y π_y P(λ_i = a | y) P(λ_j = b | y)`.
/// Two numbers per pair come from it:
///
/// - **agreement lift**: rows on which both vote the same class, observed ÷ expected under the
///   model (`Σ_rows Σ_y q_y μ_iy μ_jy` summed over the shared classes). Easy to read: 3.0 means
///   three times as many agreeing co-votes as independent LFs of the same accuracy would give.
/// - **partial correlation**: `W` is scaled to a correlation matrix, a ridge of
///   ``Thresholds/ridge`` is added to the diagonal, and it is inverted with LAPACKE
///   (`dpotrf`/`dpotri`); `ρ_ab = −P_ab / √(P_aa P_bb)` is the correlation of two columns given
///   the class *and every other LF*, so an LF related to another only through a third is not
///   flagged. A pair's value is the largest `ρ` between columns of the same class (agreeing
///   votes); pairs that share no class never agree and cannot double-count.
///
/// Exact duplicates (the same vote on every row, abstains included) are flagged as such.
///
/// **Rule.** A pair is dependent when it agrees on at least ``Thresholds/minimumAgreeingRows``
/// rows and is an exact duplicate, or has lift ≥ ``Thresholds/minimumLift`` *and* partial
/// correlation ≥ ``Thresholds/minimumPartialCorrelation``. The partial correlation decides;
/// the lift only makes sure the pair really agrees more than independent LFs would (lift alone
/// is large for rare LFs that meet by chance on a handful of rows, and small for wide LFs even
/// when one copies the other). When the columns are too many to invert (more than
/// ``Thresholds/maximumInvertedColumns``), ``Pair/partialCorrelation`` is `nil` and the rule
/// asks for lift ≥ ``Thresholds/liftWithoutPartialCorrelation`` instead.
///
/// **Clusters** are the connected components of the dependent pairs; ``weights`` gives each LF
/// of a cluster `1 / |cluster|`: exact for a cluster of identical LFs (their product counts
/// once), and a product-of-experts tempering for merely correlated ones.
///
/// ```swift
/// let model = try GenerativeLabelModel.fit(train)
/// let dependencies = LFDependencies(votes: train, model: model)
/// dependencies.pairs.first   // Pair(first: 2, second: 7, agreeingRows: 412, agreementLift: 3.1, …)
/// dependencies.clusters      // [[2, 7]]
/// dependencies.weights       // [1, 1, 0.5, 1, 1, 1, 1, 0.5]
/// ```
///
/// - Complexity: one E-step over the distinct vote patterns, `O(Σ_p v_p²)` for the co-vote
///   counts of patterns with `v_p` votes, and `O(d³)` for the inverse over `d` vote columns
///   (`d` = LFs for unipolar LFs); memory `O(d²)`. The result does not depend on the thread count.
public struct LFDependencies: Sendable, Equatable {
    /// One dependent pair and the numbers that make it one.
    public struct Pair: Sendable, Equatable {
        /// The LF with the lower column index.
        public var first: Int
        /// The LF with the higher column index.
        public var second: Int
        /// Rows on which both vote.
        public var coVoteRows: Int
        /// Rows on which both vote the same class.
        public var agreeingRows: Int
        /// Agreeing rows that conditional independence given the class predicts.
        public var expectedAgreeingRows: Double
        /// `agreeingRows / expectedAgreeingRows` (infinite when the model expects none).
        public var agreementLift: Double
        /// Largest partial correlation between same-class columns of the two LFs, given the
        /// class and all other LFs; `nil` when the columns were too many to invert.
        public var partialCorrelation: Double?
        /// Whether the two LFs cast the same vote (or both abstain) on every row.
        public var isExactDuplicate: Bool
    }

    /// The thresholds of the rule, public so reports can state them.
    public enum Thresholds {
        /// Agreeing co-votes a pair needs before it is judged: fewer is no evidence.
        public static let minimumAgreeingRows = 10
        /// Observed ÷ expected agreeing co-votes: the pair must agree at least 10% more often
        /// than independent LFs of the same tables would. A guard, not the main test: for LFs
        /// that fire on a large share of rows the lift is small even for a copy (a copy that
        /// repeats a 40%-coverage LF half the time measured lift 1.2), whereas between sparse
        /// independent LFs a few chance meetings give lifts of 2 and more.
        public static let minimumLift = 1.1
        /// Partial correlation between same-class columns: the main test. Measured on
        /// conditionally independent synthetic data (2 to 6 classes, 10 to 60 LFs, 2,000 to
        /// 20,000 rows) it stayed at or below 0.16; a copy that repeats its source 30% of the
        /// time reaches 0.24 to 0.31, half the time 0.41 to 0.48, and duplicates 0.99.
        public static let minimumPartialCorrelation = 0.2
        /// The lift asked for when no partial correlation is available.
        public static let liftWithoutPartialCorrelation = 2.0
        /// Ridge added to the diagonal of the within-class correlation matrix before inverting:
        /// keeps duplicates (singular columns) invertible and shrinks partial correlations
        /// slightly toward 0.
        public static let ridge = 0.01
        /// The most vote columns whose correlation matrix is inverted (`O(d³)`: about a second).
        public static let maximumInvertedColumns = 3000
    }

    /// Number of LFs.
    public let lfCount: Int
    /// Rows the statistics are over.
    public let rowCount: Int
    /// The dependent pairs, ordered by `(first, second)`.
    public let pairs: [Pair]
    /// Connected components of the dependent pairs with at least two LFs: each ascending,
    /// ordered by their first LF.
    public let clusters: [[Int]]

    /// Per LF: `1 / |cluster|` for an LF in a cluster, 1 otherwise: the ``EMOptions/lfWeights``
    /// that count each cluster once.
    public var weights: [Double] {
        var weights = [Double](repeating: 1, count: lfCount)
        for cluster in clusters {
            for lf in cluster { weights[lf] = 1 / Double(cluster.count) }
        }
        return weights
    }

    /// The model whose posterior stands in for the class when none is given: tied tables, a
    /// class prior estimated by EM, abstains counted fully (so the posterior is the model's
    /// own, which the within-class argument needs) and a light Dirichlet prior (strength 1).
    ///
    /// Why a light prior and not none: maximum-likelihood EM can *absorb* a dependency — it
    /// makes a pair of copies look near-perfect and lets them define the class, after which
    /// nothing looks dependent (measured: a copy agreeing half the time with its source, 30
    /// LFs, 5,000 rows: lift 1.00 under maximum likelihood, 9.7 under this model). A heavy
    /// prior (strength 10, abstain weight 0.5) does the opposite, leaving correlation the class
    /// should explain (partial correlation up to 0.23 between independent LFs, against 0.16
    /// here). Kept apart from ``EMOptions/init()`` so that detection does not move when the
    /// fitting defaults do.
    public static let detectionOptions = EMOptions(
        tables: .tied, classBalance: .estimated, priorStrength: 1, priorAccuracy: 0.7, abstainWeight: 1)

    /// Finds the dependent pairs of `votes` under a model fit for the purpose with
    /// ``detectionOptions``.
    ///
    /// - Parameters:
    ///   - votes: the votes to examine (normally the training votes).
    ///   - threads: worker threads; the result does not depend on it.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `votes` has no rows.
    public init(votes: VoteMatrix, threads: Int? = nil) throws {
        guard votes.rowCount > 0 else { throw WSLabelError.invalidArgument("no rows to look for dependent LFs in") }
        let model = try GenerativeLabelModel.fit(votes, options: Self.detectionOptions, threads: threads)
        self.init(votes: votes, model: model, threads: threads)
    }

    /// Finds the dependent pairs of `votes` under `model`.
    ///
    /// - Parameters:
    ///   - votes: the votes to examine (normally the training votes the model was fit on).
    ///   - model: a conditionally independent model of those votes; its posterior stands in
    ///     for the unknown class.
    ///   - threads: worker threads of the E-step; the result does not depend on it.
    /// - Precondition: `votes` has the model's LFs and classes.
    public init(votes: VoteMatrix, model: GenerativeLabelModel, threads: Int? = nil) {
        precondition(votes.lfCount == model.lfCount && votes.classCount == model.classCount,
                     "LFDependencies: the votes must have the model's LFs and classes")
        let detected = Self.evidence(votes: votes, model: model, threads: threads).filter(Self.isDependent)
        lfCount = votes.lfCount
        rowCount = votes.rowCount
        pairs = detected
        clusters = Self.components(of: detected, lfCount: votes.lfCount)
    }

    /// The rule: an exact duplicate, or lift and partial correlation both at their thresholds
    /// (lift ≥ ``Thresholds/liftWithoutPartialCorrelation`` when there is no partial correlation).
    /// Pairs with fewer than ``Thresholds/minimumAgreeingRows`` agreeing rows are never dependent.
    static func isDependent(_ pair: Pair) -> Bool {
        guard pair.agreeingRows >= Thresholds.minimumAgreeingRows else { return false }
        if pair.isExactDuplicate { return true }
        guard let partial = pair.partialCorrelation else {
            return pair.agreementLift >= Thresholds.liftWithoutPartialCorrelation
        }
        return pair.agreementLift >= Thresholds.minimumLift && partial >= Thresholds.minimumPartialCorrelation
    }

    /// The evidence of every pair that shares a voted class and agrees on at least
    /// ``Thresholds/minimumAgreeingRows`` rows, dependent or not, ordered by `(first, second)`.
    static func evidence(votes: VoteMatrix, model: GenerativeLabelModel, threads: Int?) -> [Pair] {
        let classes = votes.classCount, lfs = votes.lfCount
        let patterns = VotePatterns(votes, mapsRows: false)
        let sweep = PatternSweep(patterns: patterns, threads: threads ?? defaultThreadCount())
        let (eWeights, bias) = EStepParameters.make(
            prior: model.classPrior, tables: model.tables, abstainWeight: model.options.abstainWeight,
            lfWeights: model.options.lfWeights, columns: sweep.activeColumns)
        let statistics = sweep.run(.model(weights: eWeights, bias: bias), accumulate: true, keepingPosteriors: false)

        let d = sweep.columnCount
        let rows = patterns.counts.reduce(0, +)
        // Co-vote counts G over the materialized columns (upper triangle, then mirrored).
        var gram = [Double](repeating: 0, count: d * d)
        for pattern in 0..<patterns.count {
            let storage = patterns.storageRange(ofPattern: pattern), count = patterns.counts[pattern]
            for first in storage {
                let a = Int(sweep.compactColumn[Int(patterns.lfIndices[first]) * classes + Int(patterns.classVotes[first])])
                for second in first..<storage.upperBound {
                    let b = Int(sweep.compactColumn[Int(patterns.lfIndices[second]) * classes + Int(patterns.classVotes[second])])
                    gram[min(a, b) * d + max(a, b)] += count
                }
            }
        }
        for a in 0..<d { for b in 0..<a { gram[a * d + b] = gram[b * d + a] } }
        // Expected co-votes under the model: T Tᵀ with T[a][y] = S[a][y] / √n_y.
        var scaled = [Double](repeating: 0, count: d * classes), scaledTransposed = scaled
        for (position, column) in sweep.activeColumns.enumerated() {
            for label in 0..<classes where statistics.classMass[label] > 0 {
                let value = statistics.voteCounts[column * classes + label] / statistics.classMass[label].squareRoot()
                scaled[position * classes + label] = value
                scaledTransposed[label * d + position] = value
            }
        }
        var expected = [Double](repeating: 0, count: d * d)
        if d > 0 {
            BLAS.gemm(rows: d, columns: d, inner: classes, a: scaled, b: scaledTransposed, c: &expected)
        }
        let partial = d <= Thresholds.maximumInvertedColumns
            ? Self.partialCorrelations(gram: gram, expected: expected, order: d, rows: rows) : nil

        // Per LF, its columns by class (-1 when it never votes that class).
        var columnOf = [Int](repeating: -1, count: lfs * classes)
        for (position, column) in sweep.activeColumns.enumerated() { columnOf[column] = position }
        var detected: [Pair] = []
        for i in 0..<lfs {
            for j in (i + 1)..<max(i + 1, lfs) {
                var agree = 0.0, expectedAgree = 0.0, coVotes = 0.0, strongest: Double? = nil, shares = false
                for k in 0..<classes {
                    let a = columnOf[i * classes + k]
                    guard a >= 0 else { continue }
                    for l in 0..<classes {
                        let b = columnOf[j * classes + l]
                        guard b >= 0 else { continue }
                        coVotes += gram[a * d + b]
                        guard k == l else { continue }
                        shares = true
                        agree += gram[a * d + b]
                        expectedAgree += expected[a * d + b]
                        if let partial { strongest = max(strongest ?? -1, partial[a * d + b]) }
                    }
                }
                guard shares, Int(agree) >= Thresholds.minimumAgreeingRows else { continue }
                let votesI = (0..<classes).reduce(0.0) { $0 + (columnOf[i * classes + $1] >= 0 ? gram[columnOf[i * classes + $1] * (d + 1)] : 0) }
                let votesJ = (0..<classes).reduce(0.0) { $0 + (columnOf[j * classes + $1] >= 0 ? gram[columnOf[j * classes + $1] * (d + 1)] : 0) }
                let duplicate = agree == votesI && agree == votesJ
                let lift = expectedAgree > 0 ? agree / expectedAgree : .infinity
                detected.append(Pair(first: i, second: j, coVoteRows: Int(coVotes), agreeingRows: Int(agree),
                                     expectedAgreeingRows: expectedAgree, agreementLift: lift,
                                     partialCorrelation: strongest, isExactDuplicate: duplicate))
            }
        }
        return detected
    }

    /// Partial correlations between vote columns given the class and all other columns, from
    /// the soft within-class covariance `(G − E) / N`; `nil` when LAPACKE finds the ridged
    /// correlation matrix not positive definite (it is, up to rounding, by construction).
    static func partialCorrelations(gram: [Double], expected: [Double], order d: Int, rows: Double) -> [Double]? {
        guard d > 0, rows > 0 else { return [] }
        var covariance = [Double](repeating: 0, count: d * d)
        for index in 0..<(d * d) { covariance[index] = (gram[index] - expected[index]) / rows }
        // Columns without within-class variance (an LF that votes on every row, or never) are
        // left out: identity rows, partial correlation 0.
        let scale = (0..<d).map { a -> Double in
            let variance = covariance[a * d + a]
            return variance > 1e-12 ? 1 / variance.squareRoot() : 0
        }
        var correlation = [Double](repeating: 0, count: d * d)
        for a in 0..<d {
            for b in 0..<d {
                correlation[a * d + b] = a == b ? 1 + Thresholds.ridge : covariance[a * d + b] * scale[a] * scale[b]
            }
        }
        guard let precision = LAPACK.inverseOfPositiveDefinite(correlation, order: d) else { return nil }
        var partial = [Double](repeating: 0, count: d * d)
        for a in 0..<d {
            for b in 0..<d where a != b && scale[a] > 0 && scale[b] > 0 {
                partial[a * d + b] = -precision[a * d + b] / (precision[a * d + a] * precision[b * d + b]).squareRoot()
            }
        }
        return partial
    }

    /// Connected components with at least two LFs, each ascending, ordered by first member.
    static func components(of pairs: [Pair], lfCount: Int) -> [[Int]] {
        var parent = Array(0..<lfCount)
        func root(_ lf: Int) -> Int {
            var lf = lf
            while parent[lf] != lf {
                parent[lf] = parent[parent[lf]]
                lf = parent[lf]
            }
            return lf
        }
        for pair in pairs {
            let (a, b) = (root(pair.first), root(pair.second))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var members: [Int: [Int]] = [:]
        for lf in 0..<lfCount { members[root(lf), default: []].append(lf) }
        return members.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
    }
}
