import WSLabelCore

/// An item sent to people for a label, with the label model's suggestion.
public struct ReviewItem: Sendable, Equatable {
    public var id: String
    public var text: String
    /// The item's other fields, shown to the labeler as metadata (the gold field only when
    /// asked for: seeing it biases the labels people give).
    public var fields: [String: String]
    /// The label model's label, or `nil` when it gave none.
    public var suggestion: String?
    /// The label model's confidence in it.
    public var confidence: Double

    public init(id: String, text: String, fields: [String: String] = [:], suggestion: String?, confidence: Double) {
        self.id = id
        self.text = text
        self.fields = fields
        self.suggestion = suggestion
        self.confidence = confidence
    }
}
