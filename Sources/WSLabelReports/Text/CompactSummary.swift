import WSLabelCore

extension LFReport {
    /// The analysed split's coverage line, the LF table and a line about flags: what
    /// `wslabel fit` prints after its scores.
    /// - Parameters:
    ///   - width: the widest line allowed, `nil` for no limit.
    ///   - color: ANSI colours for a terminal.
    public func compactSummary(width: Int?, color: Bool) -> String {
        ReportProse.overview(self)[1] + "\n"
            + TextReport.lfSection(self, options: ReportOptions(width: width, color: color))
            + "\n" + Self.flaggedLine(Set(flags.map(\.lf)).count)
    }

    /// `no LF flagged.`, `1 LF flagged: …`, `3 LFs flagged: …`.
    static func flaggedLine(_ flagged: Int) -> String {
        flagged == 0 ? "no LF flagged." : "\(flagged) LF\(flagged == 1 ? "" : "s") flagged: `wslabel report` says why."
    }
}
