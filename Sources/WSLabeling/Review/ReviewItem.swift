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

/// What reading an export gave: the labels, and what was left out and why.
public struct HumanLabelImport: Sendable, Equatable {
    public var labels: [HumanLabel]
    /// Where each of ``labels`` was read (file, task or line, and the id's field), for errors.
    public var locations: [SourceLocation] = []
    /// Tasks or records without a usable answer (none, cancelled, discarded, drafts).
    public var unanswered: Int
    /// Items whose people disagreed: the majority label was kept (ties: the task's first label).
    public var disagreements: Int

    /// The majority of `answers` (ties to the label listed first in `labels`), counting a
    /// disagreement; `location` is where the record's id was read.
    mutating func add(id: String, answers: [String], labels order: [String], source: String, location: SourceLocation) {
        guard !answers.isEmpty else {
            unanswered += 1
            return
        }
        var counts: [String: Int] = [:]
        for answer in answers { counts[answer, default: 0] += 1 }
        if counts.count > 1 { disagreements += 1 }
        let best = counts.values.max()!
        let label = order.first { counts[$0] == best }!
        labels.append(HumanLabel(id: id, label: label, source: source))
        locations.append(location)
    }
}
