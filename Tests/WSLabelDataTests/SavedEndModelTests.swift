import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import XCTest

/// The end model's JSON file: a round trip keeps every bit, the same model gives the same
/// bytes, and a damaged file is refused with an error naming the file and the field.
final class SavedEndModelTests: XCTestCase {
    /// A model trained on synthetic comments (word 1–2-grams and character 2–3-grams, so both
    /// families are saved), and the texts to predict with it.
    private func trained() throws -> (saved: SavedEndModel, texts: [String]) {
        let records = SyntheticSpamTexts.records(count: 150, seed: 3)
        var configuration = EndModelTrainingConfiguration()
        configuration.features = TextFeatureSettings(wordNGrams: 1...2, characterNGrams: 2...3, hashBits: 16)
        configuration.weighting = .confidence
        let training = try EndModelTraining(
            labelNames: SyntheticSpamTexts.labelNames, texts: records.map(\.text),
            targets: ProbabilisticLabels(classCount: 2, values: records.flatMap { $0.label == 0 ? [0.85, 0.15] : [0.3, 0.7] }),
            covered: records.map { $0.votes.contains { $0 >= 0 } }, configuration: configuration)
        let texts = SyntheticSpamTexts.records(count: 40, seed: 4).map(\.text) + ["", "an unseen comment entirely", "Ünïcödé ✓ 😀"]
        return (SavedEndModel(model: training.model, training: .init(training)), texts)
    }

    func testSaveThenLoadGivesTheSameModelAndPredictions() throws {
        let (saved, texts) = try trained()
        let url = try temporaryDirectory(self).appendingPathComponent("end-model.json")
        try saved.save(to: url)
        let loaded = try SavedEndModel.load(from: url)
        XCTAssertEqual(loaded, saved)
        XCTAssertEqual(loaded.model.classifier.weights.map(\.bitPattern), saved.model.classifier.weights.map(\.bitPattern))
        XCTAssertEqual(loaded.model.features.inverseDocumentFrequencies.map(\.bitPattern),
                       saved.model.features.inverseDocumentFrequencies.map(\.bitPattern))
        XCTAssertEqual(loaded.model.probabilities(of: texts), saved.model.probabilities(of: texts))
        XCTAssertEqual(loaded.training.weighting, "confidence")
        XCTAssertEqual(loaded.model.labelNames, SyntheticSpamTexts.labelNames)
        XCTAssertEqual(loaded.model.features.settings, saved.model.features.settings)
    }

    func testTheSameModelAlwaysGivesTheSameBytes() throws {
        let (saved, _) = try trained()
        let folder = try temporaryDirectory(self)
        let first = folder.appendingPathComponent("a.json"), second = folder.appendingPathComponent("b.json")
        let third = folder.appendingPathComponent("c.json")
        try saved.save(to: first)
        try saved.save(to: second)
        XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: second))
        // A model trained again from the same input, and a model loaded and saved again, too.
        try trained().saved.save(to: second)
        XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: second))
        try SavedEndModel.load(from: first).save(to: third)
        XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: third))
        // The documented layout: keys sorted, the format named first among them.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: first)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["format", "version", "label_names", "features", "buckets", "idf", "weights", "biases", "training"])
        XCTAssertEqual(json["format"] as? String, "wslabel-end-model")
        XCTAssertEqual(json["version"] as? Int, 1)
        let features = try XCTUnwrap(json["features"] as? [String: Any])
        XCTAssertEqual(features["word_ngrams"] as? [Int], [1, 2])
        XCTAssertEqual(features["character_ngrams"] as? [Int], [2, 3])
        XCTAssertEqual((json["training"] as? [String: Any])?["weighting"] as? String, "confidence")
    }

    /// Each damage in turn, written over a good file: the error is `malformedInput` with the
    /// file's path and the field that is wrong.
    func testDamagedFilesNameTheFileAndField() throws {
        let (saved, _) = try trained()
        let folder = try temporaryDirectory(self)
        let good = folder.appendingPathComponent("good.json")
        try saved.save(to: good)
        let original = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: good)) as? [String: Any])
        let bucketCount = (original["buckets"] as! [Any]).count

        func damaged(_ name: String, _ change: (inout [String: Any]) -> Void) throws -> URL {
            var object = original
            change(&object)
            let url = folder.appendingPathComponent(name + ".json")
            try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
            return url
        }
        func features(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
            { object in
                var features = object["features"] as! [String: Any]
                features[key] = value
                object["features"] = features
            }
        }
        let cases: [(name: String, change: (inout [String: Any]) -> Void, field: String, phrase: String)] = [
            ("other-format", { $0["format"] = "wslabel-model" }, "format", "expected wslabel-end-model version 1"),
            ("version-2", { $0["version"] = 2 }, "format", "version 2"),
            ("no-version", { $0["version"] = nil }, "format", "version none"),
            ("weights-short", { $0["weights"] = Array(($0["weights"] as! [Any]).dropLast()) }, "weights",
             "\(2 * bucketCount - 1) values; \(bucketCount) buckets × 2 classes need \(2 * bucketCount)"),
            ("duplicate-bucket", { var b = $0["buckets"] as! [Int]; b[3] = b[2]; $0["buckets"] = b }, "buckets[3]", "appears twice"),
            ("unsorted-buckets", { var b = $0["buckets"] as! [Int]; b.swapAt(3, 4); $0["buckets"] = b }, "buckets[4]", "must ascend"),
            ("bucket-outside", { var b = $0["buckets"] as! [Int]; b[0] = 2 << 16; $0["buckets"] = b }, "buckets[0]", "outside every n-gram family"),
            ("idf-short", { $0["idf"] = Array(($0["idf"] as! [Any]).dropLast()) }, "idf", "\(bucketCount - 1) values for \(bucketCount) buckets"),
            ("idf-zero", { var i = $0["idf"] as! [Double]; i[2] = 0; $0["idf"] = i }, "idf[2]", "positive"),
            ("biases-three", { $0["biases"] = [0.1, 0.2, 0.3] }, "biases", "3 values for 2 classes"),
            ("ngrams-backwards", features("word_ngrams", [3, 1]), "features.word_ngrams", "expected [shortest, longest], found [3, 1]"),
            ("ngrams-three", features("character_ngrams", [1, 2, 3]), "features.character_ngrams", "expected [shortest, longest]"),
            ("hash-bits", features("hash_bits", 40), "features", "hash bits must lie in 8...24"),
            ("no-families", { object in
                var features = object["features"] as! [String: Any]
                features["word_ngrams"] = nil
                features["character_ngrams"] = nil
                object["features"] = features
            }, "features", "word or character n-grams"),
            ("duplicate-labels", { $0["label_names"] = ["HAM", "HAM"] }, "label_names[1]", "both named"),
            ("no-idf", { $0["idf"] = nil }, "idf", "missing"),
            ("weight-string", { var w = $0["weights"] as! [Any]; w[5] = "x"; $0["weights"] = w }, "weights[5]", "expected a number"),
        ]
        for item in cases {
            let url = try damaged(item.name, item.change)
            XCTAssertThrowsError(try SavedEndModel.load(from: url), item.name) { error in
                guard case let .malformedInput(location, message) = error as? WSLabelError else {
                    return XCTFail("\(item.name): \(error)")
                }
                XCTAssertEqual(location.file, url.path, item.name)
                XCTAssertEqual(location.field, item.field, "\(item.name): \(message)")
                XCTAssertTrue(message.contains(item.phrase), "\(item.name): \(message)")
            }
        }
    }

    /// JSON has no NaN or infinity, and a number beyond a Double's range (`1e999`) is invalid
    /// JSON to wslabel (as in item files): a file cannot carry a non-finite weight. Such a file
    /// is refused as malformed, naming the file; a model with a non-finite weight is not saved.
    func testANonFiniteWeightNeitherLoadsNorSaves() throws {
        let (saved, _) = try trained()
        let folder = try temporaryDirectory(self)
        let url = folder.appendingPathComponent("model.json")
        try saved.save(to: url)
        let good = try String(contentsOf: url, encoding: .utf8)
        let weights = try XCTUnwrap(good.range(of: "\"weights\":["))
        let firstEnd = try XCTUnwrap(good[weights.upperBound...].firstIndex(of: ","))
        for bad in ["1e999", "-1e999", "NaN", "Infinity"] {
            var text = good
            text.replaceSubrange(weights.upperBound..<firstEnd, with: bad)
            try text.write(to: url, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try SavedEndModel.load(from: url), bad) { error in
                guard case let .malformedInput(location, message) = error as? WSLabelError else { return XCTFail("\(bad): \(error)") }
                XCTAssertEqual(location.file, url.path, bad)
                XCTAssertTrue(message.contains("not valid JSON"), "\(bad): \(message)")
            }
        }

        let model = saved.model
        var weightsWithNaN = model.classifier.weights
        weightsWithNaN[3] = .nan
        let broken = SavedEndModel(
            model: EndModel(labelNames: model.labelNames, features: model.features,
                            classifier: SoftmaxRegression(classCount: 2, featureCount: model.classifier.featureCount,
                                                          weights: weightsWithNaN, biases: model.classifier.biases)),
            training: saved.training)
        let target = folder.appendingPathComponent("broken.json")
        XCTAssertThrowsError(try broken.save(to: target))
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
    }

    func testFilesThatAreNotModelsAtAll() throws {
        let folder = try temporaryDirectory(self)
        let missing = folder.appendingPathComponent("nope.json")
        XCTAssertThrowsError(try SavedEndModel.load(from: missing)) { error in
            guard case let .fileAccess(path, _) = error as? WSLabelError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, missing.path)
        }
        let garbage = folder.appendingPathComponent("garbage.json")
        try Data("not json".utf8).write(to: garbage)
        XCTAssertThrowsError(try SavedEndModel.load(from: garbage)) { error in
            guard case let .malformedInput(location, message) = error as? WSLabelError else { return XCTFail("\(error)") }
            XCTAssertEqual(location.file, garbage.path)
            XCTAssertTrue(message.contains("not valid JSON"), message)
        }
        // A label model's file is not an end model's.
        let labelModel = folder.appendingPathComponent("label-model.json")
        try Data(#"{"format": "wslabel-label-model", "version": 1}"#.utf8).write(to: labelModel)
        XCTAssertThrowsError(try SavedEndModel.load(from: labelModel)) { error in
            guard case let .malformedInput(location, _) = error as? WSLabelError else { return XCTFail("\(error)") }
            XCTAssertEqual(location.field, "format")
        }
    }
}

/// A model with numeric fields keeps them: names, means and deviations, and its predictions.
final class SavedEndModelNumericFieldsTests: XCTestCase {
    func testNumericFieldsSurviveSaveAndLoadAndAreChecked() throws {
        let count = 60
        let labels = (0..<count).map { $0 % 2 }
        var configuration = EndModelTrainingConfiguration()
        configuration.features = TextFeatureSettings(wordNGrams: 1...1, characterNGrams: nil, minDocumentFrequency: 1)
        configuration.numericFields = ["length", "price"]
        let numbers: [[Double?]] = [labels.map { Double($0 * 5) }, labels.map { $0 == 0 ? nil : 2 }]
        let training = try EndModelTraining(labelNames: ["A", "B"], texts: labels.map { $0 == 0 ? "alpha one" : "beta two" }, numbers: numbers,
                                            targets: ProbabilisticLabels(classCount: 2, values: labels.flatMap { $0 == 0 ? [0.9, 0.1] : [0.1, 0.9] }),
                                            covered: [Bool](repeating: true, count: count), configuration: configuration)
        let folder = try temporaryDirectory(self)
        let url = folder.appendingPathComponent("m.json")
        try SavedEndModel(model: training.model, training: .init(training)).save(to: url)
        let loaded = try SavedEndModel.load(from: url)
        XCTAssertEqual(loaded.model, training.model)
        XCTAssertEqual(loaded.model.probabilities(of: ["alpha one", "beta two"], numbers: [[0, 5], [nil, 2]]),
                       training.model.probabilities(of: ["alpha one", "beta two"], numbers: [[0, 5], [nil, 2]]))

        // Damage: a duplicate name, a zero deviation, weights that forget the numeric columns.
        let text = try String(contentsOf: url, encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("\"name\":\"price\"", "\"name\":\"length\"", "numeric_fields[1].name"),
            ("\"standard_deviation\":1", "\"standard_deviation\":0", "numeric_fields[1]"),
        ]
        for (from, to, field) in cases {
            XCTAssertTrue(text.contains(from), "the file spells \(from)")
            let damaged = folder.appendingPathComponent("damaged.json")
            try text.replacingOccurrences(of: from, with: to).write(to: damaged, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try SavedEndModel.load(from: damaged)) { error in
                let message = (error as? WSLabelError)?.errorDescription ?? "\(error)"
                XCTAssertTrue(message.contains("field \(field)"), message)
            }
        }
    }
}
