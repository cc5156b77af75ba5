extension GenerativeLabelModel {
    private enum Keys: String, CodingKey {
        case classPrior, tables, options, labelDistribution, fitReport
    }

    /// Decodes a model and checks that it can predict: valid tables (see
    /// ``ConditionalTables/init(from:)``), a class prior and a label distribution of one
    /// probability per class summing to 1 (within 1e-6), and options a fit would accept.
    /// - Throws: `DecodingError.dataCorrupted` at the path of the first bad value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let checks = DecodedParameters(codingPath: container.codingPath)
        let tables = try container.decode(ConditionalTables.self, forKey: .tables)
        let classes = tables.classCount
        let what = "\(classes) classes"
        let classPrior = try container.decode([Double].self, forKey: .classPrior)
        try checks.checkProbabilities(classPrior, key: Keys.classPrior, count: classes, what: what)
        try checks.checkSum(classPrior, classPrior.indices, key: Keys.classPrior)
        let labelDistribution = try container.decode([Double].self, forKey: .labelDistribution)
        try checks.checkProbabilities(labelDistribution, key: Keys.labelDistribution, count: classes, what: what)
        try checks.checkSum(labelDistribution, labelDistribution.indices, key: Keys.labelDistribution)
        let options = try container.decode(EMOptions.self, forKey: .options)
        do {
            try options.validate(classCount: classes)
            try options.validateLFWeights(lfCount: tables.lfCount)
        } catch let error as WSLabelError {
            throw checks.error(at: [Keys.options], error.localizedDescription)
        }
        self.init(classPrior: classPrior, tables: tables, options: options, labelDistribution: labelDistribution,
                  fitReport: try container.decode(FitReport.self, forKey: .fitReport))
    }
}
