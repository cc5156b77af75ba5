/// An inline SVG drawing built element by element, with every attribute escaped and every number
/// written by ``HTMLNumbers/coordinate(_:)``, so a plot is the same bytes on every machine.
///
/// Shapes take an optional tooltip, written as a `<title>` child: browsers show it on hover,
/// which is where plots put their exact numbers.
///
/// ```swift
/// var canvas = SVGCanvas(width: 200, height: 100)
/// canvas.rect(x: 10, y: 10, width: 50, height: 80, fill: "#0072b2", tooltip: "train: 42 rows")
/// canvas.text("train", x: 35, y: 98, anchor: .middle)
/// let svg = canvas.rendered(label: "Rows per split")
/// ```
struct SVGCanvas {
    /// Where a text's anchor point sits along its line.
    enum Anchor: String {
        case start, middle, end
    }

    let width: Double
    let height: Double
    private var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A rectangle.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       stroke: String? = nil, tooltip: String? = nil) {
        var attributes = [("x", number(x)), ("y", number(y)), ("width", number(max(0, width))),
                          ("height", number(max(0, height))), ("fill", fill)]
        if let stroke { attributes.append(("stroke", stroke)) }
        add("rect", attributes, tooltip: tooltip)
    }

    /// A straight line.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                       width strokeWidth: Double = 1, dashed: Bool = false, tooltip: String? = nil) {
        var attributes = [("x1", number(x1)), ("y1", number(y1)), ("x2", number(x2)), ("y2", number(y2)),
                          ("stroke", stroke), ("stroke-width", number(strokeWidth))]
        if dashed { attributes.append(("stroke-dasharray", "6 4")) }
        add("line", attributes, tooltip: tooltip)
    }

    /// A circle; `fill: "none"` draws a ring.
    mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String,
                         strokeWidth: Double = 1.5, tooltip: String? = nil) {
        add("circle", [("cx", number(x)), ("cy", number(y)), ("r", number(radius)), ("fill", fill),
                       ("stroke", stroke), ("stroke-width", number(strokeWidth))], tooltip: tooltip)
    }

    /// A closed polygon through `points`.
    mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, stroke: String,
                          strokeWidth: Double = 1.5, tooltip: String? = nil) {
        let list = points.map { number($0.x) + "," + number($0.y) }.joined(separator: " ")
        add("polygon", [("points", list), ("fill", fill), ("stroke", stroke), ("stroke-width", number(strokeWidth))],
            tooltip: tooltip)
    }

    /// A line of text (11 px unless `size` says otherwise); `rotation` turns it (degrees,
    /// clockwise) about its anchor point.
    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, fill: String = PlotPalette.ink,
                       size: Double? = nil, rotation: Double? = nil, tooltip: String? = nil) {
        var attributes = [("x", number(x)), ("y", number(y))]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        attributes.append(("fill", fill))
        if let size { attributes.append(("font-size", number(size))) }
        if let rotation { attributes.append(("transform", "rotate(\(number(rotation)) \(number(x)) \(number(y)))")) }
        let title = tooltip.map { "<title>\(HTMLEscaping.text($0))</title>" } ?? ""
        elements.append(open("text", attributes) + title + HTMLEscaping.text(content) + "</text>")
    }

    /// A horizontal colour ramp from `stops` (offset 0…1, colour), e.g. a heatmap's legend.
    /// - Parameter id: unique in the page: the gradient is referenced by it.
    mutating func gradientBar(id: String, stops: [(offset: Double, color: String)],
                              x: Double, y: Double, width: Double, height: Double) {
        let stopElements = stops.map {
            "<stop offset=\"\(number($0.offset))\" stop-color=\"\(HTMLEscaping.attribute($0.color))\"/>"
        }.joined()
        elements.append("<defs><linearGradient id=\"\(HTMLEscaping.attribute(id))\">\(stopElements)</linearGradient></defs>")
        rect(x: x, y: y, width: width, height: height, fill: "url(#\(id))", stroke: "#8c959f")
    }

    /// The finished `<svg>` element.
    /// - Parameter label: what the drawing shows, for screen readers (its `<title>`).
    func rendered(label: String) -> String {
        // Fonts are set on the root, so the drawing reads the same when saved on its own.
        let header = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(number(width))\" "
            + "height=\"\(number(height))\" viewBox=\"0 0 \(number(width)) \(number(height))\" "
            + "font-family=\"\(Self.fontFamily)\" font-size=\"11\">"
        return header + "<title>\(HTMLEscaping.text(label))</title>" + elements.joined(separator: "\n") + "</svg>"
    }

    /// The page's font stack: system fonts only, nothing fetched.
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

    private mutating func add(_ name: String, _ attributes: [(String, String)], tooltip: String?) {
        if let tooltip {
            elements.append(open(name, attributes) + "<title>\(HTMLEscaping.text(tooltip))</title></\(name)>")
        } else {
            elements.append(open(name, attributes, selfClosing: true))
        }
    }

    private func open(_ name: String, _ attributes: [(String, String)], selfClosing: Bool = false) -> String {
        "<\(name)" + attributes.map { " \($0.0)=\"\(HTMLEscaping.attribute($0.1))\"" }.joined() + (selfClosing ? "/>" : ">")
    }

    private func number(_ value: Double) -> String { HTMLNumbers.coordinate(value) }
}
