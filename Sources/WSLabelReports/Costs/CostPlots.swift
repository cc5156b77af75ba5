import Foundation
import WSLabelCore

/// The cost report's two plots as inline SVG: accuracy against cost (dollars on a log axis,
/// the frontier joined by a line), and accuracy against the number of human labels per strategy.
enum CostPlots {
    private static let width = 560.0, height = 320.0
    private static let left = 56.0, right = 512.0, top = 30.0, bottom = 262.0

    /// Accuracy against the cost of labeling every item, one point per option, coloured by what
    /// makes the labels; frontier points are larger and joined.
    static func frontier(_ analysis: CostQualityAnalysis) -> String {
        let options = analysis.options
        let costs = options.map { max($0.cost, 0.0001) }
        let lowExponent = floor(log10(costs.min() ?? 0.01)), highExponent = ceil(log10(costs.max() ?? 1))
        let span = max(highExponent - lowExponent, 1)
        func x(_ cost: Double) -> Double { left + (log10(max(cost, 0.0001)) - lowExponent) / span * (right - left) }
        let accuracies = options.map(\.metrics.accuracy)
        let yScale = FractionScale(lower: FractionScale.tenthBelow(accuracies.min() ?? 0), upper: FractionScale.tenthAbove(accuracies.max() ?? 1),
                                   from: bottom, to: top)
        var canvas = SVGCanvas(width: width, height: height)
        canvas.yAxis(yScale, left: left, right: right, title: "accuracy on the evaluation split")
        for exponent in Int(lowExponent)...Int(highExponent) {
            let position = x(pow(10, Double(exponent)))
            canvas.line(x1: position, y1: top, x2: position, y2: bottom, stroke: PlotPalette.grid)
            canvas.text(dollarsLabel(exponent), x: position, y: bottom + 16, anchor: .middle, fill: PlotPalette.muted)
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: PlotPalette.ink)
        canvas.text("dollars to label every item (log scale)", x: (left + right) / 2, y: bottom + 34, anchor: .middle)

        let frontier = options.filter(\.onFrontier).sorted { $0.cost < $1.cost }
        for (a, b) in zip(frontier, frontier.dropFirst()) {
            canvas.line(x1: x(a.cost), y1: yScale.position(a.metrics.accuracy), x2: x(b.cost), y2: yScale.position(b.metrics.accuracy),
                        stroke: PlotPalette.ink, width: 1.5, dashed: true)
        }
        let groups = groupOrder
        for option in options {
            let color = PlotPalette.category(groups.firstIndex(of: group(option.kind)) ?? 0)
            let tooltip = "\(option.name)\naccuracy \(ReportNumbers.percent(option.metrics.accuracy)), $\(ReportNumbers.fixed(option.cost, digits: 4))"
                + (option.onFrontier ? "\non the frontier" : "")
            canvas.circle(x: x(option.cost), y: yScale.position(option.metrics.accuracy), radius: option.onFrontier ? 6 : 4, fill: color,
                          stroke: option.onFrontier ? PlotPalette.ink : color, tooltip: tooltip)
        }
        canvas.legend(groups.enumerated().map { ($1, PlotPalette.category($0)) }, x: left, y: 16)
        return canvas.rendered(label: "Accuracy against cost per labeling option")
    }

    /// Accuracy against human labels, one line per strategy.
    static func curve(_ curve: ActiveLearningCurve) -> String {
        let steps = curve.points.map(\.humanLabels)
        let maxStep = Double(steps.max() ?? 1)
        func x(_ labels: Int) -> Double { left + Double(labels) / max(maxStep, 1) * (right - left) }
        let accuracies = curve.points.map(\.accuracy)
        let yScale = FractionScale(lower: max(0, (accuracies.min() ?? 0) - 0.02), upper: min(1, (accuracies.max() ?? 1) + 0.02), from: bottom, to: top)
        var canvas = SVGCanvas(width: width, height: height)
        canvas.yAxis(yScale, left: left, right: right, title: "accuracy on \(curve.evaluationSplit)")
        for step in Array(Set(steps)).sorted() {
            canvas.line(x1: x(step), y1: top, x2: x(step), y2: bottom, stroke: PlotPalette.grid)
            canvas.text(ReportNumbers.count(step), x: x(step), y: bottom + 16, anchor: .middle, fill: PlotPalette.muted)
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: PlotPalette.ink)
        canvas.text("items labeled by people", x: (left + right) / 2, y: bottom + 34, anchor: .middle)
        var strategies: [ReviewSelection.Strategy] = []
        for point in curve.points where !strategies.contains(point.strategy) { strategies.append(point.strategy) }
        for (index, strategy) in strategies.enumerated() {
            let color = PlotPalette.category(index)
            let points = curve.points(of: strategy)
            for (a, b) in zip(points, points.dropFirst()) {
                canvas.line(x1: x(a.humanLabels), y1: yScale.position(a.accuracy), x2: x(b.humanLabels), y2: yScale.position(b.accuracy),
                            stroke: color, width: 2)
            }
            for point in points {
                canvas.circle(x: x(point.humanLabels), y: yScale.position(point.accuracy), radius: 4, fill: color, stroke: color,
                              tooltip: "\(strategy.rawValue): \(ReportNumbers.count(point.humanLabels)) labels, accuracy \(ReportNumbers.percent(point.accuracy))")
            }
        }
        canvas.legend(strategies.enumerated().map { ($1.rawValue, PlotPalette.category($0)) }, x: left, y: 16)
        return canvas.rendered(label: "Accuracy against the number of human labels")
    }

    private static let groupOrder = ["weak supervision", "LLM", "people", "hybrid → LLM", "hybrid → people"]

    private static func group(_ kind: LabelingOption.Kind) -> String {
        switch kind {
        case .labelModel, .labelModelWithLLM, .majorityVote, .endModel: "weak supervision"
        case .llmOnly: "LLM"
        case .crowd, .expert: "people"
        case .hybridLLM: "hybrid → LLM"
        case .hybridCrowd, .hybridExpert: "hybrid → people"
        }
    }

    private static func dollarsLabel(_ exponent: Int) -> String {
        exponent >= 0 ? "$" + ReportNumbers.count(Int(pow(10, Double(exponent)))) : "$" + ReportNumbers.fixed(pow(10, Double(exponent)), digits: -exponent)
    }
}
