import Foundation

/// What stdout is: a terminal's width and whether colours suit it.
struct Terminal {
    /// Columns to fit tables in; `nil` when stdout is not a terminal (pipes get full lines).
    var width: Int?
    /// Colours only on a terminal, never with `NO_COLOR` set or `TERM=dumb` (no-color.org).
    var color: Bool

    static var standardOutput: Terminal {
        let descriptor = FileHandle.standardOutput.fileDescriptor
        guard isatty(descriptor) != 0 else { return Terminal(width: nil, color: false) }
        let environment = ProcessInfo.processInfo.environment
        var size = winsize()
        var width = ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
        if width == nil { width = environment["COLUMNS"].flatMap(Int.init) }
        let color = environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        return Terminal(width: width, color: color)
    }
}
