import WSLabelCore

/// Coverage against accuracy, one point per LF: the plot that shows at a glance which LFs are
/// worth their votes (right and high) and which need work (low, or below the dashed chance line).
///
/// x is the LF's coverage on the analysed split. y is its empirical accuracy on the gold split
/// when the report has one (hollow points: fewer than ``LFFlag/Thresholds/minimumGoldVotes``
/// gold votes, so the accuracy is shaky), else the label model's learned accuracy; the axis
/// title says which. Flagged LFs are vermillion diamonds. Every point's tooltip has the exact
/// numbers; names are drawn beside points where they fit without overlapping.
struct ScatterPlot {
    /// One LF's point.
    struct Point {
        var lf: Int
        var coverage: Double
        var accuracy: Double
        /// Whether the accuracy rests on enough votes to judge the LF.
        var reliable: Bool
        var flagged: Bool
        var tooltip: String
    }

    /// The points, in LF order; LFs without an accuracy or without votes are left out.
    let points: [Point]
    /// The y axis's title.
    let accuracyTitle: String
    /// `1 / classes`.
    let chance: Double
    /// LFs left out, with why, for the caption.
    let omitted: [String]
    private let names: [String]
    private let analysedSplit: String

    /// The plot of `report`, or `nil` when no LF has an accuracy to plot (majority vote without
    /// gold labels).
    init?(_ report: LFReport) {
        let summary = report.summary
        let gold = summary.goldSplit
        guard gold != nil || report.learned != nil else { return nil }
        let flagged = Set(report.flags.map(\.lf))
        var points: [Point] = [], omitted: [String] = []
        for (lf, row) in summary.rows.enumerated() {
            let votes = summary.analysis.lfVoteCounts[lf]
            guard votes > 0 else {
                omitted.append("\(row.name) (no votes on \(summary.analysedSplit))")
                continue
            }
            var lines = [row.name, "coverage \(HTMLNumbers.percent(row.coverage)) of \(summary.analysedSplit) (\(HTMLNumbers.count(votes)) rows)"]
            let accuracy: Double, reliable: Bool
            if let gold {
                let counts = row.gold ?? LFAnalysis.GoldCounts(correct: 0, incorrect: 0)
                let total = counts.correct + counts.incorrect
                guard total > 0 else {
                    omitted.append("\(row.name) (no votes on \(gold))")
                    continue
                }
                accuracy = counts.empiricalAccuracy
                reliable = total >= LFFlag.Thresholds.minimumGoldVotes
                lines.append("accuracy \(HTMLNumbers.percent(accuracy)) on \(gold) (\(HTMLNumbers.count(counts.correct)) of \(HTMLNumbers.count(total)) votes right)")
            } else {
                accuracy = report.learned!.accuracies[lf]
                reliable = true
            }
            if let learned = report.learned { lines.append("learned accuracy \(HTMLNumbers.percent(learned.accuracies[lf]))") }
            let kinds = report.flags.filter { $0.lf == lf }.map(\.kind.rawValue)
            if !kinds.isEmpty { lines.append("flags: " + kinds.joined(separator: ", ")) }
            points.append(Point(lf: lf, coverage: row.coverage, accuracy: accuracy, reliable: reliable,
                                flagged: flagged.contains(lf), tooltip: lines.joined(separator: "\n")))
        }
        self.points = points
        self.omitted = omitted
        chance = 1 / Double(report.labelNames.count)
        accuracyTitle = gold.map { "empirical accuracy on \($0) (gold labels)" }
            ?? "learned accuracy (label model, no gold labels)"
        names = report.lfNames
        analysedSplit = summary.analysedSplit
    }

    /// The plot as an `<svg>` element.
    /// - Parameter wide: draw it for a full row of the page (more room for names) rather than half.
    func svg(wide: Bool = false) -> String {
        let (width, height) = wide ? (1140.0, 480.0) : (620.0, 420.0)
        let (left, right, top, bottom) = (58.0, width - 20, 36.0, height - 50)
        var canvas = SVGCanvas(width: width, height: height)
        let maxCoverage = points.map(\.coverage).max() ?? 0
        let x = FractionScale(lower: 0, upper: FractionScale.roundedUp(maxCoverage * 1.08), from: left, to: right)
        // The accuracy axis spans the points and the chance line, in tenths; headroom above its
        // top keeps the highest markers and their names inside the plot.
        let lowest = min(points.map(\.accuracy).min() ?? chance, chance)
        let highest = max(points.map(\.accuracy).max() ?? 1, chance)
        let y = FractionScale(lower: FractionScale.tenthBelow(lowest - 0.03), upper: FractionScale.tenthAbove(highest + 0.03),
                              from: bottom, to: top + 14)
        canvas.yAxis(y, left: left, right: right, title: accuracyTitle)
        canvas.xAxis(x, top: top, bottom: bottom, title: "coverage on \(analysedSplit) (share of rows the LF votes on)")

        let chanceY = y.position(chance)
        canvas.line(x1: left, y1: chanceY, x2: right, y2: chanceY, stroke: PlotPalette.muted, width: 1.5, dashed: true,
                    tooltip: "chance: 1 / \(Int((1 / chance).rounded())) classes = \(HTMLNumbers.percent(chance))")
        let chanceLabel = "chance \(HTMLNumbers.percent(chance))"
        canvas.text(chanceLabel, x: right - 4, y: chanceY - 5, anchor: .end, fill: PlotPalette.muted)
        let chanceBox = Box(minX: right - 4 - TextMetrics.width(of: chanceLabel, size: 11), minY: chanceY - 16,
                            maxX: right, maxY: chanceY - 2)

        drawLegend(&canvas, y: 18, left: left)
        // Flagged points last, so they sit on top where points crowd.
        let ordered = points.filter { !$0.flagged } + points.filter(\.flagged)
        for point in ordered {
            draw(point, at: (x.position(point.coverage), y.position(point.accuracy)), on: &canvas)
        }
        placeLabels(on: &canvas, x: x, y: y, bounds: (left, right, top, bottom), reserved: [chanceBox])
        return canvas.rendered(label: "Coverage against accuracy per LF")
    }

    private func draw(_ point: Point, at position: (x: Double, y: Double), on canvas: inout SVGCanvas) {
        let color = point.flagged ? PlotPalette.flagged : PlotPalette.lf
        let fill = point.reliable ? color : "#ffffff"
        let stroke = point.reliable ? "#ffffff" : color
        if point.flagged {
            let r = 7.0
            canvas.polygon([(position.x, position.y - r), (position.x + r, position.y), (position.x, position.y + r), (position.x - r, position.y)],
                           fill: fill, stroke: stroke, strokeWidth: point.reliable ? 1 : 2, tooltip: point.tooltip)
        } else {
            canvas.circle(x: position.x, y: position.y, radius: 5.5, fill: fill, stroke: stroke,
                          strokeWidth: point.reliable ? 1 : 2, tooltip: point.tooltip)
        }
    }

    private func drawLegend(_ canvas: inout SVGCanvas, y: Double, left: Double) {
        var x = left
        canvas.circle(x: x + 5, y: y - 4, radius: 5, fill: PlotPalette.lf, stroke: "#ffffff")
        canvas.text("LF", x: x + 14, y: y)
        x += 40
        canvas.polygon([(x + 6, y - 11), (x + 13, y - 4), (x + 6, y + 3), (x - 1, y - 4)], fill: PlotPalette.flagged, stroke: "#ffffff", strokeWidth: 1)
        canvas.text("flagged LF", x: x + 18, y: y)
        x += 90
        if points.contains(where: { !$0.reliable }) {
            canvas.circle(x: x + 5, y: y - 4, radius: 4.5, fill: "#ffffff", stroke: PlotPalette.lf, strokeWidth: 2)
            canvas.text("fewer than \(LFFlag.Thresholds.minimumGoldVotes) gold votes", x: x + 14, y: y)
        }
    }

    // Names go right of their point, else left, above or below; a name that fits nowhere without
    // overlapping another is left to the tooltip. Flagged LFs, then the widest-covering, go first.
    private func placeLabels(on canvas: inout SVGCanvas, x: FractionScale, y: FractionScale,
                             bounds: (left: Double, right: Double, top: Double, bottom: Double), reserved: [Box]) {
        let size = 11.0
        let markers = points.map { point -> Box in
            let (px, py) = (x.position(point.coverage), y.position(point.accuracy))
            return Box(minX: px - 6, minY: py - 6, maxX: px + 6, maxY: py + 6)
        }
        var placed = reserved
        let order = points.indices.sorted { a, b in
            let (p, q) = (points[a], points[b])
            if p.flagged != q.flagged { return p.flagged }
            if p.coverage != q.coverage { return p.coverage > q.coverage }
            return a < b
        }
        for index in order {
            let point = points[index]
            let name = TextMetrics.truncated(names[point.lf], to: 28)
            let width = TextMetrics.width(of: name, size: size)
            let (px, py) = (x.position(point.coverage), y.position(point.accuracy))
            let candidates: [(x: Double, y: Double, anchor: SVGCanvas.Anchor, box: Box)] = [
                (px + 9, py + 4, .start, Box(minX: px + 9, minY: py - 7, maxX: px + 9 + width, maxY: py + 6)),
                (px - 9, py + 4, .end, Box(minX: px - 9 - width, minY: py - 7, maxX: px - 9, maxY: py + 6)),
                (px, py - 10, .middle, Box(minX: px - width / 2, minY: py - 21, maxX: px + width / 2, maxY: py - 8)),
                (px, py + 18, .middle, Box(minX: px - width / 2, minY: py + 7, maxX: px + width / 2, maxY: py + 20)),
            ]
            let fits = candidates.first { candidate in
                let box = candidate.box
                return box.minX >= bounds.left && box.maxX <= bounds.right && box.minY >= bounds.top && box.maxY <= bounds.bottom
                    && !placed.contains { $0.overlaps(box) }
                    && !markers.enumerated().contains { $0.offset != index && $0.element.overlaps(box) }
            }
            guard let fit = fits else { continue }
            placed.append(fit.box)
            canvas.text(name, x: fit.x, y: fit.y, anchor: fit.anchor, fill: point.flagged ? "#a13d00" : PlotPalette.ink,
                        tooltip: point.tooltip)
        }
    }

    /// A label's or marker's estimated extent, to keep names from overlapping.
    private struct Box {
        var minX, minY, maxX, maxY: Double
        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }
}
