import ArgumentParser
import Foundation
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import WSLabelReports

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the items behind a number: where an LF votes, is wrong, conflicts; where the model and majority vote differ.",
        discussion: """
            Fits the label model as `wslabel fit` does (same inputs and model options) and prints \
            the items of one split that match, each with its text, every LF's vote (by LF and \
            label name), the label model's label and confidence, majority vote's label, and the \
            gold label when known. Use it to see why an LF's accuracy is low or why two LFs \
            conflict, fix the LF, and run it again: only the edited LF is applied again.

            What to look at (every part given must hold):
              --lf NAME                 items where the LF votes (twice: a pair)
              --lf-vote LABEL           … and the (first) LF votes this label
              --bucket wrong            gold known and wrong: the named LF
                                        (either of a pair), else the model
              --bucket correct          gold known and right
              --bucket conflicts        LFs disagree: the pair, the LF and
                                        another LF, or any two LFs
              --bucket model-vs-mv      the model and majority vote differ
              --bucket uncovered        no LF votes (not with --lf)
              --bucket low-confidence   every item, least confident first
              --gold A --predicted B    a cell of the confusion matrix
                                        (Snorkel's get_label_buckets)

            The split: --split NAME, else the dev split when gold labels are read (wrong, \
            correct, --gold), else train. The test split is never the default: looking at test \
            items while writing LFs tunes the LFs to test; with evaluation.hide_test (or \
            --hide-test) its gold labels are not shown at all.

            Formats: text (default), jsonl (one object per item: id, text, gold, label, \
            confidence, probabilities, majority_vote, votes) and csv, for tools; --output picks \
            the format from its extension unless --format is given.

            Examples:
              wslabel inspect --lf keyword_refund --bucket wrong   # errors on dev
              wslabel inspect --lf keyword_free --lf regex_url --bucket conflicts
              wslabel inspect --bucket model-vs-mv --random
              wslabel inspect --bucket uncovered --limit 0 --output todo.jsonl
              wslabel inspect --gold HAM --predicted SPAM   # false positives
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var model: ModelOptions

    @OptionGroup var testSplit: TestSplitOptions

    @Option(name: .customLong("lf"), help: ArgumentHelp("An LF whose votes to look at; give two for a pair.", valueName: "name"))
    var lfs: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only items where the (first) --lf votes for this label.", valueName: "label"))
    var lfVote: String?

    @Option(name: .long, help: ArgumentHelp("wrong, correct, conflicts, model-vs-mv, uncovered or low-confidence (see above).", valueName: "bucket"))
    var bucket: LabelBuckets.Bucket?

    @Option(name: .long, help: ArgumentHelp("Only items with this gold label.", valueName: "label"))
    var gold: String?

    @Option(name: .long, help: ArgumentHelp("Only items the label model gives this label.", valueName: "label"))
    var predicted: String?

    @Option(name: .long, help: ArgumentHelp("The split to look at (default: dev when gold labels are read, else train).", valueName: "split"))
    var split: String?

    @Option(name: .long, help: ArgumentHelp("Show at most this many items; 0 for all.", valueName: "n"))
    var limit: Int = 20

    @Flag(name: .long, help: "A random sample of the matching items (drawn with --seed) instead of the first ones in file order.")
    var random = false

    @Flag(name: .long, help: "Text format: show whole texts (default: three lines each).")
    var fullText = false

    @Option(name: .long, help: ArgumentHelp("text, jsonl or csv (default: from --output's extension, else text).", valueName: "format"))
    var format: Inspection.Format?

    @Option(name: .long, help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        if lfs.count > 2 { throw ValidationError("give --lf once, or twice for a pair of LFs") }
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
        if format == nil, let output, Inspection.Format(fileExtension: URL(fileURLWithPath: output).pathExtension) == nil {
            throw ValidationError("cannot tell the format from \(output): give --format \(Inspection.Format.allCases.map(\.rawValue).joined(separator: "|"))")
        }
    }

    func run() throws {
        try CLIErrors.report {
            let destination = output.map(AtomicFile.url(forArgument:))
            var labeling = LabelingJob(input: try input.labelingInput(), model: model.choices, labelsOutput: .none)
            labeling.otherOutputs = destination.map { [FileRole($0, "--output")] } ?? []
            labeling.testSplit = testSplit.choices
            let request = InspectionJob.Request(lfs: lfs, bucket: bucket, lfVote: lfVote, gold: gold, predicted: predicted, split: split,
                                                limit: limit == 0 ? nil : limit, order: random ? .random(seed: model.seed ?? 0) : .file)
            let inspection = try InspectionJob(labeling: labeling, request: request).run(events: JobLog().events)
            let chosen = format ?? destination.flatMap { Inspection.Format(fileExtension: $0.pathExtension) } ?? .text
            let text = inspection.rendered(as: chosen, width: destination == nil ? Terminal.standardOutput.width : nil, fullText: fullText)
            if let destination {
                try AtomicFile.write(Data(text.utf8), to: destination)
                Log.info("wrote \(inspection.items.count) of \(inspection.matched) matching items to \(destination.path)")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}

extension LabelBuckets.Bucket: ExpressibleByArgument {}
extension Inspection.Format: ExpressibleByArgument {}
