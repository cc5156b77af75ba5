import WSLabelCore
import WSLabelData

/// The per-LF table as RFC 4180 CSV with fractions at full precision.
enum ReportCSV {
    static func render(_ report: LFReport) -> String {
        let columns = LFTableColumns.machine
        let rows = [columns.header(report)] + columns.rows(report, polaritySeparator: " ")
        return rows.map { $0.map(CSVOutput.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
