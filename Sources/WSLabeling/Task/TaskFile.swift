import Foundation
import WSLabelCore
import WSLabelData
import Yams

/// A labeling task as a project file (`wslabel.yaml`): the labels, the data and its fields, the
/// LF sources and the model options. Relative paths are relative to the task file's folder.
/// Every key, its type, default and allowed values: `docs/task-file.md`.
///
/// ```yaml
/// labels: [HAM, SPAM]
/// data:
///   id: COMMENT_ID            # optional: items are numbered otherwise
///   text: CONTENT
///   gold: CLASS               # optional
///   gold_values: {"0": HAM, "1": SPAM}   # optional: raw gold values to label names
///   max_text_bytes: 1048576   # optional: the longest item text in bytes of UTF-8 (default
///                             # 1 MiB); a longer one is an error naming file, line and record
///   format: csv               # optional: jsonl, csv or tsv (default: by file extension)
///   delimiter: ";"            # optional, csv: the field delimiter (default ,)
///   header: true              # optional, csv/tsv: false when the first row is data; the
///                             # columns are then named 1, 2, … (text: 2)
///   splits:                   # in this order; `train` is required
///     train: [data/a.csv, data/b.csv]
///     dev: {sample_of: train, size: 200, seed: 0}   # optional: labeled train items
///     test: data/c.csv
/// labeling_functions:
///   swift: [youtube_spam_tutorial]   # catalogs compiled into wslabel
///   files: [lfs]                     # LF files, or folders of them
///   include: [keyword_*]             # optional: only LFs matching a name or glob
///   exclude: [regex_url]             # optional: leave these out (LFSelection)
/// model:                      # optional; the `wslabel fit` options
///   model: em
///   select_metric: f1
///   positive_class: SPAM      # the class F1 is of: a label or class index (formerly positive_label)
///   seed: 0
/// evaluation:                 # optional: keep the test split for the end (EvaluationSettings)
///   test_split: test          # default: test
///   hide_test: true           # fit, report, train and cost hide its scores; `wslabel evaluate` shows them
/// output:                     # optional
///   labels: out/labels.jsonl
///   cache: .wslabel/votes.sqlite
///   human_labels: .wslabel/human_labels.jsonl   # people's labels (wslabel review import)
/// llm:                        # optional: endpoints for LLM-prompt LFs (see ``LLMSettings``)
///   endpoints:
///     local: {base_url: "http://127.0.0.1:8080/v1", model: gemma-3-270m}
/// costs:                      # optional: prices for `wslabel cost` (see ``LabelingPriceBook``)
///   crowd: {per_item: 0.25, items_per_hour: 100}
/// ```
public struct TaskFile: Sendable {
    /// One split: its name and files, read in order as one stream of items, or a sample of
    /// another split's labeled items.
    public struct Split: Sendable, Equatable {
        public var name: String
        /// The files, in reading order; empty for a sampled split.
        public var files: [URL]
        /// Set when the split is drawn from another split's items with gold labels.
        public var sample: Sample?

        public init(name: String, files: [URL], sample: Sample? = nil) {
            self.name = name
            self.files = files
            self.sample = sample
        }
    }

    /// A split made of `size` items of split `source` that have gold labels, drawn with
    /// `seed` (``LabeledSplit/sampleOfLabeledItems(named:size:seed:)``). Its items stay in
    /// `source` too, as a dev set labeled out of the training data does.
    public struct Sample: Sendable, Equatable {
        public var source: String
        public var size: Int
        public var seed: UInt64
    }

    /// The model settings a task file may give (`wslabel fit` flags override them), checked
    /// against the values those flags take when the file is read.
    public struct ModelSettings: Sendable, Equatable {
        public var model: LabelingRunConfiguration.ModelKind?
        public var selectMetric: SelectionMetric.Name?
        /// The class F1 is measured for, by label or class index (`positive_class`, formerly
        /// `positive_label`).
        public var positiveClass: String?
        public var devSplit: String?
        public var ties: LabelingRunConfiguration.TieChoice?
        public var seed: UInt64?

        public init(model: LabelingRunConfiguration.ModelKind? = nil, selectMetric: SelectionMetric.Name? = nil,
                    positiveClass: String? = nil, devSplit: String? = nil, ties: LabelingRunConfiguration.TieChoice? = nil,
                    seed: UInt64? = nil) {
            self.model = model
            self.selectMetric = selectMetric
            self.positiveClass = positiveClass
            self.devSplit = devSplit
            self.ties = ties
            self.seed = seed
        }
    }

    /// Where the task file is.
    public let url: URL
    /// Label names in class-index order.
    public let labels: [String]
    /// How items are read.
    public internal(set) var source: ItemSource
    /// Raw gold values to label names (identity when empty).
    public var goldValues: [String: String] { source.goldLabels?.values ?? [:] }
    /// The splits in file order.
    public internal(set) var splits: [Split]
    /// Names of registered Swift LF catalogs.
    public let swiftCatalogs: [String]
    /// Where `labeling_functions.swift` is in the file, for errors about a catalog it names.
    private let swiftCatalogsLine: Int?
    /// LF files and folders of LF files.
    public let lfFiles: [URL]
    /// Which of the catalogs' and files' LFs run (`labeling_functions.include` / `exclude`).
    public let lfSelection: LFSelection
    public let model: ModelSettings
    /// Which splits are kept for the end and whether their scores are hidden (`evaluation:`).
    public let evaluation: EvaluationSettings
    /// Where `fit` writes labels, when set.
    public let labelsOutput: URL?
    /// The vote cache's SQLite file (default `.wslabel/votes.sqlite` beside the task file).
    public let cache: URL
    /// The labels people gave items (`wslabel review import` writes it; default
    /// `.wslabel/human_labels.jsonl` beside the task file).
    public let humanLabels: URL
    /// The endpoints LLM-prompt LFs ask, when the task has any.
    public internal(set) var llm: LLMSettings?
    /// What people, LF authoring and machine time cost, for `wslabel cost` (the `costs`
    /// section over the documented defaults).
    public let prices: LabelingPriceBook
    /// What in the file works but should change (a key spelled the old way), in file order:
    /// the command line prints each on stderr.
    public let warnings: [WSLabelWarning]

    /// Reads a task file.
    /// - Throws: ``WSLabelError`` naming the file, line and key of the first problem.
    public init(contentsOf url: URL) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw WSLabelError.fileAccess(path: url.path, "is a folder, not a task file (give the task file itself, e.g. wslabel.yaml)")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw WSLabelError.fileAccess(path: url.path, FileManager.default.fileExists(atPath: url.path)
                                          ? "cannot be read as UTF-8 text" : "no such file (a task file is needed: give --config FILE)")
        }
        try self.init(yaml: text, url: url)
    }

    /// Parses task-file text as if read from `url`.
    /// - Throws: ``WSLabelError`` naming the file, line and key of the first problem.
    public init(yaml text: String, url: URL) throws {
        let file = url.path
        let base = url.deletingLastPathComponent()
        let resolve = { (path: String) -> URL in
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        }
        guard let root = try YAMLDocument.compose(text, file: file) else {
            throw WSLabelError.malformedInput(SourceLocation(file: file), "the task file is empty")
        }
        let top = try YAMLFields(root, file: file, what: "a task (labels, data, labeling_functions, model, evaluation, output)")
        try top.rejectUnknown(TaskFileKeys.top)

        guard let labels = try top.strings("labels") else { throw top.error("labels", "missing: list the task's label names") }
        if let problem = ClassNames.firstProblem(in: labels) { throw top.error("labels", problem.message) }
        self.url = url
        self.labels = labels
        guard let dataNode = top["data"] else { throw top.error("data", "missing") }
        let data = try YAMLFields(dataNode, file: file, record: "data", what: "the data section")
        try data.rejectUnknown(TaskFileKeys.data)
        source = try Self.itemSource(data, labels: labels)
        splits = try Self.splits(data, resolve: resolve)
        let sources = try Self.lfSources(top, resolve: resolve)
        (swiftCatalogs, swiftCatalogsLine, lfFiles) = (sources.swift, sources.swiftLine, sources.files)
        lfSelection = LFSelection(include: sources.include, exclude: sources.exclude)
        var warnings: [WSLabelWarning] = []
        model = try Self.modelSettings(top, labels: labels, splits: splits, warnings: &warnings)
        evaluation = try Self.evaluationSettings(top, splits: splits)
        (labelsOutput, cache, humanLabels) = try Self.outputs(top, base: base, resolve: resolve)
        llm = try top["llm"].map { try LLMSettings($0, file: file, resolve: resolve) }
        prices = try top["costs"].map { try LabelingPriceBook($0, file: file) } ?? LabelingPriceBook()
        self.warnings = warnings
    }

    static func sample(_ node: Node, split: String, file: String) throws -> Sample {
        let fields = try YAMLFields(node, file: file, record: "split \(split)", what: "a sampled split (sample_of, size, seed)")
        try fields.rejectUnknown(TaskFileKeys.sampledSplit)
        let size = try fields.int("size") ?? 0
        guard size > 0 else { throw fields.error("size", "needs a positive number of items") }
        let seed = try fields.int("seed") ?? 0
        guard seed >= 0 else { throw fields.error("seed", "must not be negative") }
        return Sample(source: try fields.string("sample_of"), size: size, seed: UInt64(seed))
    }

    /// The task's LFs: the named Swift catalogs, then the LF files, checked for unique names
    /// and known labels.
    ///
    /// - Throws: ``WSLabelError`` for an unknown catalog, a bad LF file, or an LF name given
    ///   twice, naming both places (file and line, or Swift catalog).
    public func catalog(registry: LFCatalogRegistry = .shared) throws -> LFCatalog {
        var functions: [any LabelingFunction] = []
        var origins = LFOrigins()
        for (position, name) in swiftCatalogs.enumerated() {
            guard !swiftCatalogs[..<position].contains(name) else {
                throw WSLabelError.malformedInput(
                    SourceLocation(file: url.path, line: swiftCatalogsLine, record: "labeling_functions", field: "swift"),
                    "Swift LF catalog \(name) is named twice")
            }
            guard registry.names.contains(name) else {
                let known = registry.names
                throw WSLabelError.malformedInput(
                    SourceLocation(file: url.path, line: swiftCatalogsLine, record: "labeling_functions", field: "swift"),
                    "no Swift LF catalog named \(name) in this wslabel; it has \(known.isEmpty ? "none" : known.joined(separator: ", ")) (a package that links wslabel registers its own: WSLabelCommand.main(catalogs:))")
            }
            let catalog = try registry.catalog(named: name)
            for function in catalog { try origins.add(function.name, swiftCatalog: name, taskFile: url.path, line: swiftCatalogsLine) }
            functions += catalog
        }
        for url in lfFiles {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                throw WSLabelError.fileAccess(path: url.path, "no such LF file or folder (named in \(self.url.path))")
            }
            let endpoints = llm?.endpoints.map(\.name) ?? []
            functions += isFolder.boolValue
                ? try LFFile.loadFolder(url, labels: labels, endpoints: endpoints, origins: &origins)
                : try LFFile.load(url, labels: labels, endpoints: endpoints, origins: &origins)
        }
        guard !functions.isEmpty else {
            throw WSLabelError.malformedInput(SourceLocation(file: url.path, record: "labeling_functions"),
                                              "the Swift catalogs and LF files named here hold no LF; a task needs at least one")
        }
        functions = try lfSelection.apply(to: functions, taskFile: url.path)
        let catalog = try LFCatalog(functions)
        try catalog.validate(labels: labels)
        return catalog
    }

    /// The label name of a raw gold value, or `nil` for an unknown one.
    public func goldLabel(_ raw: String) -> String? {
        source.goldLabels?.label(for: raw)
    }
}
