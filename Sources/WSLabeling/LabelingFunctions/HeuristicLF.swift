import WSLabelData
/// An LF written as Swift code: a closure over the item's shared views.
///
/// Bump `version` whenever the closure's logic changes: the fingerprint cannot see inside
/// code, and cached votes are reused while it stays the same.
///
/// ```swift
/// HeuristicLF("short_comment", version: 1) { item in item.wordCount < 5 ? "HAM" : nil }
/// ```
public struct HeuristicLF: LabelingFunction {
    public let name: String
    public let version: Int
    public let possibleLabels: [String]?
    private let body: @Sendable (ItemView) throws -> String?

    public init(_ name: String, version: Int = 1, labels: [String]? = nil,
                _ body: @escaping @Sendable (ItemView) throws -> String?) {
        self.name = name
        self.version = version
        self.possibleLabels = labels
        self.body = body
    }

    public var fingerprint: String { "heuristic|\(name)|\(version)" }

    public func vote(on item: ItemView) throws -> String? { try body(item) }
}
