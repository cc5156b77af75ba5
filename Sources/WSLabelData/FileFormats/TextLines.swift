import WSLabelCore

extension StringProtocol {
    /// The lines of the text without their line ends, for the line-based formats wslabel reads
    /// (gold-label files, human labels, Argilla exports): a line ends with LF or CRLF, as files
    /// written on Linux, macOS or Windows do. Empty lines are kept, so a line's index + 1 is its
    /// line number; a line end at the very end does not start one more line.
    ///
    /// ```swift
    /// "SPAM\r\nHAM\r\n\r\n".textLines   // ["SPAM", "HAM", ""]
    /// ```
    ///
    /// Splitting at `"\n"` alone would not do: in Swift, CRLF is one `Character`, so such a file
    /// would read as one line.
    public var textLines: [SubSequence] {
        var lines = split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
