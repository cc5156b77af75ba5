import Foundation
import WSLabelCore
import WSLabelData
import Yams

/// The task file's sections, each parsed into typed values with errors that name the file, line
/// and key (``YAMLFields``).
extension TaskFile {
    /// `data`: how items are read (format, delimiter, header row, id, text and gold fields,
    /// gold values, text limit).
    static func itemSource(_ data: YAMLFields, labels: [String]) throws -> ItemSource {
        var format: ItemSource.Format?
        if let name = try data.optionalString("format") {
            guard let known = ItemSource.Format(fileExtension: name) else {
                throw data.error("format", "expected \(ItemSource.Format.names), found \(name)")
            }
            format = known
        }
        var delimiter: ItemSource.Delimiter?
        if let text = try data.optionalString("delimiter") {
            guard let known = ItemSource.Delimiter(text) else {
                throw data.error("delimiter", "expected \(ItemSource.Delimiter.requirement), found \"\(text)\"")
            }
            guard format == nil || format == .csv else {
                throw data.error("delimiter", "goes with format: csv (\(format!) files \(format == .tsv ? "are always tab-delimited" : "have no delimiter"))")
            }
            delimiter = known
        }
        let hasHeader = try data.bool("header") ?? true
        if !hasHeader, format == .jsonl { throw data.error("header", "goes with csv and tsv files (JSON Lines name their fields in each record)") }
        let maxTextBytes = try data.int("max_text_bytes") ?? ItemSource.defaultMaxTextBytes
        guard maxTextBytes > 0 else { throw data.error("max_text_bytes", "must be a positive number of bytes") }
        var source = ItemSource(format: format, idField: try data.optionalString("id"),
                                textField: try data.optionalString("text") ?? "text", goldField: try data.optionalString("gold"),
                                maxTextBytes: maxTextBytes, delimiter: delimiter, hasHeader: hasHeader)
        var goldValues: [String: String] = [:]
        if let node = data["gold_values"] {
            let values = try YAMLFields(node, file: data.file, record: "data", what: "a mapping of raw gold values to labels")
            for (key, value) in values.mapping {
                guard let raw = key.string, let label = value.string else {
                    throw YAMLFields.error(data.file, key, "data", "gold_values", "expected raw value: label name")
                }
                guard labels.contains(label) else {
                    throw YAMLFields.error(data.file, value, "data", "gold_values", "unknown label \"\(label)\"; labels are \(labels.joined(separator: ", "))")
                }
                goldValues[raw] = label
            }
        }
        source.goldLabels = ItemSource.GoldLabels(labels: labels, values: goldValues)
        return source
    }

    /// `data.splits`: files per split, or a sample of another split's labeled items; a train
    /// split is required.
    static func splits(_ data: YAMLFields, resolve: (String) -> URL) throws -> [Split] {
        guard let splitsNode = data["splits"] else { throw data.error("splits", "missing: name at least a train split") }
        let splitFields = try YAMLFields(splitsNode, file: data.file, record: "data", what: "splits (name: file or list of files)")
        var splits: [Split] = []
        for (key, value) in splitFields.mapping {
            guard let name = key.string else { continue }
            if value.mapping != nil {
                splits.append(Split(name: name, files: [], sample: try sample(value, split: name, file: data.file)))
                continue
            }
            guard let paths = try splitFields.strings(name), !paths.isEmpty else {
                throw splitFields.error(name, "expected a file, a list of files, or {sample_of: SPLIT, size: N, seed: S}")
            }
            splits.append(Split(name: name, files: paths.map(resolve)))
        }
        for split in splits {
            guard let sample = split.sample else { continue }
            guard splits.contains(where: { $0.name == sample.source && $0.sample == nil }) else {
                throw splitFields.error(split.name, "sample_of names \"\(sample.source)\", which is not a split read from files")
            }
        }
        guard splits.contains(where: { $0.name == "train" }) else {
            throw splitFields.error("train", "missing: the label model is fit on the train split")
        }
        return splits
    }

    /// `labeling_functions`: Swift catalogs by name (and the line naming them) and LF files, at
    /// least one of them; and which of their LFs run (`include`, `exclude`: names or globs).
    static func lfSources(_ top: YAMLFields, resolve: (String) -> URL) throws -> LFSources {
        var sources = LFSources()
        if let node = top["labeling_functions"] {
            let lfs = try YAMLFields(node, file: top.file, record: "labeling_functions", what: "the LF sources (swift, files, include, exclude)")
            try lfs.rejectUnknown(TaskFileKeys.labelingFunctions)
            sources.swift = try lfs.strings("swift") ?? []
            sources.swiftLine = lfs["swift"]?.mark?.line
            sources.files = (try lfs.strings("files") ?? []).map(resolve)
            sources.include = try lfs.strings("include").map { LFSelection.Patterns($0, line: lfs["include"]?.mark?.line) }
            sources.exclude = try lfs.strings("exclude").map { LFSelection.Patterns($0, line: lfs["exclude"]?.mark?.line) }
        }
        guard !sources.swift.isEmpty || !sources.files.isEmpty else {
            throw top.error("labeling_functions", "missing: name Swift catalogs (swift:) or LF files (files:)")
        }
        return sources
    }

    /// Where a task's LFs come from, and which of them run.
    struct LFSources {
        var swift: [String] = []
        var swiftLine: Int?
        var files: [URL] = []
        var include: LFSelection.Patterns?
        var exclude: LFSelection.Patterns?
    }

    /// `model`: the label model's settings, the positive class and dev split checked against
    /// the task's labels and splits. `positive_class` was `positive_label` before it took the
    /// name of its flag (`--positive-class`); the old name adds a warning to `warnings`.
    static func modelSettings(_ top: YAMLFields, labels: [String], splits: [Split], warnings: inout [WSLabelWarning]) throws -> ModelSettings {
        guard let node = top["model"] else { return ModelSettings() }
        let model = try YAMLFields(node, file: top.file, record: "model", what: "model options")
        try model.rejectUnknown(TaskFileKeys.model.union(TaskFileKeys.formerModelKeys.keys))
        let seed = try model.int("seed")
        if let seed, seed < 0 { throw model.error("seed", "must not be negative") }
        let positiveKey = try model.renamedKey("positive_class", formerly: "positive_label", warnings: &warnings)
        let settings = ModelSettings(
            model: try model.choice("model"), selectMetric: try model.choice("select_metric"),
            positiveClass: try model.optionalString(positiveKey), devSplit: try model.optionalString("dev_split"),
            ties: try model.choice("ties"), seed: seed.map(UInt64.init))
        if let positive = settings.positiveClass, ClassNames.index(of: positive, in: labels) == nil {
            throw model.error(positiveKey, "unknown class \"\(positive)\"; expected \(ClassNames.allowed(labels))")
        }
        if let dev = settings.devSplit, !splits.contains(where: { $0.name == dev }) {
            throw model.error("dev_split", "no split \"\(dev)\"; the task's splits are \(splits.map(\.name).joined(separator: ", "))")
        }
        return settings
    }

    /// `output`: where labels go, and the vote cache and human labels (default: `.wslabel/`
    /// beside the task file). Each must name a file: an empty path, one ending in `/` or an
    /// existing folder stops the read at its line, before any LF runs.
    static func outputs(_ top: YAMLFields, base: URL, resolve: (String) -> URL) throws -> (labels: URL?, cache: URL, humanLabels: URL) {
        let defaultCache = base.appendingPathComponent(".wslabel/votes.sqlite")
        let defaultHumanLabels = base.appendingPathComponent(".wslabel/human_labels.jsonl")
        guard let node = top["output"] else { return (nil, defaultCache, defaultHumanLabels) }
        let output = try YAMLFields(node, file: top.file, record: "output", what: "output paths")
        try output.rejectUnknown(TaskFileKeys.output)
        func file(_ key: String) throws -> URL? {
            guard let path = try output.optionalString(key) else { return nil }
            guard !path.isEmpty else { throw output.error(key, "expected a file path") }
            var isFolder: ObjCBool = false
            let url = resolve(path)
            if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue) {
                throw output.error(key, "\(path) is a folder; give a file name (e.g. \(path.hasSuffix("/") ? path : path + "/")\(defaultName[key] ?? "file"))")
            }
            return url
        }
        return (try file("labels"), try file("cache") ?? defaultCache, try file("human_labels") ?? defaultHumanLabels)
    }

    /// The file each `output` key is called by default, for the hint when a folder is given.
    private static let defaultName = ["labels": "labels.jsonl", "cache": "votes.sqlite", "human_labels": "human_labels.jsonl"]
}
