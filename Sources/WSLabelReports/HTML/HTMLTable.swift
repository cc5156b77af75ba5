/// A scrolling table of the HTML report: the header row's cells and the body's rows, already
/// written as HTML.
enum HTMLTable {
    static func render(header: String, rows: [String]) -> String {
        """
        <div class="table-wrap">
        <table>
        <thead><tr>\(header)</tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        </div>
        """
    }
}
