import Foundation
import WSLabelCore
import WSLabelData

/// Choosing a task's items for people to label, and taking their labels back.
///
/// ```swift
/// let items = try TaskReview.items(applied: applied, run: run, split: "train", count: 50, strategy: .active)
/// try LabelStudioFormat.tasks(items).write(to: url)
/// // … people label them in Label Studio, which exports export.json …
/// let imported = try TaskReview.importLabels(from: exportURL, task: applied.task)
/// ```
public enum TaskReview {
    /// The items of `split` to send to people: the `count` best by `strategy`, or, with
    /// `belowConfidence`, every item whose label-model confidence is below it (the routed ones),
    /// leaving out items people already labeled. Each carries the model's label as a suggestion,
    /// the LFs' votes, and the item's fields other than its text; the gold field only with `includeGold`, since
    /// people who see a label tend to give it.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` for an unknown split; the readers' errors.
    public static func items(applied: TaskApplication, run: LabelingRun, split: String, count: Int,
                             strategy: ReviewSelection.Strategy, belowConfidence: Double? = nil, seed: UInt64 = 0,
                             includeGold: Bool = false) throws -> [ReviewItem] {
        guard let result = run.results.first(where: { $0.name == split }),
              let labeled = applied.splits.first(where: { $0.name == split }) else {
            throw WSLabelError.invalidArgument("no split \(split) (the task's splits: \(applied.splits.map(\.name).joined(separator: ", ")))")
        }
        let done = Set(labeled.ids.indices.filter { applied.humanLabels[labeled.ids[$0]] != nil })
        let rows: [Int]
        if let belowConfidence {
            rows = labeled.ids.indices.filter { !done.contains($0) && result.probabilities.confidence(row: $0) < belowConfidence }
        } else {
            rows = ReviewSelection.pick(count, strategy: strategy, probabilities: result.probabilities, votes: labeled.votes, excluding: done, seed: seed)
        }
        // The chosen items' text and fields, read again from the split's files (a sample's from its source).
        let wanted = Set(rows.map { labeled.ids[$0] })
        let source = applied.task.splits.first { $0.name == split }.flatMap { $0.sample?.source } ?? split
        guard let fileSplit = applied.task.splits.first(where: { $0.name == source && $0.sample == nil }) else { return [] }
        var found: [String: Item] = [:]
        let stream = SplitItemStream(split: fileSplit, task: applied.task)
        while found.count < wanted.count, let batch = try stream.nextBatch() {
            for item in batch where wanted.contains(item.id) { found[item.id] = item }
        }
        let fields = applied.task.source
        let hidden: Set<String?> = includeGold ? [fields.textField] : [fields.textField, fields.goldField]
        let lfNames = applied.report.lfs.map(\.name)
        return rows.compactMap { row in
            let id = labeled.ids[row]
            guard let item = found[id] else { return nil }
            let prediction = result.predictions[row]
            return ReviewItem(id: id, text: item.text, fields: item.fields.filter { !hidden.contains($0.key) },
                              suggestion: prediction == VoteMatrix.abstain ? nil : applied.task.labels[prediction],
                              confidence: result.probabilities.confidence(row: row),
                              votes: labeled.votes.votes(inRow: row).map { ReviewItem.Vote(lf: lfNames[$0.lf], label: applied.task.labels[$0.vote]) })
        }
    }

    /// The labeling tools wslabel reads exports of.
    public enum ExportFormat: String, Sendable, CaseIterable {
        case labelStudio = "label-studio"
        case argilla
    }

    /// People's labels in an export of Label Studio (JSON) or Argilla (JSON Lines), told apart
    /// by `format` or else by the extension (`.json` Label Studio, `.jsonl` Argilla).
    ///
    /// Every labeled id must be an item of `task` (its splits' files are read for their ids): a
    /// label for an item the task does not have would never be used, and usually means the
    /// export came from another project.
    /// - Throws: ``WSLabelError`` naming the file, task or line, and field; for unknown ids, the
    ///   first one's place, how many there are and where the next few are.
    public static func importLabels(from url: URL, task: TaskFile, format: ExportFormat? = nil) throws -> HumanLabelImport {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw WSLabelError.fileAccess(path: url.path, FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file")
        }
        let chosen = format ?? (url.pathExtension.lowercased() == "jsonl" ? .argilla : .labelStudio)
        let imported: HumanLabelImport
        switch chosen {
        case .labelStudio: imported = try LabelStudioFormat.labels(in: data, file: url.path, labels: task.labels)
        case .argilla: imported = try ArgillaFormat.labels(in: data, file: url.path, labels: task.labels)
        }
        try checkIDs(of: imported, against: task)
        return imported
    }

    /// What ``importLabels(from:into:format:perFile:)`` did to the task's human labels.
    public struct LabelMerge: Sendable, Equatable {
        /// Items labeled for the first time.
        public var added: Int
        /// Items whose label changed.
        public var changed: Int
        /// Items with a human label now.
        public var total: Int
    }

    /// Reads people's labels from export files into `task`'s human labels
    /// (``TaskFile/humanLabels``): every file is read and checked before anything is merged, and
    /// the human-label file is refused as an output when it is one of the task's inputs or an
    /// export. What `wslabel review import` does.
    /// - Parameters:
    ///   - perFile: told each file's import (labels, unanswered, settled by majority).
    /// - Throws: ``WSLabelError`` naming the file and field of the first problem.
    public static func importLabels(from files: [URL], into task: TaskFile, format: ExportFormat? = nil,
                                    perFile: (URL, HumanLabelImport) -> Void = { _, _ in }) throws -> LabelMerge {
        try OutputConflicts.check(
            outputs: [FileRole(task.humanLabels, "the human labels (output.human_labels)")],
            inputs: task.inputFiles(humanLabels: false) + files.map { FileRole($0, "an export file") })
        var labels: [HumanLabel] = []
        for file in files {
            let imported = try importLabels(from: file, task: task, format: format)
            perFile(file, imported)
            labels += imported.labels
        }
        let store = HumanLabelStore(url: task.humanLabels)
        let (added, changed) = try store.merge(labels, labels: task.labels)
        return LabelMerge(added: added, changed: changed, total: try store.load(labels: task.labels).count)
    }

    /// Fails on labels whose ids are not items of `task`: at the first, with their count and
    /// the places of the next three, so that one run tells a stray item from a wrong file.
    private static func checkIDs(of imported: HumanLabelImport, against task: TaskFile) throws {
        guard !imported.labels.isEmpty else { return }
        var known = Set<String>()
        for split in task.splits where split.sample == nil {
            let stream = SplitItemStream(split: split, task: task)
            while let batch = try stream.nextBatch() { known.formUnion(batch.lazy.map(\.id)) }
        }
        let unknown = imported.labels.indices.filter { !known.contains(imported.labels[$0].id) }
        guard let first = unknown.first else { return }
        func place(_ index: Int) -> String {
            let location = imported.locations[index]
            return "\"\(imported.labels[index].id)\" (\(location.record ?? location.line.map { "line \($0)" } ?? "?"))"
        }
        var message = "\"\(imported.labels[first].id)\" is not an item of the task (\(task.url.lastPathComponent))"
        if unknown.count > 1 {
            let next = unknown.dropFirst().prefix(3).map(place).joined(separator: ", ")
            message += "; \(unknown.count) of \(imported.labels.count) labeled records name ids it does not have, also \(next)\(unknown.count > 4 ? ", …" : "")"
        }
        throw WSLabelError.malformedInput(imported.locations[first], message + "; was the file exported from another task?")
    }
}
