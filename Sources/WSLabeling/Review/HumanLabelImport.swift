import WSLabelCore

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
