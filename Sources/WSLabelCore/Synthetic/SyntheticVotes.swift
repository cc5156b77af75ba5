/// A vote matrix drawn from a *known* generative label model, with the true labels and the true
/// parameters: ground truth for parameter-recovery tests and for scale benchmarks.
///
/// The model is the one ``GenerativeLabelModel`` fits: a class prior, and LFs that vote
/// independently given the true class `Y`. Each LF is described the way people talk about LFs:
///
/// - **coverage** `cov_j`: the probability that it votes at all;
/// - **accuracy** `acc_j`: the probability that a vote is the true class (the same definition as
///   ``ConditionalTables/accuracy(lf:prior:)`` and ``GenerativeLabelModel/learnedAccuracies``);
/// - **polarity**: `nil` for an LF that may vote any class (it votes with probability `cov_j`
///   whatever `Y` is; a wrong vote is uniform over the other classes), or a class `u` for a
///   *unipolar* LF that only ever votes `u`. A unipolar LF carries its information in *when* it
///   votes: `P(vote | Y = u) = acc·cov/π_u` and `P(vote | Y ≠ u) = (1 − acc)·cov/(1 − π_u)`, so its
///   abstain probability depends on the class.
///
/// ```swift
/// let truth = try SyntheticVotes.Parameters.realistic(lfCount: 10, classCount: 2, seed: 7)
/// let data = try SyntheticVotes(parameters: truth, rows: 100_000, seed: 1)
/// let model = try GenerativeLabelModel.fit(data.matrix, options: .maximumLikelihood)
/// // model.learnedAccuracies ≈ truth.accuracies, model.classPrior ≈ truth.classBalance
/// ```
///
/// Generation writes straight into the matrix's compressed rows (no dense intermediate, no
/// per-row arrays) and is deterministic: the same parameters, row count and seed give the same
/// matrix and labels on every platform.
public struct SyntheticVotes: Sendable {
    /// The most rows one draw makes: with its per-row index and label, 900 MB before any vote.
    public static let maxRowCount = 100_000_000
    /// The most votes one draw is expected to hold (3 bytes each: 3 GB), so that a request
    /// beyond the memory of the machines wslabel targets is an error, not an allocation failure.
    public static let maxExpectedVoteCount = 1_000_000_000

    /// The drawn votes.
    public let matrix: VoteMatrix
    /// The true class of each row (a byte per row: classes are at most 255, and 10M-row
    /// benchmarks should not spend 80 MB on labels).
    public let labels: [UInt8]
    /// The model the votes were drawn from.
    public let parameters: Parameters

    /// The true generative model.
    public struct Parameters: Sendable, Equatable, Codable {
        /// Number of classes.
        public let classCount: Int
        /// `P(Y = c)`.
        public let classBalance: [Double]
        /// Per LF, the probability that it votes (marginal over the classes).
        public let coverages: [Double]
        /// Per LF, the probability that a vote is the true class.
        public let accuracies: [Double]
        /// Per LF, the only class it votes (unipolar), or `nil` when it may vote any class.
        public let polarities: [Int?]

        /// Number of LFs.
        public var lfCount: Int { coverages.count }

        /// A model from per-LF coverage, accuracy and polarity.
        ///
        /// - Parameters:
        ///   - classBalance: `P(Y = c)`, positive, summing to 1 (within 1e-9).
        ///   - coverages: per LF, in `0...1`.
        ///   - accuracies: per LF, in `0...1`.
        ///   - polarities: per LF, `nil` (any class) or the single class it votes; `nil` means
        ///     no unipolar LFs.
        /// - Throws: ``WSLabelError/invalidArgument(_:)`` for shapes or probabilities out of
        ///   range, including a unipolar LF whose coverage and accuracy no class-conditional
        ///   rate can produce (`acc·cov > π_u` or `(1 − acc)·cov > 1 − π_u`).
        public init(classBalance: [Double], coverages: [Double], accuracies: [Double], polarities: [Int?]? = nil) throws {
            let classCount = classBalance.count
            try VoteMatrix.validateShape(lfCount: coverages.count, classCount: classCount)
            guard classBalance.allSatisfy({ $0 > 0 }), abs(classBalance.reduce(0, +) - 1) < 1e-9 else {
                throw WSLabelError.invalidArgument("class balance must be positive and sum to 1, got \(classBalance)")
            }
            guard accuracies.count == coverages.count, polarities == nil || polarities!.count == coverages.count else {
                throw WSLabelError.invalidArgument(
                    "expected one coverage, accuracy and polarity per LF, got \(coverages.count), \(accuracies.count), \(polarities?.count ?? coverages.count)")
            }
            let polarities = polarities ?? [Int?](repeating: nil, count: coverages.count)
            for lf in coverages.indices {
                let coverage = coverages[lf], accuracy = accuracies[lf]
                guard (0...1).contains(coverage), (0...1).contains(accuracy) else {
                    throw WSLabelError.invalidArgument("LF \(lf): coverage \(coverage) and accuracy \(accuracy) must lie in 0...1")
                }
                if let target = polarities[lf] {
                    guard (0..<classCount).contains(target) else {
                        throw WSLabelError.invalidArgument("LF \(lf): polarity \(target) is not a class 0..<\(classCount)")
                    }
                    let share = classBalance[target]
                    guard accuracy * coverage <= share + 1e-12, (1 - accuracy) * coverage <= 1 - share + 1e-12 else {
                        throw WSLabelError.invalidArgument(
                            "LF \(lf): a unipolar LF for class \(target) (prior \(share)) cannot have coverage \(coverage) with accuracy \(accuracy)")
                    }
                }
            }
            self.classCount = classCount
            self.classBalance = classBalance
            self.coverages = coverages
            self.accuracies = accuracies
            self.polarities = polarities
        }

        /// The implied conditional tables `P(λ_j = o | Y = c)`, abstain as outcome 0: directly
        /// comparable with a fitted ``GenerativeLabelModel/tables``.
        public var tables: ConditionalTables {
            let classes = classCount, outcomes = classes + 1
            var probabilities = [Double](repeating: 0, count: lfCount * classes * outcomes)
            for lf in 0..<lfCount {
                let coverage = coverages[lf], accuracy = accuracies[lf]
                for trueClass in 0..<classes {
                    let base = (lf * classes + trueClass) * outcomes
                    if let target = polarities[lf] {
                        let share = classBalance[target]
                        let vote = trueClass == target ? accuracy * coverage / share : (1 - accuracy) * coverage / (1 - share)
                        probabilities[base + 1 + target] = min(1, vote)
                        probabilities[base] = max(0, 1 - vote)
                    } else {
                        probabilities[base] = 1 - coverage
                        for vote in 0..<classes {
                            probabilities[base + 1 + vote] = vote == trueClass
                                ? coverage * accuracy : coverage * (1 - accuracy) / Double(classes - 1)
                        }
                    }
                }
            }
            return ConditionalTables(lfCount: lfCount, classCount: classes, probabilities: probabilities)
        }

        /// Expected number of votes per row, `Σ_j cov_j`.
        public var expectedVotesPerRow: Double { coverages.reduce(0, +) }

        /// LFs shaped like the WRENCH sets the design targets.
        ///
        /// Coverage per LF is uniform in `coverage`, which defaults by LF count: up to 20 LFs
        /// like youtube (10 LFs, each firing on roughly 5–40% of items), more like sms and trec
        /// (about 70 LFs, 0.5–5% each). Accuracy is uniform in `accuracy`. Each LF is unipolar
        /// (as almost every WRENCH LF is) with probability `unipolarFraction`, for class
        /// `lf mod classCount` so every class has LFs; a unipolar LF's coverage is capped at
        /// `0.95·π_u/acc` so its rates stay valid. The class balance draws a weight uniform in
        /// `0.5...1.5` per class and normalizes, a mild imbalance.
        ///
        /// - Parameters:
        ///   - seed: fixes every draw; independent of the seed used to draw rows.
        /// - Throws: ``WSLabelError/invalidArgument(_:)`` for a shape a vote matrix cannot hold
        ///   (2...255 classes, at most 65,535 LFs) or ranges and fractions outside `0...1`.
        public static func realistic(
            lfCount: Int, classCount: Int, seed: UInt64,
            coverage: ClosedRange<Double>? = nil, accuracy: ClosedRange<Double> = 0.55...0.95,
            unipolarFraction: Double = 0.8
        ) throws -> Parameters {
            try VoteMatrix.validateShape(lfCount: lfCount, classCount: classCount)
            for (name, range) in [("coverage", coverage ?? 0...1), ("accuracy", accuracy)] where !(range.lowerBound >= 0 && range.upperBound <= 1) {
                throw WSLabelError.invalidArgument("the \(name) range \(range) must lie in 0...1")
            }
            guard (0...1).contains(unipolarFraction) else {
                throw WSLabelError.invalidArgument("the unipolar fraction \(unipolarFraction) must lie in 0...1")
            }
            var random = SplitMix64(seed: seed ^ 0x5EED_0F_7A_B1E5)
            let coverageRange = coverage ?? (lfCount <= 20 ? 0.05...0.40 : 0.005...0.05)
            func uniform(_ range: ClosedRange<Double>) -> Double {
                range.lowerBound + (range.upperBound - range.lowerBound) * random.nextUnitDouble()
            }
            let weights = (0..<classCount).map { _ in uniform(0.5...1.5) }
            let total = weights.reduce(0, +)
            var balance = weights.map { $0 / total }
            // Make the sum exactly 1 within the initializer's check however the divisions round.
            balance[classCount - 1] = 1 - balance.dropLast().reduce(0, +)
            var coverages: [Double] = [], accuracies: [Double] = [], polarities: [Int?] = []
            for lf in 0..<lfCount {
                let lfAccuracy = uniform(accuracy)
                var lfCoverage = uniform(coverageRange)
                let target: Int? = random.nextUnitDouble() < unipolarFraction ? lf % classCount : nil
                if let target {
                    lfCoverage = min(lfCoverage, 0.95 * balance[target] / max(lfAccuracy, 1e-9),
                                     0.95 * (1 - balance[target]) / max(1 - lfAccuracy, 1e-9))
                }
                coverages.append(lfCoverage)
                accuracies.append(lfAccuracy)
                polarities.append(target)
            }
            return try Parameters(classBalance: balance, coverages: coverages, accuracies: accuracies, polarities: polarities)
        }
    }

    /// Draws `rows` items from `parameters`.
    ///
    /// For each row: the true class from the class balance, then for each LF one Bernoulli
    /// draw against its class-conditional voting rate (two LFs per 64-bit random number, each
    /// rate held as a 32-bit threshold, so rates are exact to 2⁻³²), and for a vote its class
    /// from the table's conditional vote distribution. Storage for the expected number of votes
    /// (plus six standard deviations) is reserved up front, so the arrays grow at most once.
    ///
    /// - Parameters:
    ///   - parameters: the true model.
    ///   - rows: number of items.
    ///   - seed: fixes the draw.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` for a row count outside
    ///   `0...maxRowCount`, or more than ``maxExpectedVoteCount`` votes expected in all.
    /// - Complexity: O(rows × lfCount) time; memory only the matrix and one byte per row.
    public init(parameters: Parameters, rows: Int, seed: UInt64) throws {
        guard (0...Self.maxRowCount).contains(rows) else {
            throw WSLabelError.invalidArgument("synthetic votes have 0 to \(ReportNumbers.count(Self.maxRowCount)) rows, not \(ReportNumbers.count(rows))")
        }
        let expectedVotes = Double(rows) * parameters.expectedVotesPerRow
        guard expectedVotes <= Double(Self.maxExpectedVoteCount) else {
            throw WSLabelError.invalidArgument(
                "\(ReportNumbers.count(rows)) rows of \(parameters.lfCount) LFs would hold about \(ReportNumbers.count(Int(expectedVotes))) votes; synthetic votes hold at most \(ReportNumbers.count(Self.maxExpectedVoteCount))")
        }
        let lfs = parameters.lfCount, classes = parameters.classCount, outcomes = classes + 1
        let tables = parameters.tables

        // Per class, per LF: the voting threshold against a 32-bit uniform (in 0...2³²).
        var thresholds = [UInt64](repeating: 0, count: classes * lfs)
        // Per (LF, class): the vote when the LF can vote one class only (−1 otherwise), and the
        // cumulative distribution of the vote given that the LF votes.
        var onlyVote = [Int16](repeating: -1, count: lfs * classes)
        var voteCumulative = [Double](repeating: 1, count: lfs * classes * classes)
        for lf in 0..<lfs {
            for trueClass in 0..<classes {
                let base = (lf * classes + trueClass) * outcomes
                let voting = (1...classes).reduce(0.0) { $0 + tables.probabilities[base + $1] }
                thresholds[trueClass * lfs + lf] = UInt64((min(1, max(0, voting)) * 4_294_967_296).rounded())
                let possible = (0..<classes).filter { tables.probabilities[base + 1 + $0] > 0 }
                if possible.count == 1 { onlyVote[lf * classes + trueClass] = Int16(possible[0]) }
                var running = 0.0
                for vote in 0..<classes {
                    running += voting > 0 ? tables.probabilities[base + 1 + vote] / voting : 0
                    voteCumulative[(lf * classes + trueClass) * classes + vote] = vote == classes - 1 ? 1 : running
                }
            }
        }
        var classCumulative = [Double](repeating: 1, count: classes)
        var running = 0.0
        for label in 0..<(classes - 1) {
            running += parameters.classBalance[label]
            classCumulative[label] = running
        }

        var matrix = try VoteMatrix(lfCount: lfs, classCount: classes)
        let mean = Double(rows) * parameters.expectedVotesPerRow
        matrix.reserveCapacity(rows: rows, votes: Int(mean + 6 * mean.squareRoot() + 16))
        var labels = [UInt8](repeating: 0, count: rows)
        var random = SplitMix64(seed: seed)

        thresholds.withUnsafeBufferPointer { thresholds in
        onlyVote.withUnsafeBufferPointer { onlyVote in
        voteCumulative.withUnsafeBufferPointer { voteCumulative in
            for row in 0..<rows {
                let unit = random.nextUnitDouble()
                var label = 0
                while label < classes - 1 && unit >= classCumulative[label] { label += 1 }
                labels[row] = UInt8(label)
                let rates = thresholds.baseAddress! + label * lfs
                var bits: UInt64 = 0
                for lf in 0..<lfs {
                    // Two 32-bit uniforms per 64-bit draw.
                    if lf & 1 == 0 { bits = random.next() } else { bits >>= 32 }
                    guard (bits & 0xFFFF_FFFF) < rates[lf] else { continue }
                    let cell = lf * classes + label
                    var vote = Int(onlyVote[cell])
                    if vote < 0 {
                        let pick = random.nextUnitDouble()
                        vote = 0
                        while vote < classes - 1 && pick >= voteCumulative[cell * classes + vote] { vote += 1 }
                    }
                    matrix.lfIndices.append(UInt16(truncatingIfNeeded: lf))
                    matrix.classVotes.append(UInt8(truncatingIfNeeded: vote))
                }
                matrix.rowStarts.append(matrix.lfIndices.count)
            }
        }}}
        self.matrix = matrix
        self.labels = labels
        self.parameters = parameters
    }
}
