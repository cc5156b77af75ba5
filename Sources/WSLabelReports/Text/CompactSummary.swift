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
            + "\n" + (flags.isEmpty ? "no LF flagged." : "\(Set(flags.map(\.lf)).count) LFs flagged: `wslabel report` says why.")
    }
}
