import Foundation

/// A one-line progress display on stderr, redrawn in place at most ten times a second; silent
/// when stderr is not a terminal, so logs and pipes stay clean.
final class ProgressLine: @unchecked Sendable {
    /// The terminal's width, or `nil` when stderr is not one (then nothing is drawn).
    private let width = Terminal.standardError.width
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Shows the line `render` makes for the terminal's width (called only when one is drawn).
    func update(_ render: (_ width: Int) -> String) {
        guard let width, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        drawn = true
        // One column spare: a line as wide as the terminal wraps on some terminals.
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(render(width - 1))".utf8))
    }

    /// Clears the line.
    func finish() {
        guard width != nil, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
