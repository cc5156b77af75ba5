import WSLabelCore

/// The per-LF table as RFC 4180 CSV with fractions at full precision.
enum ReportCSV {
    static func render(_ report: LFReport) -> String {
        let columns = LFTableColumns.machine
        let rows = [columns.header(report)] + columns.rows(report, polaritySeparator: " ")
        return rows.map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingExactly("\"", with: "\"\"") + "\""
    }
}
