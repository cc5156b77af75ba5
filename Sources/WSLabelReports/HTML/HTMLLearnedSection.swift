import WSLabelCore

/// What the label model learned: its class prior, and per LF the conditional table
/// `P(vote | true class)` with abstain as an outcome, folded in a `<details>` since it is long
/// (one row per LF and class) and read only when an LF's weight needs explaining.
enum HTMLLearnedSection {
    static func render(_ report: LFReport) -> String {
        guard let learned = report.learned else {
            return """
            <section id="model">
            <h2>Label model</h2>
            <p>Model <code>\(HTMLEscaping.text(report.modelDescription))</code> counts votes and learns nothing: there is no class prior, no learned accuracy and no conditional table to show.</p>
            </section>
            """
        }
        let names = report.labelNames.map(HTMLEscaping.text)
        let prior = zip(names, learned.classPrior).map { "<li><span class=\"class-name\">\($0)</span>\(HTMLReport.meter($1))<span class=\"num\">\(HTMLNumbers.percent($1))</span></li>" }
        let tables = learned.tables
        let classes = tables.classCount
        let header = "<th scope=\"col\" class=\"name\">LF</th><th scope=\"col\" class=\"name\">true class</th><th scope=\"col\">abstain</th>"
            + names.map { "<th scope=\"col\">votes \($0)</th>" }.joined()
        let bodies = (0..<tables.lfCount).map { lf -> String in
            let rows = (0..<classes).map { truth -> String in
                var cells = truth == 0
                    ? "<th scope=\"rowgroup\" rowspan=\"\(classes)\" class=\"name\"><code>\(HTMLEscaping.text(report.lfNames[lf]))</code>"
                        + "<div class=\"share\">learned acc. \(HTMLNumbers.percent(learned.accuracies[lf]))</div></th>"
                    : ""
                cells += "<td class=\"name\">\(names[truth])</td>"
                cells += "<td>\(HTMLNumbers.probability(tables.abstainProbability(lf: lf, trueClass: truth)))</td>"
                cells += (0..<classes).map { vote in
                    let probability = HTMLNumbers.probability(tables.voteProbability(lf: lf, trueClass: truth, vote: vote))
                    return vote == truth ? "<td class=\"diagonal\">\(probability)</td>" : "<td>\(probability)</td>"
                }.joined()
                return "<tr>\(cells)</tr>"
            }
            return "<tbody>" + rows.joined() + "</tbody>"
        }
        return """
        <section id="model">
        <h2>Label model</h2>
        <p>Model <code>\(HTMLEscaping.text(report.modelDescription))</code>. Its class prior:</p>
        <ul class="bars">
        \(prior.joined(separator: "\n"))
        </ul>
        <details>
        <summary>Conditional tables: P(vote | true class) for \(HTMLNumbers.count(tables.lfCount)) LFs</summary>
        <p class="hint">Each row is one true class; its cells (abstain, then a vote per class) sum to 1. Bold cells are votes for the true class: the higher they are against the others in their column, the more the model trusts the LF.</p>
        <div class="table-wrap fit">
        <table class="conditional">
        <thead><tr>\(header)</tr></thead>
        \(bodies.joined(separator: "\n"))
        </table>
        </div>
        </details>
        </section>
        """
    }
}
