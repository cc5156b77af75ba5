/// How a label is chosen when several classes are equally probable for an item.
///
/// Majority vote ties often (two LFs that disagree, or no LF at all), so the choice is
/// explicit rather than "the lowest class index", which silently favours class 0.
public enum TiePolicy: Sendable, Equatable, Codable {
    /// Give no label: the item counts as not covered.
    case abstain
    /// Pick the tied class with the largest prior probability (lowest index among equals).
    case classPrior([Double])
    /// Pick one of the tied classes at random; the draw depends only on the seed and the row,
    /// so it is reproducible and independent of thread count.
    case random(seed: UInt64)
    /// Majority vote's own rule (``MajorityVote/tiePolicy(seed:)``): a row no LF votes on takes
    /// the class most likely under `prior` (a vote-less row ties every class); a tie among
    /// voting LFs is drawn at random with `seed`, as ``random(seed:)`` draws it, or left
    /// unlabeled without a seed. Classes equally likely under `prior` are settled like a tie
    /// among voters.
    case uncoveredByPrior(prior: [Double], seed: UInt64?)

    /// Whether the rule treats rows no LF votes on apart, so that choosing needs to know them.
    var distinguishesUncoveredRows: Bool {
        if case .uncoveredByPrior = self { return true }
        return false
    }

    /// The class chosen for `row` among `tied` classes (at least two, increasing); `covered`
    /// says whether any LF votes on the row.
    func choose(among tied: [Int], row: Int, covered: Bool = true) -> Int {
        switch self {
        case .abstain:
            return VoteMatrix.abstain
        case let .classPrior(prior):
            return tied.max { lhs, rhs in prior[lhs] < prior[rhs] || (prior[lhs] == prior[rhs] && lhs > rhs) }!
        case let .random(seed):
            var generator = SplitMix64(seed: seed ^ (UInt64(row) &* 0x9E37_79B9_7F4A_7C15))
            return tied[Int(generator.next() % UInt64(tied.count))]
        case let .uncoveredByPrior(prior, seed):
            let voters: TiePolicy = seed.map { .random(seed: $0) } ?? .abstain
            guard !covered else { return voters.choose(among: tied, row: row) }
            let best = tied.map { prior[$0] }.max()!
            let likeliest = tied.filter { prior[$0] == best }
            return likeliest.count == 1 ? likeliest[0] : voters.choose(among: likeliest, row: row)
        }
    }
}

/// SplitMix64: a small, fast, well-mixed generator whose stream is fixed by its seed on every
/// platform (the standard library's generator is not seedable).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        let output = Self.finalized(state)
        state &+= 0x9E37_79B9_7F4A_7C15
        return output
    }

    /// The first number a generator seeded with `value` draws: SplitMix64's finalizer, a
    /// well-mixed 64-bit hash of `value`, the same on every platform (what the text hashes end
    /// with).
    @inlinable
    public static func finalized(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
