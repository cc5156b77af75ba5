import WSLabelCLI

// The whole `wslabel` command line (fit, report, apply, predict, synthesize) with this package's Swift
// LFs registered under the name task files use: `labeling_functions: {swift: [spam_heuristics]}`.
// Register more catalogs by adding entries; a task file picks the ones it wants. The tool calls
// itself my-wslabel in its usage lines, help and log lines.
WSLabelCommand.main(commandName: "my-wslabel", catalogs: ["spam_heuristics": SpamHeuristics.all])
