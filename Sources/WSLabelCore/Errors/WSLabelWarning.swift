/// Something in a user's input that still works but should change, such as a task-file key
/// spelled the old way. Readers return warnings beside what they read (libraries never print);
/// the command line shows each on stderr as `warning: FILE:LINE: …`.
///
/// ```swift
/// let warning = WSLabelWarning(SourceLocation(file: "wslabel.yaml", line: 14, record: "model", field: "positive_label"),
///                              "renamed positive_class")
/// warning.description   // wslabel.yaml:14: record "model", field positive_label: renamed positive_class
/// ```
public struct WSLabelWarning: Sendable, Equatable, CustomStringConvertible {
    /// Where the input says what should change.
    public var location: SourceLocation
    /// What to change, in one line.
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// The location and the message, as errors read: `FILE:LINE: record "R", field F: message`.
    public var description: String {
        let prefix = location.description
        return prefix.isEmpty ? message : "\(prefix): \(message)"
    }
}
