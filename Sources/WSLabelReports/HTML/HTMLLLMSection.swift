import WSLabelCore

/// The run's LLM calls, when the task has LLM-prompt LFs: per LF what was asked, answered
/// from the cache or by calls, failed or skipped for the budget, the tokens and what it cost.
enum HTMLLLMSection {
    static func render(_ report: LFReport) -> String {
        guard let costs = report.llmCosts else { return "" }
        let header = LLMCostTable.header.enumerated().map { index, title in
            "<th scope=\"col\"\(index < 2 ? " class=\"name\"" : "")>\(HTMLEscaping.text(title))</th>"
        }.joined()
        let rows = LLMCostTable.rows(costs).map { row in
            "<tr>" + row.enumerated().map { index, cell in
                "<td\(index < 2 ? " class=\"name\"" : "")>\(HTMLEscaping.text(cell))</td>"
            }.joined() + "</tr>"
        }
        let notes = LLMCostTable.notes(costs).map { "<li>\(HTMLEscaping.text($0))</li>" }
        return """
        <section id="llm">
        <h2>LLM calls this run</h2>
        <p class="hint">Per LLM-prompt LF: items asked, answers from the LLM cache (no call, no cost), answers by calls this run, calls that failed after their retries, requests not sent for the budget, answers that meant no label; tokens from the responses' usage, and dollars from the task's price book.</p>
        \(HTMLTable.render(header: header, rows: rows))
        <ul class="notes">
        \(notes.joined(separator: "\n"))
        </ul>
        </section>
        """
    }
}
