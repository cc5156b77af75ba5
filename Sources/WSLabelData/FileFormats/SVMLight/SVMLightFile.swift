import Foundation
import WSLabelCore

/// Sparse feature rows in the SVMlight text format, which scikit-learn reads with
/// `sklearn.datasets.load_svmlight_file(path, zero_based=True)`: one row per line,
/// `<label> <feature>:<value> …`, features zero-based and ascending, values in Swift's shortest
/// round-trip form (the same rows always give the same bytes).
public enum SVMLightFile {
    /// The text of `rows` with one label per row (a class index, or -1 for none).
    public static func text(_ rows: SparseRows, labels: [Int]) -> String {
        precondition(labels.count == rows.rowCount, "one label per row")
        var text = ""
        for row in 0..<rows.rowCount {
            text += String(labels[row])
            for entry in rows.entries(ofRow: row) { text += " \(rows.columns[entry]):\(rows.values[entry])" }
            text += "\n"
        }
        return text
    }

    /// Writes `rows` and their labels to `url` atomically.
    public static func write(_ rows: SparseRows, labels: [Int], to url: URL) throws {
        try AtomicFile.write(Data(text(rows, labels: labels).utf8), to: url)
    }
}
