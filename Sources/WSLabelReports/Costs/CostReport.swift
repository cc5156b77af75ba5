import Foundation
import WSLabelCore
import WSLabelData
import WSLabeling

/// The cost-quality analysis as `wslabel cost` prints it: a table of options with the frontier
/// marked, the recommendation within a budget, and the prices with where they come from; or
/// the same as JSON.
public enum CostReport {
    /// The analysis as aligned text, in at most `width` columns.
    public static func text(_ costs: TaskCostAnalysis, width: Int? = nil) -> String {
        let analysis = costs.analysis
        var table = TextTable(header: ["option", "accuracy", "macro-F1", "coverage", "cost", "$/1k labels", "hours", "$/acc. pt", "frontier"],
                              textColumns: [0, 8])
        for option in analysis.options { table.rows.append([option.name] + cells(option, items: analysis.itemCount)) }
        var sections = [
            heading(costs) + ":",
            table.render(maxWidth: width),
            "◆ the frontier: no other option is as accurate for less.",
        ]
        if let recommendation = costs.recommendation { sections.append(recommendation.reason) }
        sections.append(notes(costs).map { "- " + $0 }.joined(separator: "\n"))
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The analysis as one JSON object: `items`, `evaluation_split`, `hidden_splits` (test splits
    /// whose scores are hidden, never the evaluation split), `evaluation_items`,
    /// `llm_lf`, `options` (per option `kind`, `name`, `threshold`, `routed_share`, `accuracy`,
    /// `macro_f1`, `coverage`, `cost_usd`, `cost_per_1000_usd`, `hours`,
    /// `cost_per_accuracy_point_usd`, `on_frontier`, `projection`; majority vote's `ties`
    /// (``MajorityVoteTies/json``); a hybrid whose cutoff splits tied items, `tie_at_cutoff`
    /// with `routed` and `tied` counts), `skipped_shares` (`share`, `same_as`),
    /// `recommendation` (with a budget: `budget_usd`, `option`, `reason`) and `prices` (each
    /// figure with its `source`; people's `accuracy` with its `accuracy_source`).
    public static func json(_ costs: TaskCostAnalysis) -> JSONValue {
        let analysis = costs.analysis
        var members: [(key: String, value: JSONValue)] = [
            ("items", .number(Double(analysis.itemCount))),
            ("measured_items", .number(Double(analysis.measuredItemCount))),
            ("projection", analysis.projection.map(JSONValue.string) ?? .null),
            ("evaluation_split", .string(costs.evaluationSplit)),
            ("hidden_splits", .array(costs.hiddenSplits.map(JSONValue.string))),
            ("evaluation_items", .number(Double(analysis.evaluationCount))),
            ("llm_lf", costs.llmLF.map(JSONValue.string) ?? .null),
            ("options", .array(analysis.options.map { optionJSON($0, items: analysis.itemCount) })),
            ("skipped_shares", .array(analysis.skippedShares.map {
                .object([("share", .number($0.share)), ("same_as", .number($0.sameAs))])
            })),
        ]
        if let recommendation = costs.recommendation, let budget = costs.budget {
            members.append(("recommendation", .object([
                ("budget_usd", .number(budget)), ("option", recommendation.option.map { .string($0.name) } ?? .null),
                ("reason", .string(recommendation.reason)),
            ])))
        }
        let prices = analysis.prices
        func rate(_ rate: LabelingPriceBook.HumanRate) -> JSONValue {
            .object([("per_item_usd", .number(rate.perItem)), ("items_per_hour", .number(rate.itemsPerHour)), ("source", .string(rate.source)),
                     ("accuracy", .number(rate.accuracy)), ("accuracy_source", .string(rate.accuracySource))])
        }
        members.append(("prices", .object([
            ("crowd", rate(prices.crowd)),
            ("expert", rate(prices.expert)),
            ("lf_authoring", .object([("hours", .number(prices.lfAuthoringHours)), ("hourly_rate_usd", .number(prices.lfAuthoringHourlyRate)),
                                      ("source", .string(prices.lfAuthoringSource))])),
            ("machine", .object([("per_hour_usd", .number(prices.machinePerHour)), ("source", .string(prices.machineSource))])),
        ])))
        return .object(members)
    }

    /// One option as `json(_:)` lists it.
    private static func optionJSON(_ option: LabelingOption, items: Int) -> JSONValue {
        func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        var members: [(key: String, value: JSONValue)] = [
            ("kind", .string(option.kind.rawValue)), ("name", .string(option.name)), ("threshold", optional(option.threshold)),
            ("routed_share", .number(option.routedShare)), ("accuracy", .number(option.metrics.accuracy)),
            ("macro_f1", .number(option.metrics.macroF1)), ("coverage", .number(option.metrics.coverage)),
            ("cost_usd", .number(option.cost)), ("cost_per_1000_usd", .number(option.costPerThousand(items: items))),
            ("hours", .number(option.hours)), ("cost_per_accuracy_point_usd", optional(option.costPerAccuracyPoint)),
            ("on_frontier", .bool(option.onFrontier)), ("projection", option.projectionNote.map(JSONValue.string) ?? .null),
        ]
        if let ties = option.majorityVoteTies { members.append(("ties", ties.json)) }
        if let tie = option.tieAtCutoff {
            members.append(("tie_at_cutoff", .object([("routed", .number(Double(tie.routed))), ("tied", .number(Double(tie.tied)))])))
        }
        return .object(members)
    }

    /// The analysis as one self-contained HTML page: the recommendation, the frontier plot, the
    /// options table, the active-learning curve (when measured) and the prices with their sources.
    /// - Parameter curveNote: why a curve asked for is left out, shown in its place.
    public static func html(_ costs: TaskCostAnalysis, curve: ActiveLearningCurve? = nil, curveNote: String? = nil, title: String) -> String {
        HTMLPage.render(title: title, sections: ["<h1>\(HTMLEscaping.text(title))</h1>"]
                        + htmlSections(costs, curve: curve, curveNote: curveNote, headingLevel: 2))
    }

    /// The cost analysis as HTML blocks, headings at `headingLevel`: shared by the cost page and
    /// the LF report's cost section.
    static func htmlSections(_ costs: TaskCostAnalysis, curve: ActiveLearningCurve?, curveNote: String? = nil, headingLevel: Int) -> [String] {
        let analysis = costs.analysis
        let h = "h\(headingLevel)"
        let header = ["option", "accuracy", "macro-F1", "coverage", "cost", "$ / 1k labels", "hours", "$ / accuracy point", "frontier"]
            .enumerated().map { "<th scope=\"col\"\($0.offset == 0 ? " class=\"name\"" : "")>\(HTMLEscaping.text($0.element))</th>" }.joined()
        let rows = analysis.options.map { option in
            let cells = cells(option, items: analysis.itemCount).map { "<td>\(HTMLEscaping.text($0))</td>" }.joined()
            return "<tr\(option.onFrontier ? " class=\"flagged\"" : "")><td class=\"name\">\(HTMLEscaping.text(option.name))</td>\(cells)</tr>"
        }
        var sections = ["<p>\(HTMLEscaping.text(heading(costs))).</p>"]
        if let recommendation = costs.recommendation { sections.append("<p class=\"note\">\(HTMLEscaping.text(recommendation.reason))</p>") }
        sections.append("<section id=\"frontier\"><\(h)>Accuracy against cost</\(h)><figure class=\"plot\">\(CostPlots.frontier(analysis))</figure><p class=\"hint\">Larger points joined by the dashed line are the frontier: no other option is as accurate for less. Hover a point for its numbers.</p></section>")
        sections.append("<section id=\"options\"><\(h)>Options</\(h)>\(HTMLTable.render(header: header, rows: rows))</section>")
        if let curve {
            sections.append("<section id=\"curve\"><\(h)>Active learning</\(h)><figure class=\"plot\">\(CostPlots.curve(curve))</figure><p class=\"hint\">Accuracy as people label train items, simulated by the train gold labels; random picks are the mean of seeds \(curve.randomSeeds.map(String.init).joined(separator: ", ")).</p></section>")
        } else if let curveNote {
            sections.append("<section id=\"curve\"><\(h)>Active learning</\(h)><p class=\"note\">\(HTMLEscaping.text(curveNote))</p></section>")
        }
        sections.append("<section id=\"prices\"><\(h)>Prices and assumptions</\(h)><ul class=\"notes\">\(notes(costs).map { "<li>\(HTMLEscaping.text($0))</li>" }.joined(separator: "\n"))</ul></section>")
        return sections
    }

    /// What the options price and where the quality comes from.
    static func heading(_ costs: TaskCostAnalysis) -> String {
        let analysis = costs.analysis
        let scored = "scored on the \(ReportNumbers.count(analysis.evaluationCount)) items of \(costs.evaluationSplit) (gold labels)"
        guard analysis.projection != nil else { return "Labeling all \(ReportNumbers.count(analysis.itemCount)) items of the task, \(scored)" }
        return "PROJECTION: labeling \(ReportNumbers.count(analysis.itemCount)) items, from the task's \(ReportNumbers.count(analysis.measuredItemCount)), \(scored)"
    }

    /// What the figures rest on, one sentence each.
    static func notes(_ costs: TaskCostAnalysis) -> [String] {
        let prices = costs.analysis.prices
        let analysis = costs.analysis
        var notes = [
            "Crowd labels: $\(ReportNumbers.fixed(prices.crowd.perItem, digits: 2)) an item, \(ReportNumbers.fixed(prices.crowd.itemsPerHour, digits: 0)) an hour — \(prices.crowd.source).",
            "Crowd accuracy: \(ReportNumbers.percent(prices.crowd.accuracy)) — \(prices.crowd.accuracySource).",
            "Expert labels: $\(ReportNumbers.fixed(prices.expert.perItem, digits: 2)) an item, \(ReportNumbers.fixed(prices.expert.itemsPerHour, digits: 0)) an hour — \(prices.expert.source).",
            "Expert accuracy: \(ReportNumbers.percent(prices.expert.accuracy)) — \(prices.expert.accuracySource).",
            "LF authoring: \(ReportNumbers.fixed(prices.lfAuthoringHours, digits: 1)) hours at $\(ReportNumbers.fixed(prices.lfAuthoringHourlyRate, digits: 2)) — \(prices.lfAuthoringSource).",
            "Machine time: $\(ReportNumbers.fixed(prices.machinePerHour, digits: 4)) an hour — \(prices.machineSource).",
            "A person's label is right with that accuracy and otherwise equally likely any wrong class; rows people label are scored by the expected counts, without a simulation. LLM dollars and seconds are the ledger's: what each answer cost when it was asked.",
        ]
        if let ties = analysis.options.lazy.compactMap(\.majorityVoteTies).first {
            notes.append("Majority vote — \(ties.text)\(ties.choice == .random ? "" : "; --ties random gives WRENCH's rule, random for uncovered rows too, what published majority-vote figures use").")
        }
        let splitTies = analysis.options.filter { $0.tieAtCutoff != nil && $0.kind != .hybridExpert && $0.kind != .hybridLLM }
        if !splitTies.isEmpty {
            let shares = splitTies.map { ReportNumbers.percent($0.routedShare) }.joined(separator: ", ")
            notes.append("Hybrids route exactly their share: at the cutoffs of \(shares), items tie in confidence, and the ones routed are picked in a fixed pseudo-random order of the items, the same on every run.")
        }
        for skipped in analysis.skippedShares {
            notes.append("The \(ReportNumbers.percent(skipped.share)) hybrids are left out: on this few items they route the same items as the \(ReportNumbers.percent(skipped.sameAs)) ones.")
        }
        if let projection = costs.analysis.projection { notes.insert("This is a \(projection).", at: 0) }
        if !costs.hiddenSplits.isEmpty {
            notes.insert("The scores of \(costs.hiddenSplits.joined(separator: ", ")) are hidden (evaluation.hide_test or --hide-test), so the options are scored on \(costs.evaluationSplit); "
                + "if \(costs.evaluationSplit) also chose the model variant, its scores flatter the label model. `wslabel evaluate` scores the test split at the end.", at: 0)
        }
        if let llm = costs.llmLF {
            notes.append(costs.itemsMissingFromLedger == 0
                ? "Every item has its \(llm) answer in the ledger: no LLM cost is projected."
                : "* \(costs.itemsMissingFromLedger) items have no \(llm) answer in the ledger: options marked * price them at the mean answer (a projection).")
        } else {
            notes.append("The task has no LLM-prompt LF, so there are no LLM rows: add one (kind: llm) to compare.")
        }
        return notes
    }

    /// An option's cells after its name, as the text and HTML tables show them (`*` marks a
    /// projected cost).
    private static func cells(_ option: LabelingOption, items: Int) -> [String] {
        [
            ReportNumbers.percent(option.metrics.accuracy), ReportNumbers.percent(option.metrics.macroF1),
            ReportNumbers.percent(option.metrics.coverage), ReportNumbers.dollars(option.cost) + (option.projectionNote == nil ? "" : "*"),
            ReportNumbers.dollars(option.costPerThousand(items: items)), ReportNumbers.fixed(option.hours, digits: 2),
            option.costPerAccuracyPoint.map(ReportNumbers.dollars) ?? "–", option.onFrontier ? "◆" : "",
        ]
    }
}
