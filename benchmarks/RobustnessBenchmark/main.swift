// wslabel-robustness-bench: writes the synthetic regimes of the robustness suite as WRENCH
// folders, so that wslabel and its peers (Snorkel, HyperLM, majority vote) read the same votes.
//
//     wslabel-robustness-bench --out benchmarks/results/robustness [--scale 1]
//
// For each regime of SyntheticRegime.catalog it writes <out>/<name>/{label,train,valid,test}.json
// and <out>/<name>/regime.json: the regime's summary, its metric (accuracy, or f1 of class 1) and
// the generating model's score on valid and test (the Bayes-optimal prediction from the votes).
// benchmarks/robustness.sh runs it, then every method on every folder.

import Foundation
import WSLabelCore
import WSLabelData

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("wslabel-robustness-bench: \(message)\n".utf8))
    exit(64)
}

var output: URL?
var scale = 1.0
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    switch flag {
    case "--out": output = arguments.next().map { URL(fileURLWithPath: $0) }
    case "--scale":
        guard let value = arguments.next().flatMap(Double.init), value > 0 else { fail("--scale needs a positive number") }
        scale = value
    default: fail("usage: wslabel-robustness-bench --out DIR [--scale S]")
    }
}
guard let output else { fail("usage: wslabel-robustness-bench --out DIR [--scale S]") }

for regime in SyntheticRegime.catalog {
    let task = try regime.draw(scale: scale)
    let folder = output.appendingPathComponent(regime.name)
    try WrenchDataset.write(labelNames: task.labelNames, splits: task.splits, to: folder)
    var scores: [(key: String, value: JSONValue)] = []
    for split in task.splits where split.name != "train" {
        let metrics = ClassificationMetrics(predictions: task.generatingModelPredictions(split.votes),
                                            gold: split.completeGold!, classCount: task.labelNames.count)
        scores.append((split.name, .number(regime.metric.value(of: metrics))))
    }
    let metric: String
    if case .f1 = regime.metric { metric = "f1" } else { metric = "accuracy" }
    let record = JSONValue.object([
        ("name", .string(regime.name)), ("summary", .string(regime.summary)), ("metric", .string(metric)),
        ("train_rows", .number(Double(task.splits[0].votes.rowCount))), ("lfs", .number(Double(regime.parameters.lfCount + regime.copies.count))),
        ("classes", .number(Double(regime.parameters.classCount))), ("generating_model", .object(scores)),
    ])
    try AtomicFile.write(Data((record.serialized + "\n").utf8), to: folder.appendingPathComponent("regime.json"))
    FileHandle.standardError.write(Data("wrote \(folder.path)\n".utf8))
}
