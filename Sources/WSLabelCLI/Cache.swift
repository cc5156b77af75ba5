import ArgumentParser

/// `wslabel cache`: what a task's vote cache holds, and clearing it.
struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or clear a task's vote cache.",
        discussion: """
            Every command that applies a task's LFs keeps their votes in the task's vote cache \
            (output.cache, default .wslabel/votes.sqlite beside the task file), keyed by each LF's \
            fingerprint: its content for keyword, regex and LLM LFs, its name, version and Swift \
            source for Swift LFs. An edited LF gets a new fingerprint and runs again; the votes of \
            its earlier versions stay behind as stale votes until cleared.

            Examples:
              wslabel cache stats
              wslabel cache clear --lf keyword_refund
              wslabel cache clear --lf 'regex_*' --config examples/support-tickets/wslabel.yaml
              wslabel cache clear --stale
              wslabel cache clear
            """,
        subcommands: [CacheStats.self, CacheClear.self]
    )
}
