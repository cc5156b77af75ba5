import WSLabelCore

/// A label a person gave an item, read back from a labeling tool's export.
public struct HumanLabel: Sendable, Equatable, Hashable {
    public var id: String
    public var label: String
    /// Where it came from (file name and tool).
    public var source: String

    public init(id: String, label: String, source: String) {
        self.id = id
        self.label = label
        self.source = source
    }
}
