// wslabel-labels-bench: how fast probabilistic labels are written. Draws synthetic votes
// (SyntheticVotes, the realistic regime of wslabel-scale-bench), fits the generative label model
// (EMOptions(): its probabilities have the 16–17 significant digits of real runs), labels the
// rows, then times each writer REPEATS times into --output-dir:
//
//   json_tree  the writer as it was before issue 13: one JSONValue object per line, serialized
//              into one String, written with AtomicFile.write (kept here as the baseline)
//   jsonl      ProbabilisticLabelsWriter.write to labels.jsonl (blocks formatted on --threads)
//   npy        ProbabilisticLabelsWriter.write to labels.npy (+ labels.ids.txt, labels.splits.txt)
//
//     wslabel-labels-bench --rows 1000000 --lfs 20 --classes 2 --threads 2 --repeats 3 --output-dir DIR
//
// Prints one JSON object: rows, each writer's seconds per repeat and rows per second (best and
// median), the bytes written, and whether labels.jsonl is byte-identical to the baseline's file.
// Every file is replaced atomically and flushed to disk (fsync), as `wslabel fit --output` does.

import Foundation
import WSLabelCore
import WSLabelData

struct Arguments {
    var rows = 1_000_000, lfs = 20, classes = 2, threads = 2, repeats = 3, seed: UInt64 = 1
    var outputDirectory = ""

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        func next(_ flag: String) -> String {
            guard let value = iterator.next() else { fail("\(flag) needs a value") }
            return value
        }
        func integer(_ flag: String) -> Int {
            let text = next(flag)
            guard let value = Int(text), value > 0 else { fail("\(flag): not a positive integer: \(text)") }
            return value
        }
        while let flag = iterator.next() {
            switch flag {
            case "--rows": rows = integer(flag)
            case "--lfs": lfs = integer(flag)
            case "--classes": classes = integer(flag)
            case "--threads": threads = integer(flag)
            case "--repeats": repeats = integer(flag)
            case "--seed": seed = UInt64(integer(flag))
            case "--output-dir": outputDirectory = next(flag)
            default: fail("unknown argument \(flag)")
            }
        }
        if outputDirectory.isEmpty { fail("--output-dir is required") }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("wslabel-labels-bench: \(message)\n".utf8))
    exit(1)
}

func progress(_ message: String) {
    FileHandle.standardError.write(Data("[labels-bench] \(message)\n".utf8))
}

/// Wall-clock seconds of `body`.
func timed(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The labels writer before issue 13, verbatim: a JSONValue tree per line into one String.
func jsonTreeLines(_ results: [LabelingRun.SplitResult], labelNames: [String]) -> String {
    var output = ""
    for result in results {
        for (row, id) in result.ids.enumerated() {
            let label = result.predictions[row]
            let distribution = result.probabilities[row]
            JSONValue.object([
                ("id", .string(id)),
                ("split", .string(result.name)),
                ("label", label == VoteMatrix.abstain ? .null : .string(labelNames[label])),
                ("probabilities", .object(zip(labelNames, distribution).map { ($0, .number($1)) })),
                ("confidence", .number(distribution.max() ?? 0)),
            ]).write(to: &output)
            output += "\n"
        }
    }
    return output
}

func fileSize(_ url: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
}

func run() throws {
    let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
    let folder = URL(fileURLWithPath: arguments.outputDirectory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    progress("drawing \(arguments.rows) rows × \(arguments.lfs) LFs × \(arguments.classes) classes, fitting…")
    let parameters = try SyntheticVotes.Parameters.realistic(lfCount: arguments.lfs, classCount: arguments.classes, seed: arguments.seed)
    let votes = try SyntheticVotes(parameters: parameters, rows: arguments.rows, seed: arguments.seed &+ 1).matrix
    let model = try GenerativeLabelModel.fit(votes, options: EMOptions(), threads: arguments.threads)
    let split = LabeledSplit(name: "train", ids: (0..<arguments.rows).map(String.init), votes: votes,
                             gold: [Int?](repeating: nil, count: arguments.rows))
    let results = [try LabelingRun.SplitResult(labeling: split, with: model, tiePolicy: model.tiePolicy(seed: nil))]
    let labelNames = (0..<arguments.classes).map { "CLASS_\($0)" }

    let baseline = folder.appendingPathComponent("labels-json-tree.jsonl")
    let jsonl = folder.appendingPathComponent("labels.jsonl")
    let npy = folder.appendingPathComponent("labels.npy")
    let writers: [(name: String, file: URL, write: () throws -> Void)] = [
        ("json_tree", baseline, { try AtomicFile.write(Data(jsonTreeLines(results, labelNames: labelNames).utf8), to: baseline) }),
        ("jsonl", jsonl, { try ProbabilisticLabelsWriter.write(results, labelNames: labelNames, to: jsonl, threads: arguments.threads) }),
        ("npy", npy, { try ProbabilisticLabelsWriter.write(results, labelNames: labelNames, to: npy, threads: arguments.threads) }),
    ]
    var report: [String: Any] = ["rows": arguments.rows, "lfs": arguments.lfs, "classes": arguments.classes,
                                 "threads": arguments.threads, "repeats": arguments.repeats,
                                 "active_processors": ProcessInfo.processInfo.activeProcessorCount]
    for writer in writers {
        var seconds: [Double] = []
        for repeatIndex in 1...arguments.repeats {
            progress("\(writer.name): repeat \(repeatIndex) of \(arguments.repeats)")
            seconds.append(try timed(writer.write))
        }
        let sorted = seconds.sorted()
        let files = ProbabilisticLabelsWriter.files(for: writer.file)
        report[writer.name] = [
            "seconds": seconds,
            "rows_per_second_best": Double(arguments.rows) / sorted[0],
            "rows_per_second_median": Double(arguments.rows) / sorted[sorted.count / 2],
            "bytes": writer.name == "npy" ? files.map(fileSize).reduce(0, +) : fileSize(writer.file),
        ]
    }
    report["jsonl_identical_to_json_tree"] = try Data(contentsOf: jsonl) == Data(contentsOf: baseline)
    let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

do {
    try run()
} catch {
    fail("\(error)")
}
