extension SVGCanvas {
    /// A vertical fraction axis: grid lines across the plot at each tick, percentage labels left
    /// of `left`, and `title` turned upright along the axis.
    mutating func yAxis(_ scale: FractionScale, left: Double, right: Double, title: String) {
        for tick in scale.ticks {
            let y = scale.position(tick)
            line(x1: left, y1: y, x2: right, y2: y, stroke: PlotPalette.grid)
            text(scale.label(tick), x: left - 6, y: y + 4, anchor: .end, fill: PlotPalette.muted)
        }
        line(x1: left, y1: scale.from, x2: left, y2: scale.to, stroke: PlotPalette.ink)
        let middle = (scale.from + scale.to) / 2
        text(title, x: 14, y: middle, anchor: .middle, rotation: -90)
    }

    /// A horizontal fraction axis: grid lines up the plot at each tick, percentage labels below
    /// `bottom`, and `title` centred under them.
    mutating func xAxis(_ scale: FractionScale, top: Double, bottom: Double, title: String) {
        for tick in scale.ticks {
            let x = scale.position(tick)
            line(x1: x, y1: top, x2: x, y2: bottom, stroke: PlotPalette.grid)
            text(scale.label(tick), x: x, y: bottom + 16, anchor: .middle, fill: PlotPalette.muted)
        }
        line(x1: scale.from, y1: bottom, x2: scale.to, y2: bottom, stroke: PlotPalette.ink)
        text(title, x: (scale.from + scale.to) / 2, y: bottom + 34, anchor: .middle)
    }

    /// A row of colour swatches with names, from `x` rightwards.
    mutating func legend(_ entries: [(name: String, color: String)], x: Double, y: Double) {
        var position = x
        for entry in entries {
            rect(x: position, y: y - 9, width: 10, height: 10, fill: entry.color)
            text(entry.name, x: position + 14, y: y)
            position += 14 + TextMetrics.width(of: entry.name, size: 11) + 14
        }
    }
}
