import ArgumentParser
import Foundation
import WSLabelCore
import WSLabelData
import WSLabelPipeline

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Label items with an end model saved by `wslabel train --save-end-model`: no LFs, just the text.",
        discussion: """
            Reads items (JSON Lines, CSV or TSV, by extension or --format; - for JSON Lines on \
            standard input), classifies their text batch by batch and writes one line per item \
            in the format of a labels file: id, split, label, probability per label, confidence. \
            Every item gets a label, LF votes or not. With --gold-field, items with a gold value \
            (a class name, or a class index) are scored and the scores go to stderr; items \
            without one are labeled but not scored, and a value naming no class stops the run \
            with its file and line. A model trained with --numeric-field reads those fields of \
            each item by name (missing or empty: the train mean).

            Examples:
              wslabel classify --end-model end-model.json --input new.jsonl --output labels.jsonl
              wslabel classify --end-model end-model.json --input comments.csv --text-field CONTENT --id-field COMMENT_ID
              wslabel classify --end-model end-model.json --input sms.tsv --no-header --text-field 2
              cat part-0.jsonl | wslabel classify --end-model end-model.json --input - > labels.jsonl
            """
    )

    @Option(name: .long, help: ArgumentHelp("An end model saved by `wslabel train --save-end-model`.", valueName: "file"))
    var endModel: String

    @Option(name: .long, help: ArgumentHelp("The items: a .jsonl/.ndjson, .csv or .tsv file, or - for JSON Lines on standard input.", valueName: "file"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("The items' format when the extension does not say. (default: by extension; jsonl for -)", valueName: "jsonl|csv|tsv"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("The field delimiter of a CSV file: one ASCII character, e.g. ';', '|' or '\\t'. (default: a comma; a TSV file is always tab-delimited)", valueName: "char"))
    var delimiter: String?

    @Flag(name: .long, help: "The CSV or TSV file has no header row: its columns are named by position, 1, 2, … (--text-field 2).")
    var noHeader = false

    @Option(name: .long, help: ArgumentHelp("The field holding the text.", valueName: "name"))
    var textField: String = "text"

    @Option(name: .long, help: ArgumentHelp("The field holding the item id. (default: none; an item's id is its line number, or its data row number in a CSV file)", valueName: "name"))
    var idField: String?

    @Option(name: .long, help: ArgumentHelp("A field holding the gold class (name or index): items that have one are scored (on stderr).", valueName: "name"))
    var goldField: String?

    @Option(name: .long, help: ArgumentHelp("The `split` written on every line. (default: the input file's name without extension; stdin for -)", valueName: "name"))
    var split: String?

    @Option(name: .long, help: ArgumentHelp("Write the labels here (replaced atomically), or - for stdout.", valueName: "file"))
    var output: String = "-"

    @OptionGroup var workers: WorkerThreads

    func validate() throws {
        if let format, ItemSource.Format(fileExtension: format) == nil { throw ValidationError("--format must be \(ItemSource.Format.names), not \(format)") }
        if let delimiter {
            guard ItemSource.Delimiter(delimiter) != nil else { throw ValidationError("--delimiter must be \(ItemSource.Delimiter.requirement), not \"\(delimiter)\"") }
            guard format.flatMap(ItemSource.Format.init(fileExtension:)).map({ $0 == .csv }) ?? true else {
                throw ValidationError("--delimiter goes with CSV files, not --format \(format!)")
            }
        }
    }

    func run() throws {
        try CLIErrors.report {
            let started = Date()
            let modelFile = URL(fileURLWithPath: endModel)
            let model = try SavedEndModel.load(from: modelFile)
            let source = ItemSource(format: format.flatMap(ItemSource.Format.init(fileExtension:)), idField: idField, textField: textField,
                                    goldField: goldField, delimiter: delimiter.flatMap(ItemSource.Delimiter.init), hasHeader: !noHeader)
            let job = ClassificationJob(model: model, modelFile: modelFile, input: input == "-" ? ClassificationJob.standardInput : URL(fileURLWithPath: input),
                                        source: source, split: split, output: AtomicFile.url(forArgument: output), threads: workers.threads)
            let summary = try job.run()
            let counts = zip(model.model.labelNames, summary.labelCounts).map { "\($0) \(ReportNumbers.count($1))" }.joined(separator: ", ")
            Log.info("labeled \(ReportNumbers.count(summary.items)) item\(summary.items == 1 ? "" : "s") (\(counts))")
            if let metrics = summary.metrics {
                var line = "on the \(ReportNumbers.count(summary.goldItems)) items with gold: accuracy \(ReportNumbers.percent(metrics.accuracy)), macro-F1 \(ReportNumbers.percent(metrics.macroF1))"
                if model.model.labelNames.count == 2 { line += ", F1(\(model.model.labelNames[1])) \(ReportNumbers.percent(metrics.f1(ofClass: 1)))" }
                Log.info(line)
            } else if goldField != nil {
                Log.info("no item had a value in the gold field \(goldField ?? "")")
            }
            Log.info(String(format: "done in %.2f s", Date().timeIntervalSince(started)))
        }
    }
}
