/// A plain-text table: a header row, a rule, then rows. Text columns are left-aligned and the
/// others right-aligned, as numbers read best.
///
/// ```swift
/// var table = TextTable(header: ["LF", "coverage"])
/// table.rows.append(["keyword_my", "19.9%"])
/// print(table.render(maxWidth: 80))
/// ```
public struct TextTable: Sendable {
    public var header: [String]
    /// Columns holding text rather than numbers (default: the first).
    public var textColumns: Set<Int>
    public var rows: [[String]]

    public init(header: [String], textColumns: Set<Int> = [0], rows: [[String]] = []) {
        self.header = header
        self.textColumns = textColumns
        self.rows = rows
    }

    /// The table as lines joined by newlines.
    ///
    /// When the table is wider than `maxWidth`, the first column is shortened (to no fewer than
    /// 12 characters, ending in "…"), then columns are dropped from the right, so the table
    /// never wraps in a terminal.
    /// - Parameters:
    ///   - maxWidth: the widest line allowed, `nil` for no limit.
    ///   - style: decorates a padded cell (row −1 is the header), e.g. with terminal colours;
    ///     it must not change the visible width.
    public func render(maxWidth: Int? = nil, style: ((_ row: Int, _ column: Int, _ cell: String) -> String)? = nil) -> String {
        var columns = header.count
        var widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func total() -> Int { widths.prefix(columns).reduce(0, +) + 2 * max(0, columns - 1) }
        if let maxWidth {
            if total() > maxWidth { widths[0] = max(min(widths[0], 12), widths[0] - (total() - maxWidth)) }
            while columns > 1 && total() > maxWidth { columns -= 1 }
        }
        func line(_ cells: [String], row: Int) -> String {
            (0..<columns).map { column in
                var cell = cells[column]
                if cell.count > widths[column] { cell = String(cell.prefix(widths[column] - 1)) + "…" }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let padded = textColumns.contains(column) ? cell + padding : padding + cell
                return style?(row, column, padded) ?? padded
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(header, row: -1), widths.prefix(columns).map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.enumerated().map { line($1, row: $0) }
        return lines.joined(separator: "\n")
    }
}

extension String {
    // A padded last text column would leave spaces at the end of every line.
    fileprivate func trimmingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
