import WSLabelCore

/// The pairwise conflict heatmap: for every pair of LFs, the rows both vote on with different
/// classes, as a share of the analysed split's rows.
///
/// A share of all rows, not of the pair's shared rows: most LFs vote for one class only, so two
/// LFs for different classes disagree on 100% of the rows they share and two for the same class
/// on 0%; the shared-row share only repeats the polarity column. How *many* rows a pair fights
/// over is what says where the label model has to arbitrate, and which LF to fix first. The
/// colour ramp runs from 0 to the largest pair (rounded up), so the worst pairs stand out at any
/// scale; pairs that never vote together are white. Cells are sized to the LF count (40 px down
/// to 9 px, about 100 LFs in 900 px), large cells print the conflicting row count, column names
/// turn upright beyond 20 LFs, and every cell's tooltip has the counts.
struct Heatmap {
    let report: LFReport
    /// The drawing's width in pixels: the page gives a wide one a full row.
    let width: Double
    private let cell: Double
    private let fontSize: Double
    private let names: [String]
    private let upright: Bool
    private let left: Double
    private let top: Double

    init(report: LFReport) {
        self.report = report
        let m = report.pairwise.lfCount
        let cell = Double(min(40, max(9, 520 / max(m, 1))))
        let fontSize = min(11, cell - 1)
        let names = report.lfNames.map { TextMetrics.truncated($0, to: 24) }
        let labelWidth = names.map { TextMetrics.width(of: $0, size: fontSize) }.max() ?? 0
        let upright = m > 20
        // cos 45° = sin 45°: a slanted label reaches this far right and up.
        let slant = 0.7071
        left = labelWidth + 10
        top = (upright ? labelWidth : labelWidth * slant) + 12
        width = max(left + cell * Double(m) + (upright ? 12 : labelWidth * slant + 12), 460)
        (self.cell, self.fontSize, self.names, self.upright) = (cell, fontSize, names, upright)
    }

    /// The heatmap as an `<svg>` element.
    func svg() -> String {
        let pairwise = report.pairwise
        let m = pairwise.lfCount
        let grid = cell * Double(m)
        let legendHeight = 64.0
        var canvas = SVGCanvas(width: width, height: top + grid + legendHeight)

        var largest = 0.0
        for i in 0..<m {
            for j in 0..<m where i != j { largest = max(largest, pairwise.conflict(i, j)) }
        }
        let scale = FractionScale.roundedUp(largest)

        for i in 0..<m {
            let y = top + Double(i) * cell
            canvas.text(names[i], x: left - 6, y: y + cell / 2 + fontSize * 0.35, anchor: .end, size: fontSize,
                        tooltip: report.lfNames[i])
            let x = left + Double(i) * cell + cell / 2
            canvas.text(names[i], x: x + fontSize * 0.35, y: top - 6, size: fontSize, rotation: upright ? -90 : -45,
                        tooltip: report.lfNames[i])
        }
        for i in 0..<m {
            for j in 0..<m {
                drawCell(i, j, x: left + Double(j) * cell, y: top + Double(i) * cell, size: cell, scale: scale, on: &canvas)
            }
        }
        drawLegend(on: &canvas, x: 12, y: top + grid + 24, scale: scale)
        return canvas.rendered(label: "Pairwise conflict between LFs on \(report.summary.analysedSplit)")
    }

    private func drawCell(_ i: Int, _ j: Int, x: Double, y: Double, size: Double, scale: Double, on canvas: inout SVGCanvas) {
        let pairwise = report.pairwise
        let (a, b) = (report.lfNames[i], report.lfNames[j])
        let split = report.summary.analysedSplit
        if i == j {
            canvas.rect(x: x, y: y, width: size, height: size, fill: PlotPalette.diagonal, stroke: "#ffffff",
                        tooltip: "\(a)\nvotes on \(HTMLNumbers.count(pairwise.overlapCount(i, i))) rows of \(split)")
            return
        }
        let shared = pairwise.overlapCount(i, j)
        guard shared > 0 else {
            canvas.rect(x: x, y: y, width: size, height: size, fill: PlotPalette.empty, stroke: "#eaeef2",
                        tooltip: "\(a) × \(b)\nnever vote on the same row of \(split)")
            return
        }
        let conflicts = pairwise.conflictCount(i, j)
        let tooltip = "\(a) × \(b)\ndisagree on \(HTMLNumbers.count(conflicts)) rows (\(HTMLNumbers.percent(pairwise.conflict(i, j))) of \(split))\n"
            + "both vote on \(HTMLNumbers.count(shared)) rows, agree on \(HTMLNumbers.count(shared - conflicts))"
        let level = pairwise.conflict(i, j) / scale
        canvas.rect(x: x, y: y, width: size, height: size, fill: PlotPalette.ramp(level), stroke: "#ffffff", tooltip: tooltip)
        // Counts fit in large cells only; small ones keep them in the tooltip.
        if size >= 28 && conflicts > 0 {
            canvas.text(HTMLNumbers.count(conflicts), x: x + size / 2, y: y + size / 2 + 3.5, anchor: .middle,
                        fill: PlotPalette.needsLightText(onRamp: level) ? "#ffffff" : PlotPalette.ink, size: 10, tooltip: tooltip)
        }
    }

    private func drawLegend(on canvas: inout SVGCanvas, x: Double, y: Double, scale: Double) {
        let split = report.summary.analysedSplit
        canvas.text("rows both LFs vote on with different classes, share of \(split)", x: x, y: y)
        canvas.gradientBar(id: "conflict-ramp", stops: PlotPalette.ramp, x: x, y: y + 8, width: 160, height: 10)
        canvas.text("0%", x: x, y: y + 32, fill: PlotPalette.muted)
        canvas.text(ReportNumbers.percent(scale, digits: 0), x: x + 160, y: y + 32, anchor: .end, fill: PlotPalette.muted)
        let position = x + 180
        canvas.rect(x: position, y: y + 8, width: 10, height: 10, fill: PlotPalette.empty, stroke: "#8c959f")
        canvas.text("never vote together", x: position + 14, y: y + 17)
    }
}
