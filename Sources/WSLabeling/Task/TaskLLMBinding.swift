import Foundation
import WSLabelCore

/// Connects a task's LLM-prompt LFs to the endpoints of its `llm` section: one ``LLMService``
/// per endpoint, all sharing the task's response cache and budget.
struct TaskLLMBinding {
    /// The catalog with every LLM-prompt LF bound to its endpoint's service.
    let catalog: LFCatalog
    /// Services by endpoint name.
    let services: [String: LLMService]
    /// The LLM LFs, in catalog order, with the endpoint each asks.
    let llmLFs: [(name: String, endpoint: String)]
    /// The shared budget, when the task sets one.
    let budget: LLMBudget?

    /// - Throws: ``WSLabelError`` when an LF names an endpoint the task does not define, or the
    ///   response cache cannot be opened.
    init(catalog: LFCatalog, task: TaskFile, useCache: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let prompts = catalog.functions.compactMap { $0 as? LLMPromptLF }
        guard !prompts.isEmpty else {
            self.catalog = catalog
            services = [:]
            llmLFs = []
            budget = nil
            return
        }
        guard let settings = task.llm else {
            throw WSLabelError.malformedInput(SourceLocation(file: task.url.path, record: "llm", field: "endpoints"),
                                              "LF \(prompts[0].name) asks an LLM, but the task file has no llm section naming endpoints")
        }
        let cache = useCache ? try LLMResponseCache(path: settings.cache.path) : nil
        let budget = settings.budget.map(LLMBudget.init(limit:))
        var services: [String: LLMService] = [:]
        var llmLFs: [(String, String)] = []
        var functions: [any LabelingFunction] = []
        for function in catalog.functions {
            guard let prompt = function as? LLMPromptLF, !prompt.isBound else {
                functions.append(function)
                continue
            }
            guard let endpoint = settings.endpoint(named: prompt.endpoint) else {
                throw WSLabelError.malformedInput(
                    SourceLocation(file: task.url.path, record: "llm", field: "endpoints"),
                    "LF \(prompt.name) asks endpoint \"\(prompt.endpoint)\", which llm.endpoints does not define (it has \(settings.endpoints.map(\.name).joined(separator: ", ")))")
            }
            if services[endpoint.name] == nil {
                services[endpoint.name] = LLMService(endpoint: endpoint, cache: cache, price: settings.prices[endpoint.model],
                                                         budget: budget, environment: environment)
            }
            functions.append(prompt.bound(to: services[endpoint.name]!))
            llmLFs.append((prompt.name, endpoint.name))
        }
        self.catalog = try LFCatalog(functions)
        self.services = services
        self.llmLFs = llmLFs
        self.budget = budget
    }

    /// Each LLM LF's ledger line so far, in catalog order.
    var usage: [LLMUsage] {
        llmLFs.map { services[$0.endpoint]!.usage(lf: $0.name) }
    }
}
