/// The report's colours, chosen to stay distinguishable with colour-vision deficiencies: the
/// Okabe–Ito palette for categories, and a single-hue ramp (ColorBrewer Oranges) for amounts,
/// which reads by lightness alone.
enum PlotPalette {
    /// Category colours (splits), in order; yellow is left out, too faint on white.
    static let categories = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000"]

    /// The colour of the `index`th category, repeating after the palette's end.
    static func category(_ index: Int) -> String { categories[index % categories.count] }

    /// Axis lines and labels.
    static let ink = "#24292f"
    /// Secondary text: tick labels, captions.
    static let muted = "#57606a"
    /// Grid lines.
    static let grid = "#d8dee4"
    /// An unflagged LF's marker.
    static let lf = "#0072b2"
    /// A flagged LF's marker (vermillion, told from blue by hue and by its diamond shape).
    static let flagged = "#d55e00"
    /// Cells that hold no data (a pair of LFs that never vote together).
    static let empty = "#ffffff"
    /// The heatmap's diagonal: an LF with itself.
    static let diagonal = "#d0d7de"

    /// Stops of the amount ramp, from 0 to 1.
    static let ramp: [(offset: Double, color: String)] = [
        (0, "#feedde"), (0.25, "#fdbe85"), (0.5, "#fd8d3c"), (0.75, "#e6550d"), (1, "#a63603"),
    ]

    /// The ramp's colour at `value` in 0…1, interpolated between stops in sRGB.
    static func ramp(_ value: Double) -> String {
        let clamped = min(1, max(0, value))
        let upper = ramp.firstIndex { $0.offset >= clamped } ?? ramp.count - 1
        guard upper > 0 else { return ramp[0].color }
        let (low, high) = (ramp[upper - 1], ramp[upper])
        let t = (clamped - low.offset) / (high.offset - low.offset)
        let mixed = zip(rgb(low.color), rgb(high.color)).map { (from: Int, to: Int) -> Int in
            let start = Double(from), end = Double(to)
            return Int((start + (end - start) * t).rounded())
        }
        return "#" + mixed.map { channel in
            let hex = String(channel, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// Whether text on the ramp's colour at `value` should be white rather than dark: past 0.77
    /// white has the higher contrast. Either reaches at least 4:1 everywhere on the ramp (the
    /// orange mid-tones allow no more).
    static func needsLightText(onRamp value: Double) -> Bool { value >= 0.77 }

    private static func rgb(_ hex: String) -> [Int] {
        let digits = Array(hex.dropFirst())
        return stride(from: 0, to: 6, by: 2).map { Int(String(digits[$0...$0 + 1]), radix: 16) ?? 0 }
    }
}
