import WSLabelCore

/// One thing to label: a comment, a message, a question.
///
/// `text` is the field LFs read by default; `fields` holds every field of the source record
/// (including the text field) for LFs that need more.
public struct Item: Sendable, Equatable {
    /// The item's id, unique within its dataset.
    public let id: String
    /// The main text.
    public let text: String
    /// Every field of the source record by name.
    public let fields: [String: String]
    /// The gold label's name, when the source has one.
    public let gold: String?

    public init(id: String, text: String, fields: [String: String] = [:], gold: String? = nil) {
        self.id = id
        self.text = text
        self.fields = fields
        self.gold = gold
    }
}
