import TestSupport
import WSLabelCore
@testable import WSLabelData
@testable import WSLabeling
import XCTest

final class TaskFileTests: XCTestCase {
    private let url = URL(fileURLWithPath: "/project/wslabel.yaml")

    private let sample = """
        labels: [HAM, SPAM]
        data:
          id: COMMENT_ID
          text: CONTENT
          gold: CLASS
          gold_values: {"0": HAM, "1": SPAM}
          splits:
            train: [raw/a.csv, /abs/b.csv]
            test: raw/c.csv
        labeling_functions:
          swift: [tutorial]
          files: lfs
        model:
          select_metric: f1
          positive_class: SPAM
          seed: 3
        output:
          labels: out/labels.jsonl
        """

    func testReadsEverySection() throws {
        let task = try TaskFile(yaml: sample, url: url)
        XCTAssertEqual(task.labels, ["HAM", "SPAM"])
        XCTAssertEqual(task.source, ItemSource(idField: "COMMENT_ID", textField: "CONTENT", goldField: "CLASS",
                                               goldLabels: .init(labels: ["HAM", "SPAM"], values: ["0": "HAM", "1": "SPAM"])))
        XCTAssertEqual(task.splits.map(\.name), ["train", "test"])
        XCTAssertEqual(task.splits[0].files.map(\.path), ["/project/raw/a.csv", "/abs/b.csv"])
        XCTAssertEqual(task.lfFiles.map(\.path), ["/project/lfs"])
        XCTAssertEqual(task.model.seed, 3)
        XCTAssertEqual(task.model.positiveClass, "SPAM")
        XCTAssertEqual(task.warnings, [])
        XCTAssertEqual(task.labelsOutput?.path, "/project/out/labels.jsonl")
        XCTAssertEqual(task.cache.path, "/project/.wslabel/votes.sqlite")
        XCTAssertEqual(task.goldLabel("1"), "SPAM")
        XCTAssertEqual(task.goldLabel("HAM"), "HAM")
        XCTAssertNil(task.goldLabel("2"))
    }

    func testErrorsNameTheLineAndKey() {
        func error(_ text: String) -> String {
            do { _ = try TaskFile(yaml: text, url: url); return "no error" } catch { return error.localizedDescription }
        }
        XCTAssertEqual(error(sample.replacingOccurrences(of: "positive_class: SPAM", with: "positive_class: EGGS")),
                       "/project/wslabel.yaml:15: record \"model\", field positive_class: unknown class \"EGGS\"; expected a label (HAM, SPAM) or a class index 0..1")
        XCTAssertEqual(error(sample.replacingOccurrences(of: "    train:", with: "    training:")),
                       "/project/wslabel.yaml:8: record \"data\", field train: missing: the label model is fit on the train split")
        XCTAssertTrue(error(sample.replacingOccurrences(of: "output:", with: "outputs:")).contains(":17: field outputs: unknown key"))
        XCTAssertTrue(error(sample.replacingOccurrences(of: "{\"0\": HAM", with: "{\"0\": EGGS")).contains("unknown label \"EGGS\""))
        XCTAssertTrue(error("labels: [A]\n").contains("field labels: a task needs 2 to 255 class names, found 1"))
        XCTAssertTrue(error("labels: [A, B]\ndata: {splits: {train: x.csv}}\n").contains("field labeling_functions: missing"))
    }

    func testTheTextSizeLimitIsADataKey() throws {
        XCTAssertEqual(try TaskFile(yaml: sample, url: url).source.maxTextBytes, 1 << 20)
        let raised = sample.replacingOccurrences(of: "  gold: CLASS\n", with: "  gold: CLASS\n  max_text_bytes: 8000000\n")
        XCTAssertEqual(try TaskFile(yaml: raised, url: url).source.maxTextBytes, 8_000_000)
        for (value, message) in [("0", "must be a positive number of bytes"), ("-5", "must be a positive number of bytes"),
                                 ("1MB", "expected a whole number")] {
            let text = sample.replacingOccurrences(of: "  gold: CLASS\n", with: "  gold: CLASS\n  max_text_bytes: \(value)\n")
            XCTAssertThrowsError(try TaskFile(yaml: text, url: url)) { error in
                XCTAssertEqual(error.localizedDescription, "/project/wslabel.yaml:6: record \"data\", field max_text_bytes: \(message)")
            }
        }
    }

    func testASampledSplitNamesItsSourceSizeAndSeed() throws {
        let text = sample.replacingOccurrences(of: "    test: raw/c.csv", with: "    dev: {sample_of: train, size: 50, seed: 7}\n    test: raw/c.csv")
        let task = try TaskFile(yaml: text, url: url)
        XCTAssertEqual(task.splits.map(\.name), ["train", "dev", "test"])
        XCTAssertEqual(task.splits[1].sample, TaskFile.Sample(source: "train", size: 50, seed: 7))
        XCTAssertEqual(task.splits[1].files, [])

        func error(_ replacement: String) -> String {
            let bad = sample.replacingOccurrences(of: "    test: raw/c.csv", with: "    dev: \(replacement)")
            do { _ = try TaskFile(yaml: bad, url: url); return "no error" } catch { return error.localizedDescription }
        }
        XCTAssertEqual(error("{sample_of: tset, size: 5}"),
                       "/project/wslabel.yaml:9: record \"data\", field dev: sample_of names \"tset\", which is not a split read from files")
        XCTAssertTrue(error("{sample_of: train, size: 0}").contains("record \"split dev\", field size: needs a positive number"))
        XCTAssertTrue(error("{sample_of: train, size: 5, sed: 1}").contains("field sed: unknown key"))
    }

    func testCatalogCombinesSwiftCatalogsAndFilesAndChecksLabels() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("task-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lfs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "labeling_functions:\n  - {name: kw, kind: keyword, keywords: [free], label: SPAM}\n"
            .write(to: folder.appendingPathComponent("lfs/spam.yaml"), atomically: true, encoding: .utf8)
        let taskURL = folder.appendingPathComponent("wslabel.yaml")
        try sample.write(to: taskURL, atomically: true, encoding: .utf8)
        let registry = LFCatalogRegistry()
        registry.register(["tutorial": [HeuristicLF("short", labels: ["HAM"]) { $0.wordCount < 3 ? "HAM" : nil }]])
        let task = try TaskFile(contentsOf: taskURL)
        XCTAssertEqual(try task.catalog(registry: registry).names, ["short", "kw"])
        XCTAssertThrowsError(try task.catalog(registry: LFCatalogRegistry())) { error in
            XCTAssertTrue(error.localizedDescription.contains("no Swift LF catalog named tutorial"), error.localizedDescription)
        }
    }

    /// An LF name that two places define: both are named, Swift catalogs by name and LF files
    /// by file and line.
    func testARepeatedLFNameNamesBothPlaces() throws {
        let folder = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("more"), withIntermediateDirectories: true)
        let files: [String: String] = [
            "a.yaml": "labeling_functions:\n  - {name: kw, kind: keyword, keywords: [free], label: SPAM}\n",
            "b.yaml": "# again\nlabeling_functions:\n  - {name: other, kind: keyword, keywords: [win], label: SPAM}\n"
                + "  - {name: kw, kind: keyword, keywords: [prize], label: SPAM}\n",
            "short.yaml": "labeling_functions:\n  - {name: short, kind: keyword, keywords: [x], label: HAM}\n",
            "more/1.yaml": "labeling_functions:\n  - {name: m, kind: keyword, keywords: [x], label: HAM}\n",
            "more/2.yaml": "labeling_functions:\n\n  - {name: m, kind: keyword, keywords: [y], label: HAM}\n",
        ]
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let registry = LFCatalogRegistry()
        registry.register(["tutorial": [HeuristicLF("short") { _ in nil }], "again": [HeuristicLF("short") { _ in nil }],
                           "twice": [HeuristicLF("dup") { _ in nil }, HeuristicLF("dup") { _ in nil }]])
        func error(_ lfs: String) -> String {
            let text = sample.replacingOccurrences(of: "  swift: [tutorial]\n  files: lfs\n", with: lfs)
            do {
                _ = try TaskFile(yaml: text, url: folder.appendingPathComponent("wslabel.yaml")).catalog(registry: registry)
                return "no error"
            } catch {
                return error.localizedDescription
            }
        }
        let path = folder.path
        XCTAssertEqual(error("  files: [a.yaml, b.yaml]\n"),
                       "\(path)/b.yaml:4: record \"LF kw\", field name: LF name kw is already used at \(path)/a.yaml:2")
        XCTAssertEqual(error("  swift: [tutorial]\n  files: [short.yaml]\n"),
                       "\(path)/short.yaml:2: record \"LF short\", field name: LF name short is already used in Swift catalog tutorial (named at \(path)/wslabel.yaml:11)")
        XCTAssertEqual(error("  files: [more]\n"),
                       "\(path)/more/2.yaml:3: record \"LF m\", field name: LF name m is already used at \(path)/more/1.yaml:2")
        XCTAssertEqual(error("  swift: [tutorial, again]\n"), """
            \(path)/wslabel.yaml:11: record "labeling_functions", field swift: LF name short of Swift catalog again is already \
            used in Swift catalog tutorial (named at \(path)/wslabel.yaml:11)
            """)
        XCTAssertEqual(error("  swift: [twice]\n"), """
            \(path)/wslabel.yaml:11: record "labeling_functions", field swift: LF name dup of Swift catalog twice is already \
            used in Swift catalog twice (named at \(path)/wslabel.yaml:11)
            """)
        XCTAssertEqual(error("  swift: [tutorial, tutorial]\n"),
                       "\(path)/wslabel.yaml:11: record \"labeling_functions\", field swift: Swift LF catalog tutorial is named twice")
        XCTAssertEqual(error("  swift: [tutorial]\n  files: [a.yaml]\n"), "no error")
    }

    /// `model:` values are checked when the task file is read, against the values the CLI's
    /// flags take.
    func testModelValuesAreCheckedWhereTheyAreWritten() throws {
        func error(_ line: String) -> String {
            let text = sample.replacingOccurrences(of: "  select_metric: f1\n", with: line)
            do { _ = try TaskFile(yaml: text, url: url); return "no error" } catch { return error.localizedDescription }
        }
        XCTAssertEqual(error("  select_metric: F1\n"),
                       "/project/wslabel.yaml:14: record \"model\", field select_metric: expected accuracy, f1 or macro-f1, found \"F1\"")
        XCTAssertEqual(error("  model: foo\n"), "/project/wslabel.yaml:14: record \"model\", field model: expected em or mv, found \"foo\"")
        XCTAssertEqual(error("  ties: x\n"),
                       "/project/wslabel.yaml:14: record \"model\", field ties: expected model, abstain, prior or random, found \"x\"")
        let task = try TaskFile(yaml: sample.replacingOccurrences(of: "  select_metric: f1\n", with: "  select_metric: macro-f1\n  model: mv\n  ties: prior\n"), url: url)
        XCTAssertEqual(task.model.selectMetric, .macroF1)
        XCTAssertEqual(task.model.model, .mv)
        XCTAssertEqual(task.model.ties, .prior)
    }

    /// `positive_class` takes a label or a class index, as `--positive-class` does; anything
    /// else stops the read at its line with the allowed values.
    func testThePositiveClassIsALabelOrAnIndex() throws {
        func task(_ value: String) throws -> TaskFile {
            try TaskFile(yaml: sample.replacingOccurrences(of: "positive_class: SPAM", with: "positive_class: \(value)"), url: url)
        }
        XCTAssertEqual(try task("1").model.positiveClass, "1")
        XCTAssertEqual(try task("HAM").model.positiveClass, "HAM")
        for bad in ["2", "-1", "spam"] {
            XCTAssertThrowsError(try task(bad)) { error in
                XCTAssertEqual(error.localizedDescription, """
                    /project/wslabel.yaml:15: record "model", field positive_class: unknown class "\(bad)"; \
                    expected a label (HAM, SPAM) or a class index 0..1
                    """)
            }
        }
    }

    /// The old spelling `positive_label` still works for one release, with a warning naming the
    /// file, line and new key; it is checked as the new one is; both at once is an error.
    func testTheOldPositiveLabelKeyWorksWithAWarning() throws {
        let old = sample.replacingOccurrences(of: "positive_class: SPAM", with: "positive_label: SPAM")
        let task = try TaskFile(yaml: old, url: url)
        XCTAssertEqual(task.model.positiveClass, "SPAM")
        XCTAssertEqual(task.warnings.map(\.description), ["""
            /project/wslabel.yaml:15: record "model", field positive_label: model.positive_label is renamed positive_class; \
            the old name still works in this release and will stop working in the next
            """])
        XCTAssertThrowsError(try TaskFile(yaml: old.replacingOccurrences(of: "SPAM\n", with: "EGGS\n"), url: url)) { error in
            XCTAssertTrue(error.localizedDescription.hasPrefix("/project/wslabel.yaml:15: record \"model\", field positive_label: unknown class \"EGGS\""),
                          error.localizedDescription)
        }
        let both = sample.replacingOccurrences(of: "positive_class: SPAM", with: "positive_class: SPAM\n  positive_label: SPAM")
        XCTAssertThrowsError(try TaskFile(yaml: both, url: url)) { error in
            XCTAssertEqual(error.localizedDescription,
                           "/project/wslabel.yaml:16: record \"model\", field positive_label: give positive_class only: positive_label is its old name")
        }
    }

    /// `output` paths must name files: an empty one, one ending in `/` or an existing folder
    /// stops the read at its line (before, the run failed later naming only the folder).
    func testOutputPathsMustNameFiles() throws {
        let folder = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let taskURL = folder.appendingPathComponent("wslabel.yaml")
        func error(_ line: String) -> String {
            let text = sample.replacingOccurrences(of: "  labels: out/labels.jsonl", with: line)
            do { _ = try TaskFile(yaml: text, url: taskURL); return "no error" } catch { return error.localizedDescription }
        }
        let place = "\(taskURL.path):18: record \"output\""
        XCTAssertEqual(error("  labels: \"\""), "\(place), field labels: expected a file path")
        XCTAssertEqual(error("  labels: out"), "\(place), field labels: out is a folder; give a file name (e.g. out/labels.jsonl)")
        XCTAssertEqual(error("  cache: new/"), "\(place), field cache: new/ is a folder; give a file name (e.g. new/votes.sqlite)")
        XCTAssertEqual(error("  human_labels: ."), "\(place), field human_labels: . is a folder; give a file name (e.g. ./human_labels.jsonl)")
        XCTAssertEqual(error("  labels: out/labels.jsonl"), "no error")
    }

    func testTooManyLabelsAreRejectedWhereTheyAreListed() {
        let labels = (0..<300).map { "L\($0)" }.joined(separator: ", ")
        XCTAssertThrowsError(try TaskFile(yaml: "# task\nlabels: [\(labels)]\ndata: {splits: {train: a.csv}}\n", url: url)) { error in
            XCTAssertEqual(error.localizedDescription, "/project/wslabel.yaml:2: field labels: a task needs 2 to 255 class names, found 300")
        }
    }

    func testAFolderGivenAsTheTaskFileIsCalledAFolder() throws {
        let folder = try temporaryDirectory(self)
        XCTAssertThrowsError(try TaskFile(contentsOf: folder)) { error in
            XCTAssertEqual(error.localizedDescription, "\(folder.path): is a folder, not a task file (give the task file itself, e.g. wslabel.yaml)")
        }
    }
}
