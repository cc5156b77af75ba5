import Foundation
import WSLabelCore
import WSLabelData

/// Labels items with a saved end model, streaming: items are read, featurized, classified and
/// written batch by batch, so a file of any size takes the memory of one batch (and, when items
/// are scored, two numbers per item with gold). What
/// `wslabel classify` runs.
///
/// Output lines are those of a labels file (``ProbabilisticLabelsWriter``):
///
///     {"id":"17","split":"new","label":"SPAM","probabilities":{"HAM":0.08,"SPAM":0.92},"confidence":0.92}
///
/// ```swift
/// let model = try SavedEndModel.load(from: URL(fileURLWithPath: "end-model.json"))
/// let job = ClassificationJob(model: model, input: URL(fileURLWithPath: "new.csv"),
///                             source: ItemSource(textField: "CONTENT"), output: URL(fileURLWithPath: "labels.jsonl"))
/// let summary = try job.run()
/// ```
public struct ClassificationJob: Sendable {
    /// The end model.
    public var model: SavedEndModel
    /// The file the model was read from, if the caller knows it: like ``input``, refused as the
    /// output (``OutputConflicts``).
    public var modelFile: URL?
    /// The items: JSON Lines, CSV or TSV (``ItemSource/resolvedFormat(for:)``), `/dev/stdin` for standard input.
    public var input: URL
    /// The items' fields: text, id (items are numbered without one), gold (a class name or
    /// index; items that have one are scored).
    public var source: ItemSource
    /// The value of each output line's `split`.
    public var split: String
    /// Where the labels go (``AtomicFile``: replaced atomically; standard output streams).
    public var output: URL
    /// Worker threads (nil: every core); the output does not depend on them.
    public var threads: Int?

    public init(model: SavedEndModel, modelFile: URL? = nil, input: URL, source: ItemSource = ItemSource(), split: String? = nil, output: URL,
                threads: Int? = nil) {
        self.model = model
        self.modelFile = modelFile
        self.input = input
        self.source = source
        self.split = split ?? (input == Self.standardInput ? "stdin" : input.deletingPathExtension().lastPathComponent)
        self.output = output
        self.threads = threads
    }

    /// Standard input as an input.
    public static let standardInput = URL(fileURLWithPath: "/dev/stdin")

    /// What a classification came to.
    public struct Summary: Sendable {
        /// Items labeled.
        public var items: Int
        /// Items per predicted class, in label order.
        public var labelCounts: [Int]
        /// Scores on the items that have a gold label (the source's gold field), if any do.
        public var metrics: ClassificationMetrics?
        /// Items with a gold label.
        public var goldItems: Int
    }

    /// Runs the job.
    /// - Parameter progress: called after each batch with the items done so far.
    /// - Throws: the readers' errors (file, line and field), among them a gold value that names
    ///   no class of the model; ``WSLabelError/fileAccess(path:_:)`` when the output cannot be written;
    ///   ``WSLabelError/invalidArgument(_:)`` before anything is read when the output is the input
    ///   or the model file.
    public func run(progress: (Int) -> Void = { _ in }) throws -> Summary {
        // An output path mistyped as the input or the model would replace it with the labels.
        try OutputConflicts.check(outputs: [FileRole(output, "--output")],
                                  inputs: [FileRole(input, "the --input")] + (modelFile.map { [FileRole($0, "the --end-model")] } ?? []))
        var source = source
        // Gold values are class names or class indices (`0`, `1`), as WRENCH and UCI files write them;
        // a class name wins over an index spelled the same (classes named `1`, `2`), as in --dev-gold files.
        let labels = model.model.labelNames
        let byIndex = Dictionary(uniqueKeysWithValues: labels.indices.map { (String($0), labels[$0]) }.filter { !labels.contains($0.0) })
        source.goldLabels = source.goldField == nil ? nil : (source.goldLabels ?? ItemSource.GoldLabels(labels: labels, values: byIndex))
        if input == Self.standardInput, source.format == nil { source.format = .jsonl }
        let labelNames = model.model.labelNames
        let tiePolicy = TiePolicy.classPrior(model.model.classifier.biases)
        var summary = Summary(items: 0, labelCounts: [Int](repeating: 0, count: labelNames.count), metrics: nil, goldItems: 0)
        var attempts = 0
        var predictions: [Int] = []
        var gold: [Int] = []
        try AtomicFile.write(to: output) { write in
            attempts += 1
            guard attempts == 1 || input != Self.standardInput else {
                throw WSLabelError.fileAccess(path: output.path, "cannot be written in one pass here, and standard input cannot be read twice: write to another file system")
            }
            summary = Summary(items: 0, labelCounts: [Int](repeating: 0, count: labelNames.count), metrics: nil, goldItems: 0)
            predictions.removeAll()
            gold.removeAll()
            let reader = try ItemReader(url: input, source: source, threads: threads)
            try reader.forEach { items in
                let numbers = try Self.numbers(of: items, fields: model.model.numeric.fields.map(\.name), input: input)
                let probabilities = model.model.probabilities(of: items.map(\.text), numbers: numbers, threads: threads)
                let batchPredictions = probabilities.predictions(tiePolicy: tiePolicy)
                let result = LabelingRun.SplitResult(name: split, ids: items.map(\.id), probabilities: probabilities, predictions: batchPredictions)
                let text = ProbabilisticLabelsWriter.jsonLines([result], labelNames: labelNames)
                try Array(text.utf8).withUnsafeBytes { try write($0) }
                for (item, prediction) in zip(items, batchPredictions) {
                    summary.labelCounts[prediction] += 1
                    if let label = item.gold, let index = labelNames.firstIndex(of: label) {
                        predictions.append(prediction)
                        gold.append(index)
                    }
                }
                summary.items += items.count
                progress(summary.items)
            }
        }
        summary.goldItems = gold.count
        if !gold.isEmpty { summary.metrics = ClassificationMetrics(predictions: predictions, gold: gold, classCount: labelNames.count) }
        return summary
    }

    /// Per field, each item's value (``NumericFeatures/number(_:field:at:)``): an item's fields
    /// are decoded once for all of them.
    private static func numbers(of items: [Item], fields names: [String], input: URL) throws -> [[Double?]] {
        guard !names.isEmpty else { return [] }
        var columns = [[Double?]](repeating: [], count: names.count)
        for item in items {
            let fields = item.fields
            for (index, name) in names.enumerated() {
                columns[index].append(try NumericFeatures.number(fields[name], field: name, at: SourceLocation(file: input.path, record: item.id)))
            }
        }
        return columns
    }
}
