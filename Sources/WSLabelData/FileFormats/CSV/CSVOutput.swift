import WSLabelCore

/// Writing CSV (RFC 4180).
public enum CSVOutput {
    /// `field` as it goes in a CSV line: unchanged, or in double quotes with each quote doubled
    /// when it holds a comma, a quote or a line break.
    ///
    /// ```swift
    /// CSVOutput.field("plain")         // plain
    /// CSVOutput.field("a, \"b\"")      // "a, ""b"""
    /// ```
    public static func field(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingExactly("\"", with: "\"\"") + "\""
    }
}
