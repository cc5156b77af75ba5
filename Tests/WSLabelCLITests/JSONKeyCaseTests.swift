import Foundation
import TestSupport
import XCTest

/// Every JSON file and stream `wslabel` writes spells its keys in snake_case, run on the bundled
/// example: `fit --json`, `report --format json`, `model.json`, `end-model.json`, `train --json`,
/// `cost --json`, `evaluate --format json` and its counts file, `inspect --format jsonl`,
/// `cache stats --json`, labels files, `review` exports and curve, `apply`'s `label.json` and
/// WRENCH layout. Keys that are a user's data are allowed at the places that hold them, and
/// only when they are that data: maps from split name or label name (a confusion matrix: label
/// to label) to a number, the item fields review exports show annotators, the item ids of a
/// WRENCH split file.
final class JSONKeyCaseTests: XCTestCase {
    private static let snakeCase = try! NSRegularExpression(pattern: "^[a-z0-9]+(_[a-z0-9]+)*$")
    private let labelNames: Set<String> = ["BILLING", "TECHNICAL", "ACCOUNT"]
    private let splitNames: Set<String> = ["train", "dev", "test"]
    /// The example's items' fields, which review exports copy (Label Studio `data`, Argilla
    /// `fields` and `metadata`) besides wslabel's own keys.
    private let itemFields: Set<String> = ["id", "text", "subject", "channel", "label"]

    /// Keys under which a map is keyed by user data, and what that data may be.
    private var userKeyedMaps: [String: Set<String>] {
        ["splits": splitNames, "distribution": labelNames, "label_counts": labelNames, "class_coverage": labelNames,
         "probabilities": labelNames, "prior": labelNames, "per_class": labelNames, "confusion_matrix": labelNames,
         "unlabeled_by_class": labelNames, "data": itemFields, "fields": itemFields, "metadata": itemFields]
    }

    /// User-keyed maps whose values are maps keyed by user data too: a confusion matrix's rows.
    private var userKeyedRows: [String: Set<String>] { ["confusion_matrix": labelNames] }

    private static func isSnakeCase(_ key: String) -> Bool {
        snakeCase.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) != nil
    }

    /// The keys of `value` that are neither snake_case nor user data where user data belongs,
    /// as paths.
    /// - Parameters:
    ///   - userKeys: the user data this object's keys may be (it is a user-keyed map).
    ///   - rowKeys: the user data its values' keys may be (it is a map of user-keyed rows).
    private func badKeys(_ value: Any, path: String, userKeys: Set<String>? = nil, rowKeys: Set<String>? = nil) -> [String] {
        if let array = value as? [Any] { return array.flatMap { badKeys($0, path: path + "[]") } }
        guard let object = value as? [String: Any] else { return [] }
        return object.flatMap { key, child -> [String] in
            let allowed = userKeys.map { $0.contains(key) } ?? false
            // A user's key (a label or field name) may still be snake_case: either is fine there.
            let bad = allowed || Self.isSnakeCase(key) ? [] : [path + "." + key]
            let childKeys = allowed && rowKeys != nil ? rowKeys : userKeyedMaps[key]
            return bad + badKeys(child, path: path + "." + key, userKeys: childKeys, rowKeys: allowed ? nil : userKeyedRows[key])
        }
    }

    /// The JSON documents of `text`: one, or one per line (JSON Lines).
    private func documents(_ text: String) throws -> [Any] {
        if let whole = try? JSONSerialization.jsonObject(with: Data(text.utf8)) { return [whole] }
        return try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
    }

    func testEveryJSONOutputOfTheExampleHasSnakeCaseKeys() throws {
        let root = try SupportTicketsExample.copy(for: self)
        let task = SupportTicketsExample.taskFile, llmTask = SupportTicketsExample.llmTaskFile
        var outputs: [(name: String, text: String)] = []
        func run(_ arguments: [String], stdout name: String? = nil) throws {
            let result = try CLIRunner.run(arguments, currentDirectory: root)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            if let name { outputs.append((name, result.stdout)) }
        }
        try run(["fit", "--config", task, "--json", "--save-model", "model.json", "--output", "labels.jsonl"], stdout: "fit --json")
        try run(["fit", "--config", task, "--json", "--model", "mv", "--ties", "abstain", "--save-model", "mv.json"], stdout: "fit --json (mv)")
        try run(["report", "--config", task, "--format", "json"], stdout: "report --format json")
        try run(["report", "--config", llmTask, "--format", "json", "--costs", "--end-model"], stdout: "report --format json --costs --end-model")
        try run(["train", "--config", task, "--json", "--save-end-model", "end-model.json"], stdout: "train --json")
        try run(["cost", "--config", llmTask, "--json", "--curve"], stdout: "cost --json")
        try run(["predict", "--model-file", "model.json", "--config", task], stdout: "predict")
        try run(["classify", "--end-model", "end-model.json", "--input", "examples/support-tickets/data/test.jsonl"], stdout: "classify")
        try run(["review", "export", "--config", task, "--count", "5", "--output", "review.json"])
        try run(["review", "export", "--config", task, "--count", "5", "--format", "argilla", "--output", "review.jsonl"])
        try run(["review", "curve", "--config", task, "--json", "--steps", "10", "20", "--seeds", "0"], stdout: "review curve --json")
        try run(["evaluate", "--config", task, "--format", "json"], stdout: "evaluate --format json")
        try run(["inspect", "--config", task, "--lf", "keyword_account", "--format", "jsonl"], stdout: "inspect --format jsonl")
        try run(["cache", "stats", "--config", task, "--json"], stdout: "cache stats --json")
        try run(["apply", "--config", task, "--output-dir", "votes"])
        try run(["apply", "--config", task, "--output-dir", "wrench", "--format", "wrench"])
        for file in ["model.json", "mv.json", "labels.jsonl", "end-model.json", "review.json", "review.jsonl", "votes/label.json",
                     "wrench/label.json", "examples/output/support-tickets/evaluations.json"] {
            outputs.append((file, try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)))
        }
        for (name, text) in outputs {
            let documents = try documents(text)
            XCTAssertFalse(documents.isEmpty, name)
            XCTAssertEqual(documents.flatMap { badKeys($0, path: name) }, [], "keys that are not snake_case")
        }
        // A WRENCH split file is keyed by item id (user data); below that, WRENCH's own keys.
        let split = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("wrench/test.json"))) as? [String: Any])
        XCTAssertEqual(split.values.flatMap { badKeys($0, path: "wrench/test.json") }, [])
    }

    /// The check itself: a camelCase key, a pseudo-label or an unknown name under a label map
    /// are caught; label names where labels belong are not.
    func testTheCheckCatchesWhatItShould() throws {
        let sample: [String: Any] = [
            "labelNames": ["A"], "splits": ["train": ["distribution": ["BILLING": 1, "(none)": 2]], "Other": [:]],
            "probabilities": ["SPAM": 0.5], "fine_key": ["nested_ok": 1, "nestedBad": 2],
            "confusion_matrix": ["BILLING": ["ACCOUNT": 1, "(none)": 0], "Oops": [:]],
        ]
        XCTAssertEqual(Set(badKeys(sample, path: "x")),
                       ["x.labelNames", "x.splits.Other", "x.splits.train.distribution.(none)", "x.probabilities.SPAM", "x.fine_key.nestedBad",
                        "x.confusion_matrix.BILLING.(none)", "x.confusion_matrix.Oops"])
    }
}
