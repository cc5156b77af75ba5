/// What one labeling function said about one item, before label names become class indices.
///
/// The vote cache stores outcomes, not class indices, so a cache stays valid when the task's
/// label list changes; the applier maps names to classes afterwards.
public enum LFOutcome: Sendable, Hashable {
    /// A vote for the label with this name (possibly one the task does not have).
    case vote(String)
    /// No vote.
    case abstain
    /// The LF threw; the message describes the error. Counts as an abstain.
    case failed(String)


    /// A readable one-line description of an error thrown by an LF.
    static func message(for error: any Error) -> String {
        if let described = (error as? any LocalizedError)?.errorDescription { return described }
        return String(describing: error)
    }
}

import Foundation
import WSLabelData

extension LabelingFunction {
    /// The LF's outcome on `item`: its vote, an abstain, or ``LFOutcome/failed(_:)`` with the
    /// message of what it threw. A method, so the applier calls it on LFs borrowed in place.
    public func outcome(on item: ItemView) -> LFOutcome {
        do {
            guard let label = try vote(on: item) else { return .abstain }
            return .vote(label)
        } catch {
            return .failed(LFOutcome.message(for: error))
        }
    }
}
