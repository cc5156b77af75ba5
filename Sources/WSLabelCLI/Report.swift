import ArgumentParser
import Foundation
import WSLabelData
import WSLabelPipeline
import WSLabelReports

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how each LF behaves: coverage, overlaps, conflicts, accuracy, learned weights and flags.",
        discussion: """
            Fits the label model as `wslabel fit` does (same inputs and model options) and reports \
            on the LFs instead of writing labels: Snorkel's LF summary (polarity, coverage, \
            overlaps, conflicts on the train split, and with gold labels correct, incorrect and \
            empirical accuracy on the dev split — or test, or train, whichever has gold first), \
            the label model's learned accuracy per LF, per-class coverage, the most conflicting \
            LF pairs, dependent LF pairs (duplicates and copies, with the evidence: agreeing rows \
            observed and expected if independent given the class, lift, partial correlation), \
            flags with reasons (never votes, below chance, near-duplicate of another \
            LF, conflicts with most others), and per split the label distribution, how many \
            rows stay unlabeled and why, and with gold labels each class's precision, recall, F1 \
            and support and the confusion matrix. A test split whose scores are hidden \
            (--hide-test, evaluation.hide_test) is neither scored nor used to judge LFs.

            Formats: text (the default on a terminal: fitted to its width, coloured), markdown, \
            csv (one row per LF), json (everything, pairwise matrices, dependent pairs and \
            conditional tables included) and html (one self-contained page with plots and, for tasks and \
            WRENCH folders, a few sample items per LF that its name in the LF table links to; \
            `wslabel inspect` shows more). --output picks the format \
            from its extension unless --format is given.

            Examples:
              wslabel report                                 # the task in ./wslabel.yaml
              wslabel report --config examples/youtube-spam/wslabel.yaml --output report.html
              wslabel report --wrench data/wrench/youtube --format markdown
              wslabel report --votes L_train.npy --dev-votes L_dev.npy --dev-gold y_dev.txt --format csv
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var model: ModelOptions

    @OptionGroup var testSplit: TestSplitOptions

    @Option(name: .long, help: ArgumentHelp("text, markdown, csv, json or html (default: from --output's extension, else text).", valueName: "format"))
    var format: ReportFormat?

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Title of the report (default: the task file's folder, or the input's name).", valueName: "text"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("Colour the text report: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "auto|always|never"))
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @Flag(name: .long, help: "Also train an end model on the labels (as `wslabel train` does with its defaults) and add a section with both models per split (text, Markdown, JSON, HTML); needs item text (a task or a WRENCH folder).")
    var endModel = false

    @Flag(name: .long, help: "HTML only, task files only: add the cost-quality analysis of `wslabel cost` and its active-learning curve as a section.")
    var costs = false

    @Flag(name: .long, help: "HTML only: leave out the samples section (a few items per LF: where it is wrong on dev, where it votes on train), which reads the items' texts again.")
    var noSamples = false

    func validate() throws {
        if format == nil, let output, ReportFormat(fileExtension: URL(fileURLWithPath: output).pathExtension) == nil {
            throw ValidationError("cannot tell the format from \(output): give --format \(ReportFormat.allCases.map(\.rawValue).joined(separator: "|"))")
        }
    }

    func run() throws {
        try CLIErrors.report {
            let destination = output.map(AtomicFile.url(forArgument:))
            var job = LabelingJob(input: try input.labelingInput(), model: model.choices, labelsOutput: .none)
            job.testSplit = testSplit.choices
            job.otherOutputs = destination.map { [FileRole($0, "--output")] } ?? []
            let log = JobLog()
            let endModelResult = endModel ? try EndModelJob(labeling: job).run(events: log.events) : nil
            let result = try endModelResult?.labeling ?? job.run(events: log.events)
            let chosen = format ?? destination.flatMap { ReportFormat(fileExtension: $0.pathExtension) } ?? .text
            let terminal = destination == nil ? Terminal.standardOutput : Terminal(width: nil, color: false)
            var options = ReportOptions(
                title: title ?? defaultTitle(result.loaded),
                width: terminal.width,
                color: color == .always || (color == .auto && terminal.color))
            options.endModel = endModelResult?.report
            if costs, chosen == .html, let applied = result.loaded.task {
                Log.info("pricing the labeling options and measuring the active-learning curve…")
                var analysis = CostAnalysisJob(task: applied.task.url)
                analysis.measuresLearningCurve = true
                let priced = try analysis.analyze(applied, configuration: result.run.configuration, hiddenSplits: result.hiddenSplits)
                options.costs = priced.analysis
                options.learningCurve = priced.learningCurve
                options.learningCurveNote = priced.learningCurveNote
            }
            if chosen == .html, !noSamples, result.loaded.task != nil || input.wrench != nil {
                options.samples = try InspectionJob.lfSamples(of: result, input: job.input, seed: model.seed ?? 0)
            }
            let text = result.report.rendered(as: chosen, options: options)
            if let destination {
                try AtomicFile.write(Data(text.utf8), to: destination)
                Log.info("wrote the \(chosen.rawValue) report to \(destination.path)")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    private func defaultTitle(_ loaded: LabelingInput.Loaded) -> String {
        if let task = loaded.task?.task.url { return "LF report: " + task.deletingLastPathComponent().lastPathComponent }
        let source = input.wrench ?? input.votes ?? "votes"
        return "LF report: " + URL(fileURLWithPath: source).lastPathComponent
    }
}

extension ReportFormat: ExpressibleByArgument {}
