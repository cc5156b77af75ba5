import Foundation
import WSLabelCore

extension TaskApplication {
    /// What each item's call of the LLM-prompt LF `lf` cost when it was asked, by item id: the
    /// response cache's ledger, which cost reports read (never estimates). Items whose answer
    /// the cache does not hold are absent.
    ///
    /// Reads the task's items again to rebuild each prompt, and looks its answer up.
    /// - Throws: ``WSLabelError/invalidArgument(_:)`` when `lf` is not one of the task's LLM
    ///   LFs; the readers' and the cache's errors.
    public func llmLedger(of lf: String) throws -> [String: (dollars: Double, seconds: Double)] {
        guard let function = catalog.functions.first(where: { $0.name == lf }) as? LLMPromptLF,
              let endpoint = function.boundEndpoint, let settings = task.llm else {
            let names = catalog.functions.compactMap { ($0 as? LLMPromptLF)?.name }
            throw WSLabelError.invalidArgument("\(lf) is not an LLM-prompt LF of the task (its LLM LFs: \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
        }
        let cache = try LLMResponseCache(path: settings.cache.path)
        var ledger: [String: (dollars: Double, seconds: Double)] = [:]
        for split in task.splits where split.sample == nil {
            let stream = SplitItemStream(split: split, task: task)
            while let batch = try stream.nextBatch() {
                var ids: [String] = [], keys: [String] = []
                for item in batch {
                    guard let request = try? function.request(for: item) else { continue }  // a prompt that cannot be made was never asked
                    ids.append(item.id)
                    keys.append(request.cacheKey(on: endpoint))
                }
                for (id, entry) in zip(ids, try cache.entries(for: keys)) {
                    if let entry { ledger[id] = (entry.cost, entry.response.latency) }
                }
            }
        }
        return ledger
    }
}
