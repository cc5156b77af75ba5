import WSLabelCore

/// How every output says that a test split's scores are hidden (``LFReport/hiddenSplits``,
/// `--hide-test`), so `fit`, `report`, `train` and `cost` say it in the same words.
public enum HiddenScores {
    /// The table cell in place of a hidden score.
    public static let cell = "hidden"

    /// The line under a table with hidden scores, e.g.
    /// `test: 500 items, scores hidden (evaluate with: wslabel evaluate)`.
    /// - Parameters:
    ///   - split: the hidden split.
    ///   - items: its number of items.
    public static func note(split: String, items: Int) -> String {
        "\(split): \(ReportNumbers.count(items)) item\(items == 1 ? "" : "s"), scores hidden (evaluate with: wslabel evaluate)"
    }
}
