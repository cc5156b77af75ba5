import Foundation

/// A one-line progress display on stderr, redrawn in place; silent when stderr is not a
/// terminal, so logs and pipes stay clean.
final class ProgressLine: @unchecked Sendable {
    private let enabled = isatty(FileHandle.standardError.fileDescriptor) != 0
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Shows `message`, at most ten times a second.
    func update(_ message: String) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        drawn = true
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(message)".utf8))
    }

    /// Clears the line.
    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
