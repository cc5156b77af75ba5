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
    /// The LFs' votes on it, in LF order: who said what, for the person fixing LFs (exports
    /// carry them as metadata; the default labeling views do not show them).
    public var votes: [Vote]

    /// One LF's vote, by names.
    public struct Vote: Sendable, Equatable {
        public var lf: String
        public var label: String

        public init(lf: String, label: String) {
            self.lf = lf
            self.label = label
        }

        /// `keyword_free=SPAM`: how exports write it (Argilla's metadata takes lists of terms).
        public var term: String { "\(lf)=\(label)" }
    }

    public init(id: String, text: String, fields: [String: String] = [:], suggestion: String?, confidence: Double, votes: [Vote] = []) {
        self.id = id
        self.text = text
        self.fields = fields
        self.suggestion = suggestion
        self.confidence = confidence
        self.votes = votes
    }
}
