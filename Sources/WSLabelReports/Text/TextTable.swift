/// A plain-text table: a header row, a rule, then rows. Text columns are left-aligned and the
/// others right-aligned, as numbers read best. Column groups put a title over adjacent columns
/// that share something, such as the split their numbers come from.
///
/// ```swift
/// var table = TextTable(header: ["LF", "coverage", "acc(dev)"])
/// table.groups = [.init(title: "on train", columns: 1...1), .init(title: "on dev", columns: 2...2)]
/// table.rows.append(["keyword_my", "19.9%", "80.0%"])
/// print(table.render(maxWidth: 80))
/// //             on train  on dev
/// // LF          coverage  acc(dev)
/// // ----------  --------  --------
/// // keyword_my     19.9%     80.0%
/// ```
public struct TextTable: Sendable {
    /// A title over adjacent columns, centered and drawn out with dashes to their full width.
    public struct ColumnGroup: Sendable, Equatable {
        public var title: String
        public var columns: ClosedRange<Int>

        public init(title: String, columns: ClosedRange<Int>) {
            self.title = title
            self.columns = columns
        }
    }

    public var header: [String]
    /// Titles over groups of columns, in a line above the header (none by default); a group
    /// whose columns do not all fit the width is left out.
    public var groups: [ColumnGroup] = []
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
        if let titles = groupLine(widths: Array(widths.prefix(columns))) { lines.insert(titles, at: 0) }
        lines += rows.enumerated().map { line($1, row: $0) }
        return lines.joined(separator: "\n")
    }
}

extension TextTable {
    /// The line of group titles over columns of `widths` (two spaces apart), or `nil` when no
    /// group fits.
    fileprivate func groupLine(widths: [Int]) -> String? {
        var starts: [Int] = []
        var position = 0
        for width in widths {
            starts.append(position)
            position += width + 2
        }
        var line = ""
        for group in groups.sorted(by: { $0.columns.lowerBound < $1.columns.lowerBound })
        where group.columns.lowerBound >= 0 && group.columns.upperBound < widths.count {
            let start = starts[group.columns.lowerBound], span = starts[group.columns.upperBound] + widths[group.columns.upperBound] - start
            guard line.count <= start else { continue }
            var title = group.title
            if title.count > span { title = String(title.prefix(max(span - 1, 0))).trimmingTrailingSpaces() + "…" }
            // Dashes show which columns the title covers; a space keeps them off the title.
            let room = span - title.count
            let padded = room >= 4
                ? String(repeating: "-", count: (room - 2) / 2) + " " + title + " " + String(repeating: "-", count: room - 2 - (room - 2) / 2)
                : title + String(repeating: " ", count: room)
            line += String(repeating: " ", count: start - line.count) + padded
        }
        return line.isEmpty ? nil : line.trimmingTrailingSpaces()
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
