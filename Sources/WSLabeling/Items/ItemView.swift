/// An item with the preprocessed views LFs share, computed once per item rather than once per
/// LF: the lowercased text and its word tokens.
///
/// ```swift
/// let view = ItemView(Item(id: "1", text: "Check out MY channel!"))
/// view.lowercasedText   // "check out my channel!"
/// view.tokens           // ["check", "out", "my", "channel"]
/// view.wordCount        // 4 (whitespace-separated words, as Python's str.split())
/// ```
public struct ItemView: Sendable {
    /// The item.
    public let item: Item
    /// `item.text` lowercased.
    public let lowercasedText: String
    /// Lowercased runs of letters and digits, in order.
    public let tokens: [Substring]
    /// Number of whitespace-separated words of `item.text`.
    public let wordCount: Int

    public init(_ item: Item) {
        self.item = item
        let lowered = item.text.lowercased()
        lowercasedText = lowered
        tokens = lowered.split { !($0.isLetter || $0.isNumber) }
        wordCount = item.text.split(whereSeparator: \.isWhitespace).count
    }

    /// The item's text.
    public var text: String { item.text }

    /// A field of the source record.
    public subscript(field name: String) -> String? { item.fields[name] }
}
