/// Estimated text widths, for laying out labels without a browser to measure them.
enum TextMetrics {
    /// The width of `text` at `size` px in a proportional sans-serif: about 0.58 em a character,
    /// generous enough that estimated boxes do not overlap when drawn.
    static func width(of text: String, size: Double) -> Double {
        Double(text.count) * size * 0.58
    }

    /// `text` cut to at most `limit` characters with "…" in the middle, keeping both ends: LF
    /// names often share a prefix (`keyword_`, `regex_`) and differ at the end.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = (limit - 1) / 2
        return String(text.prefix(head)) + "…" + String(text.suffix(limit - 1 - head))
    }
}
