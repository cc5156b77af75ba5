import ArgumentParser
import Foundation
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports
import WSLabeling

/// `wslabel review`: items out to people (Label Studio, Argilla), their labels back in, and the
/// active-learning curve that says how many are worth it.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send items to people for labels (Label Studio, Argilla), import their labels, measure active learning.",
        discussion: """
            The round trip:
              wslabel review export --count 50 --output review.json
                (Label Studio tasks, and review.json.label-config.xml for the project)
              ... label them in Label Studio, export the project as JSON ...
              wslabel review import export.json
              wslabel fit        # semi-supervised: people's labels clamp their items

            --format argilla writes Argilla records as JSON Lines instead; import
            their export the same way. Every command reads ./wslabel.yaml, or --config.
            """,
        subcommands: [Export.self, Import.self, Curve.self]
    )


    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the items people should label next as Label Studio tasks or Argilla records.",
            discussion: """
                Items are chosen from --split by --strategy: active (the label model's uncertainty plus the \
                LFs' disagreement), least-confident, disagreement or random; or, with --below-confidence, \
                every item the label model is less sure of than that (what a hybrid routes to people). \
                Items people already labeled are left out. Each carries the label model's label as a suggestion, \
                and the item's fields except the gold field (--include-gold adds it, which biases the labels).
                """)

        @OptionGroup var task: TaskFileOptions
        @Option(name: .long, help: ArgumentHelp("label-studio (JSON tasks) or argilla (JSON Lines records).", valueName: "format"))
        var format: TaskReview.ExportFormat = .labelStudio
        @Option(name: .long, help: "How many items (1 or more; a count beyond the split's size exports every item).")
        var count: Int = 50
        @Option(name: .long, help: ArgumentHelp("active, least-confident, disagreement or random.", valueName: "strategy"))
        var strategy: ReviewSelection.Strategy = .active
        @Option(name: .long, help: ArgumentHelp("Export every item whose label-model confidence (in [0, 1]) is below this instead.", valueName: "confidence"))
        var belowConfidence: Double?
        @Option(name: .long, help: ArgumentHelp("The split to choose from.", valueName: "split"))
        var split: String = "train"
        @Option(name: .long, help: ArgumentHelp("The file to write (atomically).", valueName: "file"))
        var output: String
        @Flag(name: .long, help: "Also show annotators each item's gold field (Label Studio data, Argilla metadata). It biases the labels they give: use it only to check the round trip, never to collect labels.")
        var includeGold = false
        @OptionGroup var model: ModelOptions

        func validate() throws {
            guard count > 0 else { throw ValidationError("--count must be 1 or more, not \(count)") }
            if let belowConfidence, !(0...1).contains(belowConfidence) {
                throw ValidationError("--below-confidence must be a confidence in [0, 1], not \(belowConfidence)")
            }
        }

        func run() throws {
            try CLIErrors.report {
                var job = ReviewExportJob(task: task.url, output: AtomicFile.url(forArgument: output))
                job.labelConfigFile = URL(fileURLWithPath: output + ".label-config.xml")
                job.useCache = !task.noCache
                job.model = model.choices
                job.format = format
                job.count = count
                job.strategy = strategy
                job.belowConfidence = belowConfidence
                job.split = split
                job.includeGold = includeGold
                let result = try job.run(events: JobLog().events)
                switch format {
                case .labelStudio:
                    Log.info("wrote \(result.items.count) Label Studio tasks to \(job.output.path) and the project's labeling config to \(job.labelConfigFile.path)")
                case .argilla:
                    Log.info("wrote \(result.items.count) Argilla records to \(job.output.path) (a dataset with text field `text` and label question `label`)")
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read people's labels from Label Studio or Argilla exports into the task's human labels.",
            discussion: """
                Label Studio: the project's JSON export (.json); Argilla: exported records as JSON Lines \
                (.jsonl). Several annotators of one item are settled by majority. The labels go to the \
                task's human-label file (output.human_labels, default .wslabel/human_labels.jsonl), which \
                fit, report and cost then use: people's labels clamp their items in the label model's fit.
                """)

        @OptionGroup var task: TaskConfigOption
        @Option(name: .long, help: ArgumentHelp("label-studio or argilla (default: from the extension, .jsonl is argilla).", valueName: "format"))
        var format: TaskReview.ExportFormat?
        @Argument(help: ArgumentHelp("Export files.", valueName: "file"))
        var files: [String]

        func run() throws {
            try CLIErrors.report {
                let task = try TaskFile(contentsOf: self.task.url)
                for warning in task.warnings { Log.info("warning: \(warning)") }
                let merge = try TaskReview.importLabels(from: files.map(URL.init(fileURLWithPath:)), into: task, format: format) { file, imported in
                    Log.info("\(file.relativePath): \(imported.labels.count) labels, \(imported.unanswered) unanswered, \(imported.disagreements) settled by majority")
                }
                Log.info("\(task.humanLabels.path): \(merge.added) new labels, \(merge.changed) changed, \(merge.total) in all")
            }
        }
    }

    struct Curve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure accuracy against the number of human labels, active picks against random ones.",
            discussion: """
                Simulates people with the train split's gold labels: for each number of labels in \
                --steps, the label model is refit semi-supervised on the items each strategy picked and \
                scored on --split. Random picks are averaged over --seeds.
                """)

        @OptionGroup var task: TaskFileOptions
        @Option(name: .long, parsing: .upToNextOption, help: "Numbers of human labels.")
        var steps: [Int] = TaskApplication.defaultCurveSteps
        @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Strategies: active, least-confident, disagreement, random.", valueName: "strategy"))
        var strategies: [ReviewSelection.Strategy] = [.active, .random]
        @Option(name: .long, parsing: .upToNextOption, help: "Seeds of the random picks.")
        var seeds: [UInt64] = [0, 1, 2]
        @Option(name: .long, help: ArgumentHelp("Split to score on.", valueName: "split"))
        var split: String = "test"
        @Flag(name: .long, help: "Print one JSON object instead of a table.")
        var json = false
        @OptionGroup var model: ModelOptions

        func run() throws {
            try CLIErrors.report {
                let applied = try task.apply(threads: model.workers.threads, check: model.choices.check(against:))
                let configuration = try model.choices.configuration(labelNames: applied.task.labels, task: applied.task.model)
                // The curve is the whole output here: what it lacks is an error, said before any refit.
                if let missing = applied.learningCurveMissingRequirement(configuration: configuration, steps: steps) {
                    throw WSLabelError.invalidArgument("cannot measure the active-learning curve: \(missing)")
                }
                Log.info("refitting the label model for \(steps.count) steps × \(strategies.count) strategies…")
                let curve = try applied.learningCurve(evaluationSplit: split, configuration: configuration, steps: steps,
                                                      strategies: strategies, seeds: seeds)
                print(json ? ActiveLearningReport.json(curve).serialized : ActiveLearningReport.text(curve), terminator: json ? "\n" : "")
            }
        }
    }
}

extension TaskReview.ExportFormat: ExpressibleByArgument {}
extension ReviewSelection.Strategy: ExpressibleByArgument {}
