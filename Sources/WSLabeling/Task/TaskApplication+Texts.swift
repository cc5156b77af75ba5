import Foundation
import WSLabelCore
import WSLabelData

extension TaskApplication {
    /// The item texts of every split, one per row of ``splits`` in row order: what an end model
    /// reads. Each file split's files are read again (a sampled split takes its items' texts
    /// from its source).
    ///
    /// - Throws: the readers' errors; ``WSLabelError/invalidArgument(_:)`` when a split's files
    ///   no longer hold the items its votes came from (they changed since the LFs ran).
    public func itemTexts() throws -> [String: [String]] {
        try itemContents(numericFields: []).texts
    }

    /// The item texts of every split and, per field of `numericFields`, each item's value
    /// (``NumericFeatures/number(_:field:at:)``), in row order: what an end model reads.
    /// - Throws: as ``itemTexts()``; ``WSLabelError/malformedInput(_:_:)`` naming the file, item
    ///   and field of a value that is not a number.
    public func itemContents(numericFields: [String]) throws -> (texts: [String: [String]], numbers: [String: [[Double?]]]) {
        var texts: [String: [String]] = [:]
        var numbers: [String: [[Double?]]] = [:]
        var byID: [String: [String: Int]] = [:]
        for split in task.splits where split.sample == nil {
            guard let labeled = splits.first(where: { $0.name == split.name }) else { continue }
            var splitTexts: [String] = []
            splitTexts.reserveCapacity(labeled.ids.count)
            var splitNumbers = [[Double?]](repeating: [], count: numericFields.count)
            try forEachItem(of: split, labeled: labeled) { _, item, file in
                splitTexts.append(item.text)
                if !numericFields.isEmpty {
                    let fields = item.fields
                    for (index, field) in numericFields.enumerated() {
                        let location = SourceLocation(file: file?.path, record: item.id)
                        splitNumbers[index].append(try NumericFeatures.number(fields[field], field: field, at: location))
                    }
                }
            }
            texts[split.name] = splitTexts
            numbers[split.name] = splitNumbers
            if task.splits.contains(where: { $0.sample?.source == split.name }) {
                byID[split.name] = rowsByID(labeled)
            }
        }
        for split in task.splits {
            guard let sample = split.sample, let labeled = splits.first(where: { $0.name == split.name }),
                  let rows = byID[sample.source], let sourceTexts = texts[sample.source], let sourceNumbers = numbers[sample.source] else { continue }
            let sampled = labeled.ids.map { rows[$0] }
            texts[split.name] = sampled.map { $0.map { sourceTexts[$0] } ?? "" }
            numbers[split.name] = sourceNumbers.map { column in sampled.map { $0.flatMap { column[$0] } } }
        }
        return (texts, numbers)
    }

    /// The texts of some rows only, per split name: what `wslabel inspect` shows, without
    /// holding every text of a large task in memory.
    /// - Parameter rows: row numbers per split name (rows of ``splits``).
    /// - Returns: per split, the text of each requested row.
    /// - Throws: as ``itemTexts()``.
    public func itemTexts(rows: [String: [Int]]) throws -> [String: [Int: String]] {
        // A sampled split's rows are items of its source split: read them there, by id.
        var wanted: [String: Set<Int>] = [:]
        for (name, requested) in rows where !requested.isEmpty {
            guard let split = task.splits.first(where: { $0.name == name }), let labeled = splits.first(where: { $0.name == name }) else { continue }
            if let sample = split.sample {
                guard let source = splits.first(where: { $0.name == sample.source }) else { continue }
                let sourceRows = rowsByID(source)
                for row in requested {
                    if let sourceRow = sourceRows[labeled.ids[row]] { wanted[sample.source, default: []].insert(sourceRow) }
                }
                continue
            }
            wanted[name, default: []].formUnion(requested)
        }
        var texts: [String: [Int: String]] = [:]
        for split in task.splits where split.sample == nil {
            guard let needed = wanted[split.name], let labeled = splits.first(where: { $0.name == split.name }) else { continue }
            var found: [Int: String] = [:]
            try forEachItem(of: split, labeled: labeled) { row, item, _ in
                if needed.contains(row) { found[row] = item.text }
            }
            texts[split.name] = found
        }
        for split in task.splits {
            guard let sample = split.sample, let requested = rows[split.name], !requested.isEmpty,
                  let source = splits.first(where: { $0.name == sample.source }), let labeled = splits.first(where: { $0.name == split.name }) else { continue }
            let sourceRows = rowsByID(source)
            let sourceTexts = texts[sample.source] ?? [:]
            var found: [Int: String] = [:]
            for row in requested { found[row] = sourceRows[labeled.ids[row]].flatMap { sourceTexts[$0] } ?? "" }
            texts[split.name] = found
        }
        return texts
    }

    /// Calls `body` with each item of a file split, its row and the file it came from, checking
    /// that the files still hold the items the votes came from.
    private func forEachItem(of split: TaskFile.Split, labeled: LabeledSplit,
                             _ body: (_ row: Int, _ item: Item, _ file: URL?) throws -> Void) throws {
        let stream = SplitItemStream(split: split, task: task)
        var row = 0
        while let batch = try stream.nextBatch() {
            for item in batch {
                guard row < labeled.ids.count, labeled.ids[row] == item.id else {
                    throw WSLabelError.invalidArgument("the \(split.name) split's files changed while wslabel read them: run again")
                }
                try body(row, item, stream.currentFile)
                row += 1
            }
        }
        guard row == labeled.ids.count else {
            throw WSLabelError.invalidArgument("the \(split.name) split's files changed while wslabel read them: run again")
        }
    }

    private func rowsByID(_ split: LabeledSplit) -> [String: Int] {
        Dictionary(zip(split.ids, split.ids.indices), uniquingKeysWith: { first, _ in first })
    }
}
