import ArgumentParser
import Foundation
import WSLabelData
import WSLabelPipeline
import WSLabelReports

struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a label model on the train split's votes and label every split.",
        discussion: """
            The model is fit on the votes of the train split only; gold labels of train are never \
            used. Every split with gold labels is scored, but a test split whose scores are \
            hidden (--hide-test, the task file's evaluation.hide_test: `wslabel evaluate` shows \
            them at the end). Progress goes to stderr; results go to \
            stdout: the scores per split, then each LF's coverage, overlaps, conflicts and \
            accuracy (`wslabel report` shows everything).

            How the model variant is chosen:
              Without gold labels (the default when no split named valid has them, or with \
            --gold-free), wslabel fits 8 variants — from a heavy prior that trusts every LF about \
            equally (close to a majority vote that also reads abstains) to textbook maximum \
            likelihood — and keeps the one whose predictions, with one LF held out, agree best \
            with that LF's votes. A lighter variant must beat the heavy prior by two standard \
            errors, and a variant that stops predicting a class the LFs' majority predicts is set \
            aside. With plenty of data where LFs are independent this reaches the generating \
            model; on small or tangled LF sets it stays with the heavy prior.
              With a dev split (valid, or --dev-split) whose items have gold labels, its labels \
            set the class balance and 21 more variants are scored by --select-metric; the best \
            replaces the gold-free choice when it leads by a standard error (--dev-choice). Give one when \
            you can: a few hundred labeled items help most with a rare class, a skewed class \
            balance, or when you are judged by F1; hand-label a random sample, not the easy items.
              --variant fixes one variant instead (heavy-prior or mle); `wslabel fit --json` \
            shows which variant was used and why (`selection`).

            Input is a task file (--config, default wslabel.yaml: its LFs are applied to its \
            data first, reusing cached votes), a WRENCH folder (--wrench), vote files (--votes, with optional --dev-votes \
            and --dev-gold): a .npy matrix as Snorkel users save it, or a .csv with one column \
            per LF (and an optional id column); -1 means abstain — or pattern counts \
            (--pattern-counts, optional --dev-pattern-counts; `wslabel apply --format \
            pattern-counts`, shards added up by `wslabel merge-counts`): the same model as from \
            the items' votes, fit on billions of items in the memory of their distinct patterns.

            Examples:
              wslabel fit                     # the task in ./wslabel.yaml
              wslabel fit --config examples/youtube-spam/wslabel.yaml --json
              wslabel fit --wrench data/wrench/youtube
              wslabel fit --votes L_train.npy --dev-votes L_dev.npy --dev-gold y_dev.txt --labels HAM,SPAM
              wslabel fit --wrench data/wrench/sms --select-metric f1 --json
              wslabel fit --wrench data/wrench/trec --output labels.jsonl --save-model model.json
              wslabel fit --pattern-counts train.counts --dev-pattern-counts dev.counts --config wslabel.yaml --save-model model.json
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var model: ModelOptions

    @OptionGroup var testSplit: TestSplitOptions

    @Option(name: .long, help: ArgumentHelp("Write probabilistic labels of every split as JSON Lines (id, split, label, probability per label, confidence); - for stdout (the summary then goes to stderr). A .npy file gets the probabilities as a float64 array (items × labels) for numpy, with <name>.ids.txt and <name>.splits.txt beside it (one JSON string per row).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Save the fitted model as JSON for `wslabel predict`.", valueName: "file"))
    var saveModel: String?

    @Flag(name: .long, help: "Print one JSON object with the run's summary on stdout instead of a table.")
    var json = false

    @Flag(name: .long, help: "Also train an end model on the labels (as `wslabel train` does with its defaults) and show both models per split; needs item text (a task or a WRENCH folder).")
    var endModel = false

    func validate() throws {
        if input.patternCounts != nil {
            guard output == nil else { throw ValidationError("pattern counts hold no items to label: save the model (--save-model) and label items with `wslabel predict`") }
            guard model.lfDependencies == nil || model.lfDependencies == .off else { throw ValidationError("--lf-dependencies needs the items' votes, not their pattern counts") }
        }
    }

    func run() throws {
        try CLIErrors.report {
            let started = Date()
            var job = LabelingJob(input: try input.labelingInput(), model: model.choices,
                                  labelsOutput: output.map { .file(AtomicFile.url(forArgument: $0)) } ?? .taskSetting,
                                  modelOutput: saveModel.map(AtomicFile.url(forArgument:)))
            job.testSplit = testSplit.choices
            let log = JobLog()
            let endModelResult = endModel ? try EndModelJob(labeling: job).run(events: log.events) : nil
            let result = try endModelResult?.labeling ?? job.run(events: log.events)
            let report = result.report
            // With the labels on stdout (--output -), the summary goes to stderr, out of their way.
            let labelsOnStandardOutput = result.labelsOutput.map(AtomicFile.writesToStandardOutput) ?? false
            let terminal = labelsOnStandardOutput ? Terminal.standardError : Terminal.standardOutput
            let summary: String
            if json {
                var value = result.run.summary(lfSummary: report.summary, llmCosts: report.llmCosts, hiddenSplits: result.hiddenSplits)
                if let endModelReport = endModelResult?.report, case let .object(members) = value {
                    value = .object(members + [("end_model", endModelReport.endModelJSON)])
                }
                summary = value.serialized
            } else {
                summary = RunTable.render(result.run, hiddenSplits: result.hiddenSplits) + "\n\n" + report.compactSummary(width: terminal.width, color: terminal.color)
                    + (endModelResult.map { "\n\n" + $0.report.text } ?? "")
            }
            if labelsOnStandardOutput {
                FileHandle.standardError.write(Data((summary + "\n").utf8))
            } else {
                print(summary)
            }
            Log.info(String(format: "done in %.2f s", Date().timeIntervalSince(started)))
        }
    }
}
