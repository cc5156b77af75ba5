import Foundation

/// What stdout or stderr is: a terminal's width and whether colours suit it.
struct Terminal {
    /// Columns to fit lines in; `nil` when it is not a terminal (pipes get full lines).
    var width: Int?
    /// Colours only on a terminal, never with `NO_COLOR` set or `TERM=dumb` (no-color.org).
    var color: Bool

    static var standardOutput: Terminal { Terminal(descriptor: FileHandle.standardOutput.fileDescriptor) }
    static var standardError: Terminal { Terminal(descriptor: FileHandle.standardError.fileDescriptor) }

    init(width: Int?, color: Bool) {
        self.width = width
        self.color = color
    }

    private init(descriptor: Int32) {
        guard isatty(descriptor) != 0 else {
            self.init(width: nil, color: false)
            return
        }
        let environment = ProcessInfo.processInfo.environment
        var size = winsize()
        var width = ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
        if width == nil { width = environment["COLUMNS"].flatMap(Int.init) }
        let color = environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        self.init(width: width, color: color)
    }
}
