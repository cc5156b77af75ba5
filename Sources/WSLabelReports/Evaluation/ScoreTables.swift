import WSLabelCore
import WSLabelData

/// The per-class scores and the confusion matrix of a split as table cells (a header and rows,
/// classes by name), shared by the text, Markdown and HTML renderings of `wslabel report` and
/// `wslabel evaluate`.
enum ScoreTables {
    /// The name of the column of items given no label in the tables people read.
    static let unlabeledColumn = "(none)"

    /// One row per class: precision, recall, F1 (percent) and support (items of the class).
    static func classScores(_ confusion: ConfusionMatrix, labelNames: [String]) -> (header: [String], rows: [[String]]) {
        let rows = zip(labelNames, confusion.classScores).map { name, scores in
            [name, ReportNumbers.percent(scores.precision), ReportNumbers.percent(scores.recall), ReportNumbers.percent(scores.f1),
             ReportNumbers.count(scores.support)]
        }
        return (["class", "precision", "recall", "F1", "support"], rows)
    }

    /// Rows are gold classes, columns predicted classes, then the items given no label when any was.
    static func confusion(_ confusion: ConfusionMatrix, labelNames: [String]) -> (header: [String], rows: [[String]]) {
        let unlabeled = confusion.hasUnlabeled
        let header = ["gold \\ predicted"] + labelNames + (unlabeled ? [unlabeledColumn] : [])
        let rows = labelNames.indices.map { gold in
            [labelNames[gold]] + labelNames.indices.map { ReportNumbers.count(confusion.count(gold: gold, predicted: $0)) }
                + (unlabeled ? [ReportNumbers.count(confusion.unlabeled(gold: gold))] : [])
        }
        return (header, rows)
    }

    /// The confusion matrix and per-class scores as JSON: `per_class` (per class name
    /// `precision`, `recall`, `f1`, `support`), `confusion_matrix` (per gold class name, the
    /// items per predicted class name) and `unlabeled_by_class` (per gold class name, the items
    /// given no label). Maps keyed by class name hold class names only, no pseudo-class.
    static func json(_ confusion: ConfusionMatrix, labelNames: [String]) -> [(key: String, value: JSONValue)] {
        let perClass = zip(labelNames, confusion.classScores).map { name, scores -> (key: String, value: JSONValue) in
            (name, .object([("precision", .number(scores.precision)), ("recall", .number(scores.recall)),
                            ("f1", .number(scores.f1)), ("support", .number(Double(scores.support)))]))
        }
        let matrix = labelNames.indices.map { gold -> (key: String, value: JSONValue) in
            (labelNames[gold], .object(labelNames.indices.map { (labelNames[$0], .number(Double(confusion.count(gold: gold, predicted: $0)))) }))
        }
        let unlabeled = labelNames.indices.map { (labelNames[$0], JSONValue.number(Double(confusion.unlabeled(gold: $0)))) }
        return [("per_class", .object(perClass)), ("confusion_matrix", .object(matrix)), ("unlabeled_by_class", .object(unlabeled))]
    }
}
