import WSLabelCore
/// A linear map from fractions (coverage, accuracy, shares of rows: all in 0…1) to pixels, with
/// round tick values labelled as percentages.
///
/// Every plot of the report draws fractions, so the scale only needs round steps below 1; it
/// picks them from a fixed list rather than from logarithms, which keeps ticks identical on every
/// machine.
///
/// ```swift
/// let scale = FractionScale(lower: 0, upper: FractionScale.roundedUp(0.37), from: 300, to: 20)
/// scale.upper                       // 0.4
/// scale.ticks                       // [0, 0.1, 0.2, 0.3, 0.4]
/// scale.position(0.2)               // 160
/// ```
struct FractionScale {
    /// The fraction drawn at `from`.
    let lower: Double
    /// The fraction drawn at `to`.
    let upper: Double
    /// Pixel of `lower` (for a y axis, the bottom: SVG's y grows downwards).
    let from: Double
    /// Pixel of `upper`.
    let to: Double

    /// The pixel of `value`.
    func position(_ value: Double) -> Double {
        let span = upper - lower
        return span > 0 ? from + (value - lower) / span * (to - from) : from
    }

    /// The multiples of a round step between `lower` and `upper`, at most six steps apart.
    var ticks: [Double] {
        let span = upper - lower
        let step = Self.steps.first { span / $0 <= 6 + 1e-9 } ?? 1
        let first = Int((lower / step - 1e-9).rounded(.up))
        let last = Int((upper / step + 1e-9).rounded(.down))
        return (first...max(first, last)).map { Double($0) * step }
    }

    /// `tick` as a percentage, with one decimal only when the ticks are closer than 1%.
    func label(_ tick: Double) -> String {
        let fine = ticks.count > 1 && ticks[1] - ticks[0] < 0.01 - 1e-12
        return ReportNumbers.percent(tick, digits: fine ? 1 : 0)
    }

    /// The smallest round fraction at least `value` (and at least 1%), for an axis's top.
    static func roundedUp(_ value: Double) -> Double {
        limits.first { $0 >= value - 1e-12 } ?? 1
    }

    /// The largest multiple of 0.1 at most `value` (and at least 0), for an accuracy axis's bottom.
    static func tenthBelow(_ value: Double) -> Double {
        max(0, (value * 10 + 1e-9).rounded(.down) / 10)
    }

    /// The smallest multiple of 0.1 at least `value` (and at most 1), for an accuracy axis's top.
    static func tenthAbove(_ value: Double) -> Double {
        min(1, (value * 10 - 1e-9).rounded(.up) / 10)
    }

    private static let steps = [0.002, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1]
    private static let limits = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1]
}
