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
    ///
    /// - Parameter llmBudgetShare: the share of the task's LLM budget (`llm.budget_usd`) this
    ///   process may spend, in `(0, 1]`: a job that splits its items into n partitions gives each
    ///   1/n, so the whole job never spends more than the budget.
    public func readingStandardInput(as split: String, llmBudgetShare: Double = 1) -> TaskFile {
        precondition(llmBudgetShare > 0 && llmBudgetShare <= 1, "a share in (0, 1]")
        var task = self
        task.splits = [Split(name: split, files: [Self.standardInput])]
        task.source.format = .jsonl
        if task.source.idField == nil { task.source.idField = "id" }
        if let budget = task.llm?.budget { task.llm?.budget = budget * llmBudgetShare }
        return task
    }
}
