/// The HTML report's end-model section: how the text classifier was trained on the label
/// model's labels, and both models side by side per split.
enum HTMLEndModelSection {
    static func render(_ endModel: EndModelReport?) -> String {
        guard let endModel else { return "" }
        let table = endModel.table
        let header = table.header.enumerated().map { index, name in
            "<th scope=\"col\"\(index == 0 ? " class=\"name\"" : "")>\(HTMLEscaping.text(name))</th>"
        }.joined()
        let rows = table.rows.map { cells in
            "<tr>" + cells.enumerated().map { index, cell in
                index == 0 ? "<td class=\"name\"><strong>\(HTMLEscaping.text(cell))</strong></td>" : "<td>\(HTMLEscaping.text(cell))</td>"
            }.joined() + "</tr>"
        }
        let features = HTMLNumbers.count(endModel.training.model.features.featureCount)
        return """
        <section id="end-model">
        <h2>End model</h2>
        <p>Logistic regression on \(features) hashed word and character n-gram features (TF-IDF), trained on the label model's probabilistic labels: \(HTMLEscaping.text(endModel.choiceLine)); \(HTMLEscaping.text(endModel.trainingLine)).</p>
        <p class="hint">\(HTMLEscaping.text(EndModelReport.coverageNote)) <code>wslabel train --save-end-model</code> keeps it; <code>wslabel classify</code> labels new items with it.</p>
        \(HTMLTable.render(header: header, rows: rows))
        </section>
        """
    }
}
