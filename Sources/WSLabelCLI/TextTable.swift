/// A plain-text table: a header row, a rule, then rows. Text columns are left-aligned and the
/// others right-aligned, as numbers read best.
struct TextTable {
    var header: [String]
    /// Columns holding text rather than numbers (default: the first).
    var textColumns: Set<Int> = [0]
    var rows: [[String]] = []

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var lines = [line(header, widths: widths), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map { line($0, widths: widths) }
        return lines.joined(separator: "\n")
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).enumerated().map { column, cell in
            let padding = String(repeating: " ", count: cell.1 - cell.0.count)
            return textColumns.contains(column) ? cell.0 + padding : padding + cell.0
        }.joined(separator: "  ")
    }
}
