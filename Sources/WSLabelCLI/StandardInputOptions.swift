import ArgumentParser

/// The options of a command that reads one split's items as JSON Lines from standard input, as
/// a batch engine pipes each partition through `wslabel` (`apply` and `predict`).
struct StandardInputOptions: ParsableArguments {
    @Flag(name: .long, help: "With a task file: read the items of one split (--split) as JSON Lines from standard input.")
    var stdin = false

    @Option(name: .long, help: ArgumentHelp("With --stdin: the split the items belong to (default: train for apply, predict for predict).", valueName: "split"))
    var split: String?

    @Flag(name: .long, help: "With --stdin: read and write the task's vote cache and LLM response cache (off by default: executors of a batch engine share neither unless the caches are on shared storage).")
    var useCache = false

    @Option(name: .long, help: ArgumentHelp("With --stdin: the share of the task's LLM budget (llm.budget_usd) this process may spend, in (0, 1]; a job of n partitions gives each 1/n, so the whole job stays within the budget. (default: 1)", valueName: "share"))
    var llmBudgetShare: Double?

    func validate() throws {
        if !stdin, split != nil || useCache || llmBudgetShare != nil {
            throw ValidationError("--split, --use-cache and --llm-budget-share go with --stdin")
        }
        if let llmBudgetShare, !(llmBudgetShare > 0 && llmBudgetShare <= 1) {
            throw ValidationError("--llm-budget-share must be in (0, 1], not \(llmBudgetShare)")
        }
    }
}
