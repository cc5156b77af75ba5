import WSLabelCore
import WSLabeling

/// The line `fit`, `apply`, `report` and `predict` redraw on stderr while a task's LFs run:
///
///     applying LFs to train [##########----------]  52%  823,296 items  410,112 items/s  ~2 s left
///
/// The bar and the time left come from the bytes of the split's files read so far, the rate
/// from the items done since the split started.
enum ApplyProgressBar {
    /// The line for `progress`, `elapsed` seconds into its split, in at most `width` columns.
    static func line(_ progress: ApplyProgress, elapsed: Double, width: Int = 80) -> String {
        let head = "applying LFs to \(progress.split)"
        var stats = "\(ReportNumbers.count(progress.itemsDone)) items"
        if elapsed >= 0.5 {
            stats += "  \(ReportNumbers.count(Int((Double(progress.itemsDone) / elapsed).rounded()))) items/s"
        }
        guard let fraction = progress.fractionDone else { return fit(head + "  " + stats, width: width) }
        let percent = "\(String(Int(fraction * 100)).leftPadded(to: 3))%"
        if elapsed >= 0.5, fraction > 0.01, fraction < 1 {
            stats += "  ~\(Self.duration(elapsed * (1 - fraction) / fraction)) left"
        }
        // The bar takes what the words leave, 10 to 40 columns; below 10 it is left out.
        let barWidth = min(40, width - head.count - percent.count - stats.count - 7)
        guard barWidth >= 10 else { return fit("\(head)  \(percent)  \(stats)", width: width) }
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled)
        return "\(head) [\(bar)] \(percent)  \(stats)"
    }

    /// `seconds` as `"42 s"`, `"3 min 05 s"` or `"2 h 07 min"`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(String(whole % 60).leftPadded(to: 2, with: "0")) s" }
        return "\(whole / 3600) h \(String(whole / 60 % 60).leftPadded(to: 2, with: "0")) min"
    }

    private static func fit(_ line: String, width: Int) -> String {
        line.count <= width ? line : String(line.prefix(max(0, width - 1))) + "…"
    }
}

private extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
