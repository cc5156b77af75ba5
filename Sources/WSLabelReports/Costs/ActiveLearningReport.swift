import WSLabelCore
import WSLabelData
import WSLabeling

/// The active-learning curve as a table (one row per number of human labels, one column per
/// strategy) or JSON.
public enum ActiveLearningReport {
    public static func text(_ curve: ActiveLearningCurve) -> String {
        let strategies = orderedStrategies(curve)
        let steps = Array(Set(curve.points.map(\.humanLabels))).sorted()
        var table = TextTable(header: ["human labels"] + strategies.map { "\($0.rawValue) accuracy" })
        for step in steps {
            table.rows.append([ReportNumbers.count(step)] + strategies.map { strategy in
                curve.points.first { $0.strategy == strategy && $0.humanLabels == step }.map { ReportNumbers.percent($0.accuracy) } ?? "–"
            })
        }
        return "Accuracy on \(curve.evaluationSplit) as people label train items (simulated by the train gold labels; random: mean of seeds \(curve.randomSeeds.map(String.init).joined(separator: ", "))):\n\n"
            + table.render() + "\n"
    }

    /// `evaluation_split`, `random_seeds`, and `points` (`strategy`, `human_labels`, `accuracy`, `macro_f1`).
    public static func json(_ curve: ActiveLearningCurve) -> JSONValue {
        .object([
            ("evaluation_split", .string(curve.evaluationSplit)),
            ("random_seeds", .array(curve.randomSeeds.map { .number(Double($0)) })),
            ("points", .array(curve.points.map { point in
                .object([("strategy", .string(point.strategy.rawValue)), ("human_labels", .number(Double(point.humanLabels))),
                         ("accuracy", .number(point.accuracy)), ("macro_f1", .number(point.macroF1))])
            })),
        ])
    }

    private static func orderedStrategies(_ curve: ActiveLearningCurve) -> [ReviewSelection.Strategy] {
        var seen: [ReviewSelection.Strategy] = []
        for point in curve.points where !seen.contains(point.strategy) { seen.append(point.strategy) }
        return seen
    }
}
