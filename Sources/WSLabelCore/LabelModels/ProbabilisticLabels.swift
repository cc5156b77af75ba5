/// One probability distribution over the classes per item: what a label model outputs.
///
/// Stored row-major (`rowCount × classCount`).
public struct ProbabilisticLabels: Sendable, Equatable {
    /// Number of classes.
    public let classCount: Int
    /// Row-major probabilities; each row sums to 1.
    public private(set) var values: [Double]

    /// Number of items.
    public var rowCount: Int { values.count / classCount }

    /// Wraps row-major probabilities.
    /// - Precondition: `values.count` is a multiple of `classCount`.
    public init(classCount: Int, values: [Double]) {
        precondition(classCount > 0 && values.count % classCount == 0, "ragged probabilities")
        self.classCount = classCount
        self.values = values
    }

    /// The distribution of item `row`.
    public subscript(row: Int) -> ArraySlice<Double> {
        values[(row * classCount)..<((row + 1) * classCount)]
    }

    /// The largest probability of item `row`: how sure the model is of its label.
    public func confidence(row: Int) -> Double { self[row].max() ?? 0 }

    /// Every row's confidence, in row order.
    public var confidences: [Double] { (0..<rowCount).map(confidence(row:)) }

    /// The label of each item: the most probable class, with ties settled by `tiePolicy`
    /// (``VoteMatrix/abstain`` when the policy abstains).
    ///
    /// Classes whose probabilities are within a relative `1e-9` of the largest count as tied
    /// (a log-odds difference below `1e-9`), so a tie does not hinge on the last bit of a
    /// floating-point sum.
    ///
    /// - Parameters:
    ///   - tiePolicy: how ties are settled.
    ///   - votes: the items' votes, which tell the items no LF votes on; needed by a policy that
    ///     treats those apart (``TiePolicy/uncoveredByPrior(prior:seed:)``).
    /// - Precondition: `votes`, when given, has one row per item; it is given when `tiePolicy`
    ///   needs it.
    public func predictions(tiePolicy: TiePolicy, votes: VoteMatrix? = nil) -> [Int] {
        precondition(votes.map { $0.rowCount == rowCount } ?? true, "one vote row per item")
        precondition(votes != nil || !tiePolicy.distinguishesUncoveredRows, "this tie policy needs the votes to tell the uncovered items")
        var tied: [Int] = []
        tied.reserveCapacity(classCount)
        return (0..<rowCount).map { row in
            let distribution = self[row]
            let best = distribution.max()!
            tied.removeAll(keepingCapacity: true)
            for (offset, probability) in distribution.enumerated() where best - probability <= 1e-9 * best {
                tied.append(offset)
            }
            guard tied.count > 1 else { return tied[0] }
            return tiePolicy.choose(among: tied, row: row, covered: votes.map { $0.voteCount(inRow: row) > 0 } ?? true)
        }
    }

    /// The items of `rows`, in that order.
    public func selectingRows(_ rows: some Collection<Int>) -> ProbabilisticLabels {
        var selected: [Double] = []
        selected.reserveCapacity(rows.count * classCount)
        for row in rows { selected.append(contentsOf: self[row]) }
        return ProbabilisticLabels(classCount: classCount, values: selected)
    }
}
