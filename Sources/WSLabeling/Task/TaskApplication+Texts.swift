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
            let stream = SplitItemStream(split: split, task: task)
            while let batch = try stream.nextBatch() {
                for item in batch {
                    guard splitTexts.count < labeled.ids.count, labeled.ids[splitTexts.count] == item.id else {
                        throw WSLabelError.invalidArgument("the \(split.name) split's files changed while wslabel read them: run again")
                    }
                    splitTexts.append(item.text)
                    if !numericFields.isEmpty {
                        let fields = item.fields
                        for (index, field) in numericFields.enumerated() {
                            let location = SourceLocation(file: stream.currentFile?.path, record: item.id)
                            splitNumbers[index].append(try NumericFeatures.number(fields[field], field: field, at: location))
                        }
                    }
                }
            }
            guard splitTexts.count == labeled.ids.count else {
                throw WSLabelError.invalidArgument("the \(split.name) split's files changed while wslabel read them: run again")
            }
            texts[split.name] = splitTexts
            numbers[split.name] = splitNumbers
            if task.splits.contains(where: { $0.sample?.source == split.name }) {
                byID[split.name] = Dictionary(zip(labeled.ids, labeled.ids.indices), uniquingKeysWith: { first, _ in first })
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
}
