extension ConditionalTables {
    private enum Keys: String, CodingKey {
        case lfCount, classCount, probabilities
    }

    /// Decodes tables and checks them: `lfCount` in `0...VoteMatrix.maxLFCount`, `classCount` in
    /// `2...VoteMatrix.maxClassCount`, `lfCount × classCount × (classCount + 1)` probabilities,
    /// each in [0, 1], and each (LF, true class) distribution summing to 1 (within 1e-6).
    /// - Throws: `DecodingError.dataCorrupted` at the path of the first bad value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let checks = DecodedParameters(codingPath: container.codingPath)
        let lfCount = try container.decode(Int.self, forKey: .lfCount)
        let classCount = try container.decode(Int.self, forKey: .classCount)
        guard (0...VoteMatrix.maxLFCount).contains(lfCount) else {
            throw checks.error(at: [Keys.lfCount], "\(lfCount) LFs: a model holds 0 to \(VoteMatrix.maxLFCount)")
        }
        guard (2...VoteMatrix.maxClassCount).contains(classCount) else {
            throw checks.error(at: [Keys.classCount], "\(classCount) classes: a model has 2 to \(VoteMatrix.maxClassCount)")
        }
        let outcomes = classCount + 1
        let probabilities = try container.decode([Double].self, forKey: .probabilities)
        func place(_ index: Int) -> String {
            let cell = index / outcomes, outcome = index % outcomes
            return "LF \(cell / classCount), true class \(cell % classCount), outcome \(outcome == 0 ? "abstain" : "vote for class \(outcome - 1)")"
        }
        try checks.checkProbabilities(probabilities, key: Keys.probabilities, count: lfCount * classCount * outcomes,
                                      what: "\(lfCount) LFs × \(classCount) classes × \(outcomes) outcomes", describe: place)
        for cell in 0..<(lfCount * classCount) {
            try checks.checkSum(probabilities, (cell * outcomes)..<((cell + 1) * outcomes), key: Keys.probabilities,
                                what: "LF \(cell / classCount), true class \(cell % classCount)")
        }
        self.init(lfCount: lfCount, classCount: classCount, probabilities: probabilities)
    }
}
