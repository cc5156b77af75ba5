// wslabel-scale-bench: how GenerativeLabelModel.fit scales with rows, LFs and classes.
//
// For each configuration it draws a realistic synthetic vote matrix (SyntheticVotes), fits the
// generative model and prints one JSON line to stdout: sizes, distinct patterns, the matrix's
// sparse storage, fit time and iterations, resident memory before and at the peak of the fit,
// and the learned-accuracy error against the true model. Progress goes to stderr.
//
//     wslabel-scale-bench --rows 1000000 --lfs 100 --classes 2 --threads 2
//
// Lists are comma-separated (`--rows 100000,1000000`); the defaults run every configuration of
// rows ∈ {1e5, 1e6, 1e7} × LFs ∈ {10, 100} × classes ∈ {2, 6}. Peak RSS is per process, so
// benchmarks/scale.sh runs one configuration per process.
//
// The peak is measured for the fit alone: the process's high-water mark is reset (Linux
// `/proc/self/clear_refs`, value 5) after generation, so the generator's own peak is not counted.

import Dispatch
import Foundation
import WSLabelCore
import WSLabelData

struct Configuration {
    var rows: Int
    var lfs: Int
    var classes: Int
}

struct Arguments {
    var rows = [100_000, 1_000_000, 10_000_000]
    var lfs = [10, 100]
    var classes = [2, 6]
    var threads = 2
    var seed: UInt64 = 42
    var options = "gold-free"
    var breakdown = false
    var regime = "realistic"
    var votesDirectory: String?
    var wrench: [String] = []
    var repeats = 9

    static let usage = """
        usage: wslabel-scale-bench [--rows N[,N…]] [--lfs N[,N…]] [--classes N[,N…]] [--threads N]
                                   [--seed N] [--options gold-free|heavy-prior|ml] [--regime realistic|dense]
                                   [--breakdown] [--write-votes DIR]
               wslabel-scale-bench --wrench DIR[,DIR…] [--repeat N] [--threads N]
          --options gold-free    what `wslabel fit` does without gold: GoldFreeSelection (default)
          --options heavy-prior  EMOptions(): tied tables, λ=10 training sets, uniform prior, w=0.5
          --options ml           maximum-likelihood EM (full tables, prior estimated, no pseudo-counts)
          --regime realistic SyntheticVotes.Parameters.realistic defaults (coverage by LF count,
                             80% unipolar LFs)
          --regime dense     issue 11's incompressible case: every LF unipolar, coverage 2–30%,
                             accuracy 55–95% (with 100 LFs nearly every row is its own pattern)
          --breakdown        also time VotePatterns construction on its own (after the fit)
          --write-votes DIR  write DIR/train.npy (dense int8 votes, abstain -1) and
                             DIR/labels.npy (true classes) for a peer to fit the same votes
          --wrench DIR       instead: the valid-selected fit (VariantSelection over VariantGrid,
                             as `wslabel fit` without --variant) on a WRENCH set, N times
                             (default 9): median seconds and EM iterations per variant, one
                             JSON line per set
        """

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let next = iterator.next() else { throw BenchError.usage("\(flag) needs a value") }
            return next
        }
        func integers(_ flag: String) throws -> [Int] {
            let text = try value(flag)
            let parsed = text.split(separator: ",").map { Double($0).map { Int($0) } }
            guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil && $0! > 0 }) else {
                throw BenchError.usage("\(flag): expected positive numbers, got \(text)")
            }
            return parsed.map { $0! }
        }
        while let flag = iterator.next() {
            switch flag {
            case "--rows": rows = try integers(flag)
            case "--lfs": lfs = try integers(flag)
            case "--classes": classes = try integers(flag)
            case "--threads": threads = try integers(flag)[0]
            case "--seed": seed = UInt64(try integers(flag)[0])
            case "--options":
                options = try value(flag)
                guard ["gold-free", "heavy-prior", "ml"].contains(options) else {
                    throw BenchError.usage("--options: gold-free, heavy-prior or ml")
                }
            case "--breakdown": breakdown = true
            case "--regime":
                regime = try value(flag)
                guard ["realistic", "dense"].contains(regime) else { throw BenchError.usage("--regime: realistic or dense") }
            case "--write-votes": votesDirectory = try value(flag)
            case "--wrench": wrench = try value(flag).split(separator: ",").map(String.init)
            case "--repeat": repeats = try integers(flag)[0]
            case "-h", "--help": throw BenchError.usage("")
            default: throw BenchError.usage("unknown argument \(flag)")
            }
        }
    }

    var configurations: [Configuration] {
        rows.flatMap { rows in lfs.flatMap { lfs in classes.map { Configuration(rows: rows, lfs: lfs, classes: $0) } } }
    }

    /// The true model of a configuration's regime.
    func parameters(_ configuration: Configuration) throws -> SyntheticVotes.Parameters {
        switch regime {
        case "dense":
            return try SyntheticVotes.Parameters.realistic(
                lfCount: configuration.lfs, classCount: configuration.classes, seed: seed,
                coverage: 0.02...0.30, accuracy: 0.55...0.95, unipolarFraction: 1)
        default:
            return try SyntheticVotes.Parameters.realistic(lfCount: configuration.lfs, classCount: configuration.classes, seed: seed)
        }
    }

    /// The model `--options` names, fit on `matrix`.
    func fit(_ matrix: VoteMatrix) throws -> GenerativeLabelModel {
        switch options {
        case "gold-free": return try GoldFreeSelection(train: matrix, threads: threads).chosen.model
        case "ml": return try GenerativeLabelModel.fit(matrix, options: .maximumLikelihood, threads: threads)
        default: return try GenerativeLabelModel.fit(matrix, options: EMOptions(), threads: threads)
        }
    }

    /// How a record names the model: the option, and for gold-free the variant it chose.
    func optionsSummary(_ model: GenerativeLabelModel) -> String {
        options == "gold-free" ? "gold-free: " + model.options.summary : model.options.summary
    }
}

enum BenchError: Error {
    case usage(String)
}

/// One JSON line of output.
struct Record: Encodable {
    var rows: Int
    var lfs: Int
    var classes: Int
    var threads: Int
    var options: String
    var regime: String
    var votes: Int
    var patterns: Int
    var storage_bytes: Int
    var generate_seconds: Double
    var fit_seconds: Double
    var iterations: Int
    var converged: Bool
    var rss_start_bytes: Int
    var rss_before_fit_bytes: Int
    var peak_rss_bytes: Int
    var fit_overhead_bytes: Int
    var fit_overhead_over_storage: Double
    var peak_rss_over_storage: Double
    var accuracy_error_max: Double
    var accuracy_error_mean: Double
    var class_balance_error_max: Double
    var accuracy: Double
    var generating_model_accuracy: Double
    var majority_vote_accuracy: Double
    var patterns_seconds: Double?
    var patterns_peak_overhead_bytes: Int?
    var patterns_retained_bytes: Int?
}

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`), or 0 where unavailable.
///
/// Read with plain `read(2)`: proc files report size 0, which some whole-file readers trust.
func statusBytes(_ field: String) -> Int {
    let descriptor = open("/proc/self/status", O_RDONLY)
    guard descriptor >= 0 else { return 0 }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix(field + ":") {
        let number = line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) } ?? 0
        return number * 1024
    }
    return 0
}

/// Resets the peak-RSS mark to the current RSS (Linux ≥ 4.0); false when not possible.
func resetPeakRSS() -> Bool {
    let descriptor = open("/proc/self/clear_refs", O_WRONLY)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return write(descriptor, "5", 1) == 1
}

func seconds(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func progress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

func run(_ configuration: Configuration, _ arguments: Arguments) throws -> Record {
    let label = "\(configuration.rows) rows × \(configuration.lfs) LFs × \(configuration.classes) classes"
    progress("[\(label)] generating…")
    let rssStart = statusBytes("VmRSS")
    let truth = try arguments.parameters(configuration)
    var start = DispatchTime.now().uptimeNanoseconds
    let data = try SyntheticVotes(parameters: truth, rows: configuration.rows, seed: arguments.seed &+ 1)
    let generateSeconds = seconds(since: start)
    let matrix = data.matrix
    progress("[\(label)] \(matrix.voteCount) votes, \(matrix.storageBytes / 1_000_000) MB sparse, generated in \(String(format: "%.2f", generateSeconds)) s; fitting…")

    let peakResettable = resetPeakRSS()
    let rssBefore = statusBytes("VmRSS")
    start = DispatchTime.now().uptimeNanoseconds
    let model = try arguments.fit(matrix)
    let fitSeconds = seconds(since: start)
    let peak = statusBytes("VmHWM")
    if !peakResettable { progress("warning: could not reset the peak RSS mark; peak includes generation") }

    // Breakdown: the grouping into patterns on its own, its time and memory (peak while
    // building, and what it keeps).
    var patternsSeconds: Double?, patternsPeak: Int?, patternsRetained: Int?
    if arguments.breakdown {
        _ = resetPeakRSS()
        let rssBeforePatterns = statusBytes("VmRSS")
        start = DispatchTime.now().uptimeNanoseconds
        let patterns = VotePatterns(matrix)
        patternsSeconds = seconds(since: start)
        patternsPeak = statusBytes("VmHWM") - rssBeforePatterns
        patternsRetained = statusBytes("VmRSS") - rssBeforePatterns
        precondition(patterns.count == model.fitReport.patternCount, "pattern count differs")
    }

    // Accuracy on the training rows against the true labels (ties: lower class), of the fit,
    // of the generating model itself (the Bayes-optimal labels) and of majority vote.
    func accuracy(_ model: any LabelModel) throws -> Double {
        let predictions = try model.predictProbabilities(matrix).predictions(tiePolicy: .abstain)
        var right = 0
        for (row, label) in data.labels.enumerated() where predictions[row] == Int(label) { right += 1 }
        return Double(right) / Double(max(1, matrix.rowCount))
    }
    let fittedAccuracy = try accuracy(model), generatingAccuracy = bayesAccuracy(data)
    let majorityAccuracy = try accuracy(MajorityVote(lfCount: matrix.lfCount, classCount: matrix.classCount))
    if let directory = arguments.votesDirectory {
        try writeVotes(data, to: URL(fileURLWithPath: directory))
        progress("[\(label)] wrote \(directory)/train.npy and labels.npy")
    }

    let errors = zip(model.learnedAccuracies, truth.accuracies).map { abs($0 - $1) }
    let balanceError = zip(model.classPrior, truth.classBalance).map { abs($0 - $1) }.max() ?? 0
    progress("[\(label)] \(model.fitReport.patternCount) patterns, \(model.fitReport.iterations) iterations, fit \(String(format: "%.2f", fitSeconds)) s, peak \(peak / 1_000_000) MB")
    let storage = Double(matrix.storageBytes)
    return Record(
        rows: configuration.rows, lfs: configuration.lfs, classes: configuration.classes,
        threads: arguments.threads, options: arguments.optionsSummary(model), regime: arguments.regime,
        votes: matrix.voteCount, patterns: model.fitReport.patternCount, storage_bytes: matrix.storageBytes,
        generate_seconds: generateSeconds, fit_seconds: fitSeconds,
        iterations: model.fitReport.iterations, converged: model.fitReport.converged,
        rss_start_bytes: rssStart, rss_before_fit_bytes: rssBefore, peak_rss_bytes: peak, fit_overhead_bytes: peak - rssBefore,
        fit_overhead_over_storage: Double(peak - rssBefore) / storage, peak_rss_over_storage: Double(peak) / storage,
        accuracy_error_max: errors.max() ?? 0, accuracy_error_mean: errors.reduce(0, +) / Double(max(1, errors.count)),
        class_balance_error_max: balanceError, accuracy: fittedAccuracy, generating_model_accuracy: generatingAccuracy,
        majority_vote_accuracy: majorityAccuracy, patterns_seconds: patternsSeconds,
        patterns_peak_overhead_bytes: patternsPeak, patterns_retained_bytes: patternsRetained)
}

/// Accuracy of the generating model's own posterior argmax (ties: lower class) against the true
/// labels: the best any label model can do on these votes.
func bayesAccuracy(_ data: SyntheticVotes) -> Double {
    let truth = data.parameters, tables = truth.tables, classes = truth.classCount, lfs = truth.lfCount
    var base = truth.classBalance.map { log($0) }
    var voteWeight = [Double](repeating: 0, count: lfs * classes * classes)
    for lf in 0..<lfs {
        for label in 0..<classes {
            let abstain = log(max(tables.abstainProbability(lf: lf, trueClass: label), 1e-300))
            base[label] += abstain
            for vote in 0..<classes {
                voteWeight[(lf * classes + vote) * classes + label] =
                    log(max(tables.voteProbability(lf: lf, trueClass: label, vote: vote), 1e-300)) - abstain
            }
        }
    }
    var right = 0
    var scores = [Double](repeating: 0, count: classes)
    for row in 0..<data.matrix.rowCount {
        for label in 0..<classes { scores[label] = base[label] }
        for (lf, vote) in data.matrix.votes(inRow: row) {
            for label in 0..<classes { scores[label] += voteWeight[(lf * classes + vote) * classes + label] }
        }
        var best = 0
        for label in 1..<classes where scores[label] > scores[best] { best = label }
        if best == Int(data.labels[row]) { right += 1 }
    }
    return Double(right) / Double(max(1, data.matrix.rowCount))
}

/// The votes as a dense `rows × LFs` int8 `.npy` (abstain -1) and the true classes as int64,
/// the files `benchmarks/peers/snorkel_on_votes.py --train-npy … --labels-npy …` reads.
func writeVotes(_ data: SyntheticVotes, to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try data.matrix.writeNPY(to: directory.appendingPathComponent("train.npy"), dtype: .int8)
    var labels = try VoteMatrix(lfCount: 1, classCount: data.parameters.classCount)
    for label in data.labels { try labels.appendRow([Int(label)]) }
    try labels.writeNPY(to: directory.appendingPathComponent("labels.npy"), dtype: .int64)
}

/// One JSON line of `--wrench`.
struct SelectionRecord: Encodable {
    var set: String
    var threads: Int
    var train_patterns: Int
    var variants: Int
    var median_seconds: Double
    var seconds: [Double]
    var iterations: [Int]
    var chosen: Int
    var chosen_variant: String
    var test_accuracy: Double
}

/// The valid-selected fit on a WRENCH set, timed like `wslabel fit` times it (grid, fits, dev scoring).
func selection(_ directory: String, _ arguments: Arguments) throws -> SelectionRecord {
    let dataset = try WrenchDataset(directory: URL(fileURLWithPath: directory))
    guard let train = dataset.split("train"), let valid = dataset.split("valid"), let test = dataset.split("test") else {
        throw BenchError.usage("\(directory): needs train, valid and test splits")
    }
    let classes = dataset.classCount
    var times: [Double] = []
    var result: VariantSelection?
    for _ in 0..<max(1, arguments.repeats) {
        let start = DispatchTime.now().uptimeNanoseconds
        let grid = VariantGrid.variants(classCount: classes, devBalance: valid.goldClassBalance(classCount: classes))
        result = try VariantSelection(train: train.votes, dev: valid.votes, devGold: valid.gold, grid: grid,
                                      metric: .accuracy, threads: arguments.threads)
        times.append(seconds(since: start))
    }
    let chosen = result!.chosen.model
    let metrics = try chosen.score(test.votes, gold: test.completeGold!, tiePolicy: chosen.defaultTiePolicy)
    return SelectionRecord(
        set: URL(fileURLWithPath: directory).lastPathComponent, threads: arguments.threads,
        train_patterns: chosen.fitReport.patternCount, variants: result!.candidates.count,
        median_seconds: times.sorted()[times.count / 2], seconds: times,
        iterations: result!.candidates.map(\.model.fitReport.iterations), chosen: result!.chosenIndex,
        chosen_variant: chosen.options.summary, test_accuracy: metrics.accuracy)
}

do {
    let arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    if !arguments.wrench.isEmpty {
        for directory in arguments.wrench {
            FileHandle.standardOutput.write(try encoder.encode(selection(directory, arguments)) + Data("\n".utf8))
        }
        exit(0)
    }
    for configuration in arguments.configurations {
        let record = try run(configuration, arguments)
        FileHandle.standardOutput.write(try encoder.encode(record) + Data("\n".utf8))
    }
} catch BenchError.usage(let message) {
    if !message.isEmpty { progress("error: \(message)") }
    progress(Arguments.usage)
    exit(message.isEmpty ? 0 : 2)
} catch {
    progress("error: \(error)")
    exit(1)
}
