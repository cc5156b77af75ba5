/// The family of generative-model variants that wslabel chooses from on a dev split.
///
/// No single variant wins on every task (DESIGN.md): tied tables help many-class sets,
/// the abstain weight helps some sets and hurts others, and the right class prior depends on
/// how the dev labels are spread. The grid is small (21 fits with a dev class balance, 12
/// without), each fit takes milliseconds over vote patterns, and its order is fixed, which
/// makes the final tie-break deterministic.
public enum VariantGrid {
    /// Dirichlet strengths tried, in units of the training-set size.
    public static let priorStrengths: [Double] = [0.1, 1, 10]
    /// Abstain weights tried with a fixed class prior.
    public static let abstainWeights: [Double] = [1, 0.5, 0]

    /// The variants in grid order: for each strength, the dev class balance (when given), the
    /// uniform prior and an estimated prior; fixed priors with every abstain weight, the
    /// estimated prior with weight 1 only (with less, the prior runs away to one class).
    ///
    /// - Parameters:
    ///   - classCount: number of classes.
    ///   - devBalance: class frequencies of the dev split's gold labels, if any.
    public static func variants(classCount: Int, devBalance: [Double]?) -> [EMOptions] {
        var priors: [EMOptions.ClassBalance] = []
        if let devBalance { priors.append(.fixed(smoothed(devBalance))) }
        priors.append(.uniform(classCount))
        priors.append(.estimated)
        var grid: [EMOptions] = []
        for strength in priorStrengths {
            for prior in priors {
                let weights = prior == .estimated ? [1.0] : abstainWeights
                for weight in weights {
                    grid.append(EMOptions(tables: .tied, classBalance: prior, priorStrength: strength, abstainWeight: weight))
                }
            }
        }
        return grid
    }

    /// Dev frequencies with no zero (a class missing from a small dev set is not impossible).
    static func smoothed(_ balance: [Double]) -> [Double] {
        let floored = balance.map { max($0, 1e-3) }
        let sum = floored.reduce(0, +)
        return floored.map { $0 / sum }
    }
}
