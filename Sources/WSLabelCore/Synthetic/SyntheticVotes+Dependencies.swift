extension SyntheticVotes {
    /// An extra LF that copies an existing one: the dependence between LFs that the
    /// conditionally independent model cannot represent.
    ///
    /// On each row the copy casts its source's vote (or abstains with it) with probability
    /// ``agreement``, and otherwise draws a fresh vote from the source's own conditional table
    /// given the true class. So the copy has exactly its source's table — same coverage and
    /// accuracy — whatever the agreement: `1` is an exact duplicate, `0` a conditionally
    /// independent twin (no dependence at all), and values between are correlated copies.
    public struct LFCopy: Sendable, Equatable, Codable {
        /// The LF copied (a column of the base parameters).
        public var source: Int
        /// Probability that the copy repeats the source's outcome on a row, in `0...1`.
        public var agreement: Double

        public init(source: Int, agreement: Double) {
            self.source = source
            self.agreement = agreement
        }
    }

    /// Draws `rows` items from `parameters` as ``init(parameters:rows:seed:)`` does, then
    /// appends one column per entry of `copies`, in order (column `parameters.lfCount + c` for
    /// copy `c`). The base columns are the very votes that initializer draws with the same seed;
    /// the copies' draws come from a second random stream derived from `seed`.
    ///
    /// ``parameters`` describes every column: a copy has its source's coverage, accuracy and
    /// polarity (its marginal table is its source's); only the conditional independence of the
    /// copies is broken.
    ///
    /// ```swift
    /// let truth = try SyntheticVotes.Parameters.realistic(lfCount: 10, classCount: 2, seed: 7)
    /// let data = try SyntheticVotes(parameters: truth, rows: 10_000, seed: 1,
    ///                               copies: [LFCopy(source: 0, agreement: 1), LFCopy(source: 0, agreement: 1)])
    /// // columns 10 and 11 equal column 0 on every row
    /// ```
    ///
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` for a source that is not a column of
    ///   `parameters`, an agreement outside `0...1`, or a shape or row count the base draw
    ///   rejects.
    /// - Complexity: O(rows × (lfCount + copies)).
    public init(parameters: Parameters, rows: Int, seed: UInt64, copies: [LFCopy]) throws {
        for (index, copy) in copies.enumerated() {
            guard (0..<parameters.lfCount).contains(copy.source), (0...1).contains(copy.agreement) else {
                throw WSLabelError.invalidArgument(
                    "copy \(index): source \(copy.source) must be an LF 0..<\(parameters.lfCount) and agreement \(copy.agreement) must lie in 0...1")
            }
        }
        let base = try SyntheticVotes(parameters: parameters, rows: rows, seed: seed)
        let classes = parameters.classCount, outcomes = classes + 1
        let tables = parameters.tables
        let extended = try Parameters(
            classBalance: parameters.classBalance,
            coverages: parameters.coverages + copies.map { parameters.coverages[$0.source] },
            accuracies: parameters.accuracies + copies.map { parameters.accuracies[$0.source] },
            polarities: parameters.polarities + copies.map { parameters.polarities[$0.source] })
        var matrix = try VoteMatrix(lfCount: extended.lfCount, classCount: classes)
        matrix.reserveCapacity(rows: rows, votes: base.matrix.voteCount + rows * copies.count)
        var random = SplitMix64(seed: seed ^ 0xC0_91E5_DE9E_4D5E)
        var sourceVote = [Int](repeating: VoteMatrix.abstain, count: parameters.lfCount)
        for row in 0..<rows {
            let label = Int(base.labels[row])
            let range = base.matrix.rowStarts[row]..<base.matrix.rowStarts[row + 1]
            for index in range {
                sourceVote[Int(base.matrix.lfIndices[index])] = Int(base.matrix.classVotes[index])
                matrix.lfIndices.append(base.matrix.lfIndices[index])
                matrix.classVotes.append(base.matrix.classVotes[index])
            }
            for (offset, copy) in copies.enumerated() {
                var vote = sourceVote[copy.source]
                if random.nextUnitDouble() >= copy.agreement {
                    // A fresh outcome from the source's table given the true class.
                    let tableBase = (copy.source * classes + label) * outcomes
                    var pick = random.nextUnitDouble()
                    vote = VoteMatrix.abstain
                    for outcome in 0..<outcomes {
                        pick -= tables.probabilities[tableBase + outcome]
                        if pick < 0 {
                            vote = outcome == 0 ? VoteMatrix.abstain : outcome - 1
                            break
                        }
                    }
                }
                guard vote != VoteMatrix.abstain else { continue }
                matrix.lfIndices.append(UInt16(truncatingIfNeeded: parameters.lfCount + offset))
                matrix.classVotes.append(UInt8(truncatingIfNeeded: vote))
            }
            for index in range { sourceVote[Int(base.matrix.lfIndices[index])] = VoteMatrix.abstain }
            matrix.rowStarts.append(matrix.lfIndices.count)
        }
        self.matrix = matrix
        self.labels = base.labels
        self.parameters = extended
    }
}
