import WSLabelCore

/// The forms an ``LFReport`` can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned tables for a terminal, fitted to its width, coloured when asked.
    case text
    /// Every number at full precision, pairwise matrices and conditional tables included.
    case json
    /// One row per LF with every per-LF column, for spreadsheets and pandas.
    case csv
    /// The text report's sections as Markdown tables, for pull requests and wikis.
    case markdown
    /// One self-contained page with SVG plots.
    case html

    /// The format a file name's extension implies (`.md` → markdown, `.htm` → html).
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "txt": self = .text
        case "json": self = .json
        case "csv": self = .csv
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }
}

/// How a report is laid out for its reader.
public struct ReportOptions: Sendable {
    /// Heading of the report (HTML title, Markdown heading).
    public var title: String
    /// The widest line of the text report, `nil` for no limit.
    public var width: Int?
    /// Whether the text report uses ANSI colours (only on a terminal).
    public var color: Bool
    /// A cost analysis (and active-learning curve) the HTML report shows as a section of its own.
    public var costs: TaskCostAnalysis?
    public var learningCurve: ActiveLearningCurve?
    /// Why the active-learning curve asked for is left out, shown in its place.
    public var learningCurveNote: String?
    /// An end model trained on the run's labels, shown beside the label model (every format
    /// but CSV, which holds the LF table alone).
    public var endModel: EndModelReport?
    /// A few items per LF, shown in the HTML report (the other formats leave them out: `wslabel
    /// inspect` writes items for tools).
    public var samples: LFSamples?

    public init(title: String = "wslabel LF report", width: Int? = nil, color: Bool = false,
                costs: TaskCostAnalysis? = nil, learningCurve: ActiveLearningCurve? = nil, endModel: EndModelReport? = nil) {
        self.endModel = endModel
        self.title = title
        self.width = width
        self.color = color
        self.costs = costs
        self.learningCurve = learningCurve
    }
}

extension LFReport {
    /// The report in `format`.
    ///
    /// ```swift
    /// let text = report.rendered(as: .markdown, options: ReportOptions(title: "YouTube spam"))
    /// ```
    public func rendered(as format: ReportFormat, options: ReportOptions = ReportOptions()) -> String {
        switch format {
        case .text:
            return TextReport.render(self, options: options) + (options.endModel.map { "\n" + $0.text + "\n" } ?? "")
        case .json:
            var value = ReportJSON.value(of: self)
            if let endModel = options.endModel, case let .object(members) = value { value = .object(members + [("end_model", endModel.endModelJSON)]) }
            return value.serialized + "\n"
        case .csv: return ReportCSV.render(self)
        case .markdown: return MarkdownReport.render(self, options: options)
        case .html:
            return HTMLReport.render(self, title: options.title, costs: options.costs, learningCurve: options.learningCurve,
                                     learningCurveNote: options.learningCurveNote, endModel: options.endModel, samples: options.samples)
        }
    }
}
