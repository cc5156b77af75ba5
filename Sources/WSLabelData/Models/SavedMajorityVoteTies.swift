import WSLabelCore

/// Majority vote's rule for the items it cannot decide, as a saved model file holds it (the
/// `ties` object of ``SavedLabelModel``): the prior whose most likely class labels the items no
/// LF votes on, where it comes from, and the seed of the draws among tied voters.
///
/// ```json
/// "ties": {"prior": [0.87, 0.13], "source": "dev_gold", "split": "valid", "seed": 0}
/// ```
public struct SavedMajorityVoteTies: Codable, Sendable, Equatable {
    /// Probability per class.
    public let prior: [Double]
    /// `dev_gold` (the dev split's gold labels, ``split``) or `majority_vote` (majority vote's
    /// labels on the covered train items).
    public let source: String
    /// The dev split, for `dev_gold`.
    public let split: String?
    /// The seed of random draws among classes tied by voting LFs; `nil`: such ties get no label.
    public let seed: UInt64?

    static let devGold = "dev_gold"
    static let majorityVote = "majority_vote"

    /// The rule of a fitted model's prior and the run's seed.
    public init(prior: ClassPrior, seed: UInt64?) {
        self.prior = prior.probabilities
        switch prior.source {
        case let .devGold(split):
            source = Self.devGold
            self.split = split
        case .majorityVoteLabels:
            source = Self.majorityVote
            split = nil
        }
        self.seed = seed
    }

    /// The prior as the model holds it (checked by ``check(classCount:fail:)`` on load).
    var classPrior: ClassPrior {
        ClassPrior(probabilities: prior, source: source == Self.devGold ? .devGold(split: split ?? "") : .majorityVoteLabels)
    }

    /// Checks the rule against the model's classes.
    /// - Throws: what `fail` makes of the field and the problem.
    func check(classCount: Int, fail: (String, String) -> WSLabelError) throws {
        guard prior.count == classCount else { throw fail("ties.prior", "\(prior.count) probabilities for \(classCount) classes") }
        if let bad = prior.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw fail("ties.prior[\(bad)]", "\(prior[bad]) is not a probability")
        }
        guard abs(prior.reduce(0, +) - 1) <= 1e-6 else { throw fail("ties.prior", "sums to \(prior.reduce(0, +)), not 1") }
        switch source {
        case Self.devGold where split == nil: throw fail("ties.split", "missing: a dev_gold prior names its dev split")
        case Self.devGold, Self.majorityVote: break
        default: throw fail("ties.source", "unknown prior source \"\(source)\"; expected \(Self.devGold) or \(Self.majorityVote)")
        }
    }
}
