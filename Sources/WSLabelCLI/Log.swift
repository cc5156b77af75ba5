import Foundation

/// Progress and log lines: always stderr, so stdout stays machine-readable.
enum Log {
    static func info(_ message: String) {
        FileHandle.standardError.write(Data("\(ToolName.current): \(message)\n".utf8))
    }
}
