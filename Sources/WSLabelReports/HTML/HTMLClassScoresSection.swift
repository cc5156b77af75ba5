import WSLabelCore

/// Per split with gold labels (and scores not hidden): each class's precision, recall, F1 and
/// support, and the confusion matrix, rows gold and columns predicted, the correct counts
/// on the diagonal in bold.
enum HTMLClassScoresSection {
    static func render(_ report: LFReport) -> String {
        let scored = report.outcomes.filter { $0.confusion != nil }
        guard !scored.isEmpty else { return "" }
        let blocks = scored.map { outcome -> String in
            let confusion = outcome.confusion!
            let name = HTMLEscaping.text(outcome.name)
            return """
            <h3>\(name)</h3>
            \(table(ScoreTables.classScores(confusion, labelNames: report.labelNames), diagonal: false))
            <p class="hint">Confusion matrix on \(name): rows are gold classes, columns the labels given\(confusion.hasUnlabeled ? "; (none): no label" : "").</p>
            \(table(ScoreTables.confusion(confusion, labelNames: report.labelNames), diagonal: true))
            """
        }
        return """
        <section id="classes">
        <h2>Per-class scores</h2>
        <p class="hint">Precision: of the items labeled a class, the share that are of it. Recall: of the items of a class, the share labeled it (an item left unlabeled counts as missed). Support: items of the class in the gold labels.</p>
        \(blocks.joined(separator: "\n"))
        </section>
        """
    }

    /// A table of cells, the first column names; with `diagonal`, the cells where the row's
    /// class is the column's are bold (rows and columns list the classes in the same order).
    private static func table(_ cells: (header: [String], rows: [[String]]), diagonal: Bool) -> String {
        let header = cells.header.enumerated().map { index, name in
            "<th scope=\"col\"\(index == 0 ? " class=\"name\"" : "")>\(HTMLEscaping.text(name))</th>"
        }.joined()
        let rows = cells.rows.enumerated().map { row, values in
            "<tr>" + values.enumerated().map { column, cell in
                if column == 0 { return "<td class=\"name\"><strong>\(HTMLEscaping.text(cell))</strong></td>" }
                return diagonal && column == row + 1 ? "<td><strong>\(HTMLEscaping.text(cell))</strong></td>" : "<td>\(HTMLEscaping.text(cell))</td>"
            }.joined() + "</tr>"
        }
        return HTMLTable.render(header: header, rows: rows)
    }
}
