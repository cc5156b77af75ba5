import Foundation
import WSLabelCore
import WSLabelData

extension TaskFile {
    /// Where items read from standard input come from.
    public static let standardInput = URL(fileURLWithPath: "/dev/stdin")

    /// The task with one split, `split`, whose items are JSON Lines on standard input (fields
    /// as the task's `data` names them): how a batch engine pipes a partition of items through
    /// `wslabel apply --stdin` or `wslabel predict --stdin`. Item ids come from the task's id
    /// field, or from a field named `id` when the task names none (its files' items are named
    /// `file:row`, which the engine supplies: a partition's own row numbers would repeat).
    public func readingStandardInput(as split: String) -> TaskFile {
        var task = self
        task.splits = [Split(name: split, files: [Self.standardInput])]
        task.source.format = .jsonl
        if task.source.idField == nil { task.source.idField = "id" }
        return task
    }
}
