import WSLabelCore
/// Vertical bars in groups, one bar per series (split) in each group, heights as shares of the
/// series' rows: the drawing the label distribution and the confidence histogram share, so
/// splits of different sizes compare directly and keep one colour each across both plots.
struct GroupedBars {
    /// How groups are named along the x axis.
    enum XLabels {
        /// A name under each group's centre (classes).
        case centred([String])
        /// A value at each group boundary, `groups + 1` of them (bin edges).
        case boundaries([String])
    }

    /// One split's bars.
    struct Series {
        var name: String
        /// Per group, a share of the series' rows in 0…1.
        var shares: [Double]
        /// Per group, the exact numbers.
        var tooltips: [String]
    }

    var series: [Series]
    var xLabels: XLabels
    var xTitle: String
    var yTitle: String

    /// The chart as an `<svg>` element; `label` is its accessible name.
    func svg(label: String) -> String {
        let (width, height) = (620.0, 360.0)
        let (left, right, top, bottom) = (58.0, width - 16, 40.0, height - 58)
        var canvas = SVGCanvas(width: width, height: height)
        let highest = series.flatMap(\.shares).max() ?? 0
        let y = FractionScale(lower: 0, upper: FractionScale.roundedUp(highest * 1.1), from: bottom, to: top)
        canvas.yAxis(y, left: left, right: right, title: yTitle)
        canvas.legend(series.enumerated().map { ($1.name, PlotPalette.category($0)) }, x: left, y: 18)

        let groups = series.first?.shares.count ?? 0
        let groupWidth = (right - left) / Double(max(groups, 1))
        let barWidth = min(30, groupWidth * 0.8 / Double(max(series.count, 1)))
        let showValues = barWidth >= 18
        for group in 0..<groups {
            let start = left + Double(group) * groupWidth + (groupWidth - barWidth * Double(series.count)) / 2
            for (index, entry) in series.enumerated() {
                let share = entry.shares[group]
                let x = start + Double(index) * barWidth
                let barTop = y.position(share)
                // A sliver for tiny non-zero shares, so they do not read as none.
                let barHeight = share > 0 ? max(1, bottom - barTop) : 0
                canvas.rect(x: x + 1, y: bottom - barHeight, width: barWidth - 2, height: barHeight,
                            fill: PlotPalette.category(index), tooltip: entry.tooltips[group])
                if showValues && share > 0 {
                    canvas.text(ReportNumbers.percent(share, digits: 0), x: x + barWidth / 2, y: bottom - barHeight - 4,
                                anchor: .middle, fill: PlotPalette.muted, size: 9, tooltip: entry.tooltips[group])
                }
            }
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: PlotPalette.ink)
        drawXLabels(on: &canvas, left: left, bottom: bottom, groupWidth: groupWidth)
        canvas.text(xTitle, x: (left + right) / 2, y: height - 10, anchor: .middle)
        return canvas.rendered(label: label)
    }

    private func drawXLabels(on canvas: inout SVGCanvas, left: Double, bottom: Double, groupWidth: Double) {
        switch xLabels {
        case let .centred(names):
            let shortened = names.map { TextMetrics.truncated($0, to: 18) }
            let widest = shortened.map { TextMetrics.width(of: $0, size: 11) }.max() ?? 0
            // Names wider than their group slant, so neighbours do not run into each other.
            let slanted = widest > groupWidth - 4
            for (group, name) in shortened.enumerated() {
                let x = left + (Double(group) + 0.5) * groupWidth
                canvas.text(name, x: x, y: bottom + 16, anchor: slanted ? .end : .middle,
                            rotation: slanted ? -30 : nil, tooltip: names[group])
            }
        case let .boundaries(values):
            // Every other edge when edges crowd (ten bins in 560 px fit all eleven).
            let every = groupWidth < 40 ? 2 : 1
            for (edge, value) in values.enumerated() where edge % every == 0 {
                let x = left + Double(edge) * groupWidth
                canvas.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: PlotPalette.ink)
                canvas.text(value, x: x, y: bottom + 17, anchor: .middle, fill: PlotPalette.muted)
            }
        }
    }
}
