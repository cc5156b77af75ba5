/// The mean of paired differences between two models' per-item scores, in standard errors:
/// how clearly one beats the other on the same items.
struct PairedDifference {
    private var weight = 0.0, sum = 0.0, sumOfSquares = 0.0

    /// Adds one item's difference (first model's score minus the second's), counted `weight` times.
    mutating func add(_ difference: Double, weight: Double = 1) {
        self.weight += weight
        sum += weight * difference
        sumOfSquares += weight * difference * difference
    }

    /// The mean difference over its standard error: `+∞` when positive with no spread, `0` when
    /// the models never differ or there is at most one item.
    var standardErrors: Double {
        guard weight > 1 else { return 0 }
        let mean = sum / weight
        return Self.standardized(mean: mean, variance: max(0, sumOfSquares / weight - mean * mean) / weight)
    }

    /// `mean / √variance`, `+∞` for a positive mean without variance and `0` for none.
    static func standardized(mean: Double, variance: Double) -> Double {
        guard variance > 0 else { return mean > 0 ? .infinity : 0 }
        return mean / variance.squareRoot()
    }
}
