/// Per-LF conditional probability tables `P(λ_j = o | Y = c)` with abstain as an outcome.
///
/// For each LF `j` and true class `c` there is a distribution over `classCount + 1` outcomes:
/// index 0 is *abstain*, index `1 + o` is a vote for class `o`. Modelling abstain as an outcome
/// is what lets the model learn from *when* a unipolar LF fires (see DESIGN.md: treating
/// abstains as missing collapses on such LFs).
public struct ConditionalTables: Sendable, Equatable, Codable {
    /// Number of LFs.
    public let lfCount: Int
    /// Number of classes.
    public let classCount: Int
    /// Probabilities, flattened as `[lf][trueClass][outcome]`.
    public private(set) var probabilities: [Double]

    /// Number of outcomes per (LF, class): abstain plus one per class.
    public var outcomeCount: Int { classCount + 1 }

    /// Tables from flattened probabilities `[lf][trueClass][outcome]`.
    public init(lfCount: Int, classCount: Int, probabilities: [Double]) {
        precondition(probabilities.count == lfCount * classCount * (classCount + 1), "table size")
        self.lfCount = lfCount
        self.classCount = classCount
        self.probabilities = probabilities
    }

    /// `P(λ_lf = abstain | Y = trueClass)`.
    public func abstainProbability(lf: Int, trueClass: Int) -> Double {
        probabilities[index(lf: lf, trueClass: trueClass, outcome: 0)]
    }

    /// `P(λ_lf = vote | Y = trueClass)` for a class vote.
    public func voteProbability(lf: Int, trueClass: Int, vote: Int) -> Double {
        probabilities[index(lf: lf, trueClass: trueClass, outcome: vote + 1)]
    }

    /// `P(Y = trueClass | λ_lf votes and votes right)`-style summary: the probability that LF
    /// `lf` is right when it votes, under class prior `prior`.
    public func accuracy(lf: Int, prior: [Double]) -> Double {
        var right = 0.0, voted = 0.0
        for trueClass in 0..<classCount {
            for vote in 0..<classCount {
                let mass = prior[trueClass] * voteProbability(lf: lf, trueClass: trueClass, vote: vote)
                voted += mass
                if vote == trueClass { right += mass }
            }
        }
        return voted > 0 ? right / voted : 0
    }

    @inline(__always)
    func index(lf: Int, trueClass: Int, outcome: Int) -> Int {
        (lf * classCount + trueClass) * (classCount + 1) + outcome
    }
}
