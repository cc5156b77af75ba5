import Foundation

/// The name the command line goes by in usage lines, help text and log lines: `wslabel`, or
/// the name a user's package gives its own tool (`WSLabelCommand.main(commandName:catalogs:)`).
enum ToolName {
    /// The name every help text is written with.
    static let written = "wslabel"

    private static let lock = NSLock()
    nonisolated(unsafe) private static var name = written

    /// The tool's name for this process; set once, before the command line is parsed.
    static var current: String {
        get { lock.withLock { name } }
        set { lock.withLock { name = newValue } }
    }

    /// The name of the running executable (`my-wslabel` for `.build/release/my-wslabel`), or
    /// `wslabel` when there is none.
    static var executable: String {
        let name = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? ""
        return name.isEmpty ? written : name
    }

    /// `text` with the tool called by its ``current`` name: each `wslabel` that names the tool
    /// (`wslabel fit`, `` `wslabel report` ``) is replaced; file and folder names that contain it
    /// (`wslabel.yaml`, `.wslabel/`, `wslabel-llm.yaml`) are kept.
    static func named(_ text: String) -> String {
        let name = current
        guard name != written else { return text }
        return text.replacingOccurrences(of: #"(?<![\w./-])wslabel(?![\w./-])"#, with: NSRegularExpression.escapedTemplate(for: name),
                                         options: .regularExpression)
    }
}
