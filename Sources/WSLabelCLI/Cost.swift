import ArgumentParser
import Foundation
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports

struct Cost: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare weak supervision with LLM-only and human labels, and hybrids, in accuracy and money.",
        discussion: """
            Applies the task's LFs (cached), fits the label model on the rule LFs, and compares on \
            an evaluation split with gold labels: the label model and majority vote, the label \
            model with the LLM-prompt LF, the LLM LF alone, crowd and expert labels, and hybrids \
            that send the items the label model is least sure of (5% to 75% of them) to the LLM \
            or to people. Each option: accuracy, macro-F1, coverage, the cost of labeling every \
            item of the task, per 1,000 labels, hours, and cost per accuracy point; the frontier \
            of cost against accuracy is marked.

            Prices come from the task file's costs section (crowd, expert, lf_authoring, machine) \
            over documented defaults, and llm.prices; LLM dollars and seconds come only from the \
            response cache's ledger of real calls. Items the ledger lacks are priced at its mean \
            answer and marked as a projection. A person's label is right with the rate's \
            accuracy (costs.crowd.accuracy, costs.expert.accuracy; by default 85% and 95%, \
            assumptions the notes cite), else any wrong class: people's rows are scored by that \
            expectation. Review labels on items with gold labels measure the crowd's instead.

            --output FILE.html writes one self-contained page with the plot of accuracy against \
            cost; --curve adds the active-learning curve (accuracy against the number of human \
            labels, active picks against random; see wslabel review curve), or a note saying why \
            it is left out (it needs gold labels on the train items and the EM model).

            Examples:
              wslabel cost --config examples/youtube-spam/wslabel-llm.yaml
              wslabel cost --config wslabel.yaml --budget 50 --json
              wslabel cost --config wslabel.yaml --curve --output cost.html
            """
    )

    @OptionGroup var task: TaskFileOptions

    @Option(name: .long, help: ArgumentHelp("Split with gold labels to score on (default: test, else the first labeled split other than train; with the test split's scores hidden, not test).", valueName: "split"))
    var split: String?

    @Option(name: .long, help: ArgumentHelp("The LLM-prompt LF to compare (default: the task's first).", valueName: "name"))
    var llmLF: String?

    @Option(name: .long, help: ArgumentHelp("Recommend the most accurate option costing at most this many dollars (a finite number, 0 or more), and say why.", valueName: "dollars"))
    var budget: Double?

    @Flag(name: .long, help: "Print one JSON object instead of a table.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically): .html for the page with plots, .json, or text.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Also measure the active-learning curve (refits the label model a few dozen times).")
    var curve = false

    @Option(name: .long, help: ArgumentHelp("Project the costs to labeling this many items (1 to \(ReportNumbers.count(Cost.maxProjectedItems))): per-item costs scale, LF authoring stays, quality as measured. Every row then says it is a projection.", valueName: "items"))
    var projectItems: Int?

    /// The largest projection: beyond it, dollar amounts lose their cents to rounding.
    static let maxProjectedItems = 1_000_000_000_000

    @Flag(name: .long, help: "Leave out the end-model row (a text classifier trained on the label model's labels, as `wslabel train` makes; its training time is priced as machine time).")
    var noEndModel = false

    @OptionGroup var model: ModelOptions

    @OptionGroup var testSplit: TestSplitOptions

    func validate() throws {
        if let budget, !(budget.isFinite && budget >= 0) {
            throw ValidationError("--budget must be a finite number of dollars, 0 or more, not \(budget)")
        }
        if let projectItems, !(1...Self.maxProjectedItems).contains(projectItems) {
            throw ValidationError("--project-items must be 1 to \(ReportNumbers.count(Self.maxProjectedItems)), not \(projectItems)")
        }
    }

    func run() throws {
        try CLIErrors.report {
            let destination = output.map(AtomicFile.url(forArgument:))
            var job = CostAnalysisJob(task: task.url)
            job.useCache = !task.noCache
            job.model = model.choices
            job.testSplit = testSplit.choices
            job.evaluationSplit = split
            job.llmLF = llmLF
            job.budget = budget
            job.projectedItems = projectItems
            job.measuresLearningCurve = curve
            if noEndModel { job.endModel = nil }
            job.outputs = destination.map { [FileRole($0, "--output")] } ?? []
            let result = try job.run(events: JobLog().events)
            let text: String
            switch (json, destination?.pathExtension.lowercased()) {
            case (_, "html"?), (_, "htm"?):
                let title = "Cost and quality: " + result.applied.task.url.deletingLastPathComponent().lastPathComponent
                text = CostReport.html(result.analysis, curve: result.learningCurve, curveNote: result.learningCurveNote, title: title)
            case (true, _), (_, "json"?):
                var object = CostReport.json(result.analysis)
                if curve, case let .object(members) = object {
                    object = .object(members + [("active_learning", result.learningCurve.map(ActiveLearningReport.json) ?? .null),
                                                ("active_learning_note", result.learningCurveNote.map(JSONValue.string) ?? .null)])
                }
                text = object.serialized + "\n"
            default:
                text = CostReport.text(result.analysis, width: destination == nil ? Terminal.standardOutput.width : nil)
                    + (result.learningCurve.map { "\n" + ActiveLearningReport.text($0) } ?? "")
                    + (result.learningCurveNote.map { "\n" + $0 + "\n" } ?? "")
            }
            if let destination {
                try AtomicFile.write(Data(text.utf8), to: destination)
                Log.info("wrote the cost report to \(destination.path)")
            } else {
                print(text, terminator: "")
            }
        }
    }
}
