import Foundation
import TestSupport
import WSLabelCore
import WSLabelData
import WSLabelPipeline
import XCTest

/// `ClassificationJob`: an end model saved by `EndModelJob` labels items of a JSONL or CSV file
/// batch by batch, writing the lines of a labels file, and scores the items with a gold value.
final class ClassificationJobTests: XCTestCase {
    /// An end model trained on the synthetic comments (`SyntheticSpamTexts`: 300 train, 60
    /// valid, 100 test), saved and loaded back, with the folder's records. C and the weighting
    /// are fixed, so the fit is one candidate: the tests are about classifying, not training.
    private func savedModel() throws -> (model: SavedEndModel, records: [String: [SyntheticSpamTexts.Record]]) {
        let folder = try temporaryDirectory(self)
        let records = try SyntheticSpamTexts.writeWrenchFolder(at: folder)
        let file = folder.appendingPathComponent("end-model.json")
        var job = EndModelJob(labeling: LabelingJob(input: .wrench(folder), labelsOutput: .none), modelOutput: file)
        job.training.inverseRegularization = 1
        job.training.weighting = .confidence
        _ = try job.run()
        return (try SavedEndModel.load(from: file), records)
    }

    /// One JSON object per record, keys sorted; `extra` adds fields per record.
    private func writeJSONL(_ records: [SyntheticSpamTexts.Record], to url: URL,
                            extra: (Int, SyntheticSpamTexts.Record) -> [String: Any] = { _, _ in [:] }) throws {
        let lines = try records.enumerated().map { index, record in
            var object: [String: Any] = ["id": record.id, "text": record.text]
            object.merge(extra(index, record)) { $1 }
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// The labels file of `texts` as the end model gives them: what `classify` must write.
    private func expectedLines(_ model: EndModel, split: String, ids: [String], texts: [String]) -> String {
        let probabilities = model.probabilities(of: texts)
        let result = LabelingRun.SplitResult(name: split, ids: ids, probabilities: probabilities,
                                             predictions: probabilities.predictions(tiePolicy: .classPrior(model.classifier.biases)))
        return ProbabilisticLabelsWriter.jsonLines([result], labelNames: model.labelNames)
    }

    /// One line of a labels file. Decoded with `JSONDecoder`: `JSONSerialization`'s numbers
    /// (swift-corelibs-foundation) can come back one ulp off as `Double`.
    private struct LabelLine: Decodable {
        var id: String
        var split: String
        var label: String?
        var probabilities: [String: Double]
        var confidence: Double
    }

    private func labelLines(_ text: String) throws -> [LabelLine] {
        try text.split(separator: "\n").map { try JSONDecoder().decode(LabelLine.self, from: Data($0.utf8)) }
    }

    /// The test split's texts give the end model's own probabilities, byte for byte and number
    /// for number; ids from the id field, the split from the file's name unless given.
    func testLabelsAreTheEndModelsProbabilitiesOfTheTexts() throws {
        let (saved, records) = try savedModel()
        let test = try XCTUnwrap(records["test"])
        let folder = try temporaryDirectory(self)
        let input = folder.appendingPathComponent("test.jsonl"), output = folder.appendingPathComponent("labels.jsonl")
        try writeJSONL(test, to: input)

        let summary = try ClassificationJob(model: saved, input: input, source: ItemSource(idField: "id"), output: output).run()
        let written = try String(contentsOf: output, encoding: .utf8)
        XCTAssertEqual(written, expectedLines(saved.model, split: "test", ids: test.map(\.id), texts: test.map(\.text)))

        // The same read back as numbers: each line's probabilities are the model's, exactly.
        let probabilities = saved.model.probabilities(of: test.map(\.text))
        let lines = try labelLines(written)
        XCTAssertEqual(lines.count, test.count)
        var counts = [0, 0]
        for (row, (line, record)) in zip(lines, test).enumerated() {
            XCTAssertEqual(line.id, record.id)
            XCTAssertEqual(line.split, "test", "the input file's name without extension")
            XCTAssertEqual(line.probabilities, ["HAM": probabilities.values[2 * row], "SPAM": probabilities.values[2 * row + 1]])
            let best = line.probabilities["SPAM"]! > line.probabilities["HAM"]! ? "SPAM" : "HAM"
            XCTAssertEqual(line.label, best)
            XCTAssertEqual(line.confidence, line.probabilities.values.max())
            counts[best == "HAM" ? 0 : 1] += 1
        }
        XCTAssertEqual(summary.items, test.count)
        XCTAssertEqual(summary.labelCounts, counts)
        XCTAssertNil(summary.metrics, "no gold field")
        XCTAssertEqual(summary.goldItems, 0)
        XCTAssertGreaterThan(counts.min()!, 0, "both classes predicted (else the test shows little)")

        // A given split names every line instead.
        let named = folder.appendingPathComponent("named.jsonl")
        _ = try ClassificationJob(model: saved, input: input, source: ItemSource(idField: "id"), split: "new", output: named).run()
        XCTAssertEqual(try String(contentsOf: named, encoding: .utf8),
                       expectedLines(saved.model, split: "new", ids: test.map(\.id), texts: test.map(\.text)))
    }

    /// Without an id field items are numbered as `ItemReader` numbers them: the 1-based line of
    /// a JSONL record (blank lines count), the 1-based data row of a CSV file.
    func testItemsWithoutAnIDFieldAreNumberedByLineOrRow() throws {
        let (saved, records) = try savedModel()
        let texts = try XCTUnwrap(records["test"]).prefix(3).map(\.text)
        let folder = try temporaryDirectory(self)

        let jsonl = folder.appendingPathComponent("items.jsonl")
        let line = { (text: String) throws -> String in #"{"text": \#(String(decoding: try JSONEncoder().encode(text), as: UTF8.self))}"# }
        try [try line(texts[0]), try line(texts[1]), "", try line(texts[2])].joined(separator: "\n").write(to: jsonl, atomically: true, encoding: .utf8)
        let fromJSONL = folder.appendingPathComponent("jsonl-labels.jsonl")
        _ = try ClassificationJob(model: saved, input: jsonl, output: fromJSONL).run()
        XCTAssertEqual(try String(contentsOf: fromJSONL, encoding: .utf8),
                       expectedLines(saved.model, split: "items", ids: ["1", "2", "4"], texts: texts))

        // The second record spans two lines: rows, not lines, are numbered.
        let csv = folder.appendingPathComponent("items.csv")
        let multiline = texts[1].replacingOccurrences(of: " ", with: "\n")
        try "text\n\(texts[0])\n\"\(multiline)\"\n\(texts[2])\n".write(to: csv, atomically: true, encoding: .utf8)
        let fromCSV = folder.appendingPathComponent("csv-labels.jsonl")
        _ = try ClassificationJob(model: saved, input: csv, output: fromCSV).run()
        XCTAssertEqual(try String(contentsOf: fromCSV, encoding: .utf8),
                       expectedLines(saved.model, split: "items", ids: ["1", "2", "3"], texts: [texts[0], multiline, texts[2]]))
    }

    /// The same items as CSV (quoted fields, a comma and doubled quotes in one text) give the
    /// same bytes as JSONL.
    func testCSVGivesTheSameLabelsAsJSONL() throws {
        let (saved, records) = try savedModel()
        var test = try XCTUnwrap(records["test"])
        var quoted = test[0]
        quoted.id = "quoted"
        quoted.text = "Win \"free\" cash, click the link."
        test.append(quoted)
        let folder = try temporaryDirectory(self)
        let jsonl = folder.appendingPathComponent("test.jsonl"), csv = folder.appendingPathComponent("test.csv")
        try writeJSONL(test, to: jsonl)
        let quote = { (field: String) in "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        try ("COMMENT_ID,AUTHOR,CONTENT\n" + test.map { "\(quote($0.id)),someone,\(quote($0.text))\n" }.joined())
            .write(to: csv, atomically: true, encoding: .utf8)

        let fromJSONL = folder.appendingPathComponent("a.jsonl"), fromCSV = folder.appendingPathComponent("b.jsonl")
        let jsonlSummary = try ClassificationJob(model: saved, input: jsonl, source: ItemSource(idField: "id"), output: fromJSONL).run()
        let csvSummary = try ClassificationJob(model: saved, input: csv, source: ItemSource(idField: "COMMENT_ID", textField: "CONTENT"),
                                               output: fromCSV).run()
        XCTAssertEqual(try Data(contentsOf: fromCSV), try Data(contentsOf: fromJSONL))
        XCTAssertEqual(try String(contentsOf: fromCSV, encoding: .utf8),
                       expectedLines(saved.model, split: "test", ids: test.map(\.id), texts: test.map(\.text)))
        XCTAssertEqual(csvSummary.items, 101)
        XCTAssertEqual(csvSummary.labelCounts, jsonlSummary.labelCounts)
    }

    /// Gold values that are class names and gold values that are class indices (strings or
    /// JSON numbers) score the same; items without one (null, missing) are not scored.
    func testGoldNamesAndIndicesGiveTheMetricsOfTheScoredItems() throws {
        let (saved, records) = try savedModel()
        let test = try XCTUnwrap(records["test"])
        let folder = try temporaryDirectory(self)
        let input = folder.appendingPathComponent("test.jsonl")
        let ungraded = { (index: Int) in index % 7 == 3 }
        // The model gets nearly every synthetic comment right: every fifth gold class is
        // flipped, so that the scores are neither 0 nor 1 and a mix-up would show.
        let gold = test.indices.map { index in index % 5 == 1 ? 1 - test[index].label : test[index].label }
        try writeJSONL(test, to: input) { index, _ in
            guard !ungraded(index) else { return ["name": NSNull()] }   // and no "index" at all
            // Indices as strings ("0", "1"), every third one as a JSON number.
            return ["name": SyntheticSpamTexts.labelNames[gold[index]], "index": index % 3 == 0 ? gold[index] as Any : String(gold[index])]
        }

        // By hand: the model's predictions on the graded items against their gold classes.
        let predictions = saved.model.probabilities(of: test.map(\.text)).predictions(tiePolicy: .classPrior(saved.model.classifier.biases))
        let graded = test.indices.filter { !ungraded($0) }
        let expected = ClassificationMetrics(predictions: graded.map { predictions[$0] }, gold: graded.map { gold[$0] }, classCount: 2)
        let right = graded.filter { predictions[$0] == gold[$0] }.count
        let truePositives = graded.filter { predictions[$0] == 1 && gold[$0] == 1 }.count
        let predictedSpam = graded.filter { predictions[$0] == 1 }.count, actualSpam = graded.filter { gold[$0] == 1 }.count
        XCTAssertLessThan(right, graded.count - 10, "some mistakes (else the metrics show little)")
        XCTAssertGreaterThan(right, graded.count / 2)

        var outputs: [Data] = []
        for field in ["name", "index"] {
            let output = folder.appendingPathComponent("\(field)-labels.jsonl")
            let summary = try ClassificationJob(model: saved, input: input, source: ItemSource(idField: "id", goldField: field), output: output).run()
            XCTAssertEqual(summary.items, test.count, field)
            XCTAssertEqual(summary.goldItems, graded.count, field)
            XCTAssertEqual(summary.metrics, expected, field)
            XCTAssertEqual(summary.metrics?.accuracy, Double(right) / Double(graded.count), field)
            XCTAssertEqual(try XCTUnwrap(summary.metrics?.f1(ofClass: 1)), 2 * Double(truePositives) / Double(predictedSpam + actualSpam),
                           accuracy: 1e-12, field)
            XCTAssertEqual(summary.labelCounts, [predictions.filter { $0 == 0 }.count, predictions.filter { $0 == 1 }.count], field)
            outputs.append(try Data(contentsOf: output))
        }
        XCTAssertEqual(outputs[0], outputs[1], "gold changes the scores, not the labels")
        XCTAssertEqual(String(decoding: outputs[0], as: UTF8.self),
                       expectedLines(saved.model, split: "test", ids: test.map(\.id), texts: test.map(\.text)))
    }

    /// Classes named by numbers (ratings `1` and `2`): a gold value is the class of that name
    /// before it is an index, as in `--dev-gold` files; a number that names no class is an index.
    func testAGoldValueIsAClassNameBeforeAnIndex() throws {
        let (saved, records) = try savedModel()
        let test = try XCTUnwrap(records["test"])
        // The trained model with its classes renamed: class "1" is index 0, class "2" index 1.
        let renamed = SavedEndModel(model: EndModel(labelNames: ["1", "2"], features: saved.model.features, classifier: saved.model.classifier),
                                    training: saved.training)
        let folder = try temporaryDirectory(self)
        let input = folder.appendingPathComponent("test.jsonl")
        // Gold by name ("1", "2") on most lines; by index 0 (class "1") on every fifth line.
        try writeJSONL(test, to: input) { index, record in
            ["gold": index % 5 == 0 && record.label == 0 ? "0" : String(record.label + 1)]
        }
        let predictions = saved.model.probabilities(of: test.map(\.text)).predictions(tiePolicy: .classPrior(saved.model.classifier.biases))
        let summary = try ClassificationJob(model: renamed, input: input, source: ItemSource(idField: "id", goldField: "gold"),
                                            output: folder.appendingPathComponent("labels.jsonl")).run()
        XCTAssertEqual(summary.goldItems, test.count)
        XCTAssertEqual(summary.metrics, ClassificationMetrics(predictions: predictions, gold: test.map(\.label), classCount: 2))
    }

    /// A gold value that names no class (nor a class index) fails naming the file, line,
    /// record and field, and writes nothing.
    func testAGoldValueNamingNoClassNamesItsPlace() throws {
        let (saved, records) = try savedModel()
        let test = Array(try XCTUnwrap(records["test"]).prefix(5))
        let folder = try temporaryDirectory(self)
        for bad in ["maybe", "2", "ham"] {
            let input = folder.appendingPathComponent("bad.jsonl"), output = folder.appendingPathComponent("labels.jsonl")
            try writeJSONL(test, to: input) { index, record in ["gold": index == 2 ? bad : SyntheticSpamTexts.labelNames[record.label]] }
            let job = ClassificationJob(model: saved, input: input, source: ItemSource(idField: "id", goldField: "gold"), output: output)
            XCTAssertThrowsError(try job.run(), bad) { error in
                guard case let .malformedInput(location, message) = error as? WSLabelError else { return XCTFail("\(bad): \(error)") }
                XCTAssertEqual(location, SourceLocation(file: input.path, line: 3, record: test[2].id, field: "gold"), bad)
                XCTAssertTrue(message.contains("gold value \"\(bad)\" is not a label (HAM, SPAM)"), message)
                XCTAssertTrue((error as? WSLabelError)?.errorDescription?.hasPrefix("\(input.path):3: record \"\(test[2].id)\", field gold: ") ?? false,
                              "\(error)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "\(bad): nothing written")
        }
    }

    /// An output that is the input, or the file the model was read from, is refused before
    /// anything is read: the file stays as it was.
    func testAnOutputThatIsAnInputIsRefused() throws {
        let (saved, records) = try savedModel()
        let folder = try temporaryDirectory(self)
        let input = folder.appendingPathComponent("test.jsonl"), modelFile = folder.appendingPathComponent("end-model.json")
        try writeJSONL(Array(try XCTUnwrap(records["test"]).prefix(5)), to: input)
        try saved.save(to: modelFile)
        for (output, role) in [(input, "the --input"), (modelFile, "the --end-model")] {
            let before = try Data(contentsOf: output)
            let job = ClassificationJob(model: saved, modelFile: modelFile, input: input, source: ItemSource(idField: "id"), output: output)
            XCTAssertThrowsError(try job.run(), role) { error in
                XCTAssertEqual(error as? WSLabelError, .invalidArgument(
                    "--output \(output.path) is \(role): writing it would replace an input; choose another path"))
            }
            XCTAssertEqual(try Data(contentsOf: output), before, role)
        }
    }

    /// Items for the batch tests: `count` short comments (two words of `SyntheticSpamTexts`,
    /// so that featurizing them stays quick in a debug build) with ids `c0`, `c1`, … and a gold
    /// class index.
    private func manyItems(_ count: Int, in folder: URL) throws -> (url: URL, ids: [String], texts: [String]) {
        var random = SplitMix64(seed: 99)
        let words = SyntheticSpamTexts.hamWords + SyntheticSpamTexts.spamWords + SyntheticSpamTexts.sharedWords
        let texts = (0..<count).map { _ in (0..<2).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ") }
        let ids = (0..<count).map { "c\($0)" }
        let lines = try zip(ids, texts).map { id, text in
            let object: [String: Any] = ["id": id, "text": text, "label": id.hasSuffix("7") ? 1 : 0]
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        let url = folder.appendingPathComponent("many.jsonl")
        try lines.joined().write(to: url, atomically: true, encoding: .utf8)
        return (url, ids, texts)
    }

    /// More items than one batch (`ItemReader.defaultBatchSize`): every one comes out, in
    /// input order, with the probabilities the model gives it among all the others.
    func testItemsPastOneBatchComeOutInInputOrder() throws {
        let (saved, _) = try savedModel()
        let folder = try temporaryDirectory(self)
        let count = ItemReader.defaultBatchSize + 904
        let (input, ids, texts) = try manyItems(count, in: folder)
        let output = folder.appendingPathComponent("labels.jsonl")
        var progress: [Int] = []
        let summary = try ClassificationJob(model: saved, input: input, source: ItemSource(idField: "id"), output: output)
            .run { progress.append($0) }
        XCTAssertEqual(progress, [ItemReader.defaultBatchSize, count], "one call per batch")
        XCTAssertEqual(summary.items, count)
        XCTAssertEqual(summary.labelCounts.reduce(0, +), count)
        let written = try String(contentsOf: output, encoding: .utf8)
        XCTAssertEqual(try labelLines(written).map(\.id), ids)
        XCTAssertEqual(written, expectedLines(saved.model, split: "many", ids: ids, texts: texts))
    }

    /// The output does not depend on the thread count (JSONL decoded on every thread,
    /// probabilities computed on every thread, two batches).
    func testTheOutputIsTheSameBytesAtOneAndTwoThreads() throws {
        let (saved, _) = try savedModel()
        let folder = try temporaryDirectory(self)
        let (input, _, _) = try manyItems(ItemReader.defaultBatchSize + 904, in: folder)
        var outputs: [Data] = []
        var metrics: [ClassificationMetrics?] = []
        for threads in [1, 2] {
            let output = folder.appendingPathComponent("labels-\(threads).jsonl")
            let summary = try ClassificationJob(model: saved, input: input, source: ItemSource(idField: "id", goldField: "label"), output: output,
                                                threads: threads).run()
            outputs.append(try Data(contentsOf: output))
            metrics.append(summary.metrics)
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertEqual(metrics[0], metrics[1])
        XCTAssertNotNil(metrics[0])
        XCTAssertFalse(outputs[0].isEmpty)
    }
}
