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
        var texts: [String: [String]] = [:]
        var byID: [String: [String: String]] = [:]
        for split in task.splits where split.sample == nil {
            guard let labeled = splits.first(where: { $0.name == split.name }) else { continue }
            var splitTexts: [String] = []
            splitTexts.reserveCapacity(labeled.ids.count)
            let stream = SplitItemStream(split: split, task: task)
            while let batch = try stream.nextBatch() {
                for item in batch {
                    guard splitTexts.count < labeled.ids.count, labeled.ids[splitTexts.count] == item.id else {
                        throw WSLabelError.invalidArgument("the \(split.name) split's files changed while wslabel read them: run again")
                    }
                    splitTexts.append(item.text)
                }
            }
            guard splitTexts.count == labeled.ids.count else {
                throw WSLabelError.invalidArgument("the \(split.name) split's files changed while wslabel read them: run again")
            }
            texts[split.name] = splitTexts
            if task.splits.contains(where: { $0.sample?.source == split.name }) {
                byID[split.name] = Dictionary(zip(labeled.ids, splitTexts), uniquingKeysWith: { first, _ in first })
            }
        }
        for split in task.splits {
            guard let sample = split.sample, let labeled = splits.first(where: { $0.name == split.name }),
                  let source = byID[sample.source] else { continue }
            texts[split.name] = labeled.ids.map { source[$0] ?? "" }
        }
        return texts
    }
}
