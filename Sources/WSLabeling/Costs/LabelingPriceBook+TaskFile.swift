import WSLabelCore
import Yams

extension LabelingPriceBook {
    /// The `costs` section of a task file: what `wslabel cost` prices people, LF authoring and
    /// machine time at. Every key is optional; what is left out keeps its documented default
    /// (``LabelingPriceBook``), and what is given says where it comes from with `source`.
    ///
    /// ```yaml
    /// costs:
    ///   crowd: {per_item: 0.12, items_per_hour: 150, source: "our vendor's quote, 2026-10",
    ///           accuracy: 0.9, accuracy_source: "our pilot: 180 of 200 right"}
    ///   expert: {per_item: 8, items_per_hour: 25, accuracy: 0.97}
    ///   lf_authoring: {hours: 6, hourly_rate: 80, source: "time sheets"}
    ///   machine: {per_hour: 0.10}
    /// ```
    init(_ node: Node, file: String) throws {
        let section = try YAMLFields(node, file: file, record: "costs", what: "the costs section (crowd, expert, lf_authoring, machine)")
        try section.rejectUnknown(TaskFileKeys.costs)
        self.init()
        func fields(_ key: String, _ allowed: Set<String>) throws -> YAMLFields? {
            guard let value = section[key] else { return nil }
            let fields = try YAMLFields(value, file: file, record: "costs.\(key)", what: "\(key) prices")
            try fields.rejectUnknown(allowed)
            return fields
        }
        func figure(_ fields: YAMLFields, _ key: String, default value: Double, positive: Bool = false) throws -> Double {
            guard let given = try fields.double(key) else { return value }
            guard positive ? given > 0 : given >= 0 else { throw fields.error(key, positive ? "must be positive" : "must not be negative") }
            return given
        }
        for (key, keyPath) in [("crowd", \LabelingPriceBook.crowd), ("expert", \LabelingPriceBook.expert)] {
            guard let rate = try fields(key, TaskFileKeys.costsHumanRate) else { continue }
            let current = self[keyPath: keyPath]
            let accuracy = try rate.double("accuracy")
            if let accuracy, !(0...1).contains(accuracy) {
                throw rate.error("accuracy", "must be a probability from 0 to 1 (0.85 for 85%), not \(accuracy)")
            }
            let accuracySource = try rate.optionalString("accuracy_source")
            if accuracySource != nil, accuracy == nil { throw rate.error("accuracy_source", "says where an accuracy comes from: give accuracy too") }
            // Price and accuracy are set apart: a quote for the price says nothing of the accuracy.
            let pricesGiven = rate["per_item"] != nil || rate["items_per_hour"] != nil || rate["source"] != nil
            self[keyPath: keyPath] = HumanRate(
                perItem: try figure(rate, "per_item", default: current.perItem),
                itemsPerHour: try figure(rate, "items_per_hour", default: current.itemsPerHour, positive: true),
                source: try rate.optionalString("source") ?? (pricesGiven ? "the task file's costs.\(key)" : current.source),
                accuracy: accuracy ?? current.accuracy,
                accuracySource: accuracySource ?? (accuracy == nil ? current.accuracySource : "the task file's costs.\(key).accuracy"))
        }
        if let authoring = try fields("lf_authoring", TaskFileKeys.costsLFAuthoring) {
            lfAuthoringHours = try figure(authoring, "hours", default: lfAuthoringHours)
            lfAuthoringHourlyRate = try figure(authoring, "hourly_rate", default: lfAuthoringHourlyRate)
            lfAuthoringSource = try authoring.optionalString("source") ?? "the task file's costs.lf_authoring"
        }
        if let machine = try fields("machine", TaskFileKeys.costsMachine) {
            machinePerHour = try figure(machine, "per_hour", default: machinePerHour)
            machineSource = try machine.optionalString("source") ?? "the task file's costs.machine"
        }
    }
}
