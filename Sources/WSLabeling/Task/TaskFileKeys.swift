/// Every key a task file accepts, section by section: what the readers check a section's keys
/// against (an unknown key is an error that lists these), and what `docs/task-file.md` must
/// document (a test reads ``sections`` and looks for each key there).
///
/// A new task-file key goes into its section's list here, is read where the section is read,
/// and gets its row in `docs/task-file.md`.
enum TaskFileKeys {
    /// The top level.
    static let top: Set<String> = ["labels", "data", "labeling_functions", "model", "evaluation", "output", "llm", "costs"]
    /// `data`: the items' format and fields (``TaskFile/itemSource(_:labels:)``).
    static let data: Set<String> = ["id", "text", "gold", "gold_values", "format", "delimiter", "header", "splits", "max_text_bytes"]
    /// A split drawn from another split: `data.splits.NAME: {sample_of, size, seed}`.
    static let sampledSplit: Set<String> = ["sample_of", "size", "seed"]
    /// `labeling_functions`: where LFs come from and which of them run.
    static let labelingFunctions: Set<String> = ["swift", "files", "include", "exclude"]
    /// `model`: the `wslabel fit` settings.
    static let model: Set<String> = ["model", "select_metric", "positive_class", "dev_split", "ties", "seed"]
    /// `model` keys' old names, still read for one release with a warning (``YAMLFields/renamedKey(_:formerly:warnings:)``):
    /// old name to new. A key is renamed to take its flag's name (`positive_class`, `--positive-class`).
    static let formerModelKeys: [String: String] = ["positive_label": "positive_class"]
    /// `evaluation`: the split kept for the end (``TaskFile/EvaluationSettings``).
    static let evaluation: Set<String> = ["test_split", "hide_test"]
    /// `output`: where labels, the vote cache and people's labels are written.
    static let output: Set<String> = ["labels", "cache", "human_labels"]
    /// `llm` (``LLMSettings``).
    static let llm: Set<String> = ["endpoints", "prices", "budget_usd", "cache"]
    /// One endpoint: `llm.endpoints.NAME`.
    static let llmEndpoint: Set<String> = ["base_url", "model", "api_key_env", "timeout_seconds", "max_concurrency", "max_retries",
                                           "initial_retry_delay_seconds", "max_retry_delay_seconds"]
    /// One model's price: `llm.prices.MODEL`.
    static let llmPrice: Set<String> = ["input_per_million", "output_per_million", "per_hour", "source"]
    /// `costs` (``LabelingPriceBook``).
    static let costs: Set<String> = ["crowd", "expert", "lf_authoring", "machine"]
    /// `costs.crowd` and `costs.expert`.
    static let costsHumanRate: Set<String> = ["per_item", "items_per_hour", "source", "accuracy", "accuracy_source"]
    /// `costs.lf_authoring`.
    static let costsLFAuthoring: Set<String> = ["hours", "hourly_rate", "source"]
    /// `costs.machine`.
    static let costsMachine: Set<String> = ["per_hour", "source"]

    /// Every section with its dotted path as `docs/task-file.md` writes it (`NAME` for a name
    /// the user chooses) and its keys.
    static let sections: [(path: String, keys: Set<String>)] = [
        ("", top), ("data", data), ("data.splits.NAME", sampledSplit), ("labeling_functions", labelingFunctions),
        ("model", model), ("evaluation", evaluation), ("output", output), ("llm", llm), ("llm.endpoints.NAME", llmEndpoint), ("llm.prices.MODEL", llmPrice),
        ("costs", costs), ("costs.crowd", costsHumanRate), ("costs.expert", costsHumanRate),
        ("costs.lf_authoring", costsLFAuthoring), ("costs.machine", costsMachine),
    ]
}
