// wslabel-apply-bench: LF-apply throughput of the Snorkel spam tutorial's seven deterministic LFs
// (YouTubeSpamLFs.tutorial) over a JSONL file of items, streamed with ItemReader in batches into
// LFApplier (no vote cache unless `--cache`).
//
//     wslabel-apply-bench --items items.jsonl --threads 2 --output L.npy [--json result.json]
//
// Prints one JSON object to stdout: items, evaluations (items × LFs), seconds end to end
// (reading + applying + writing the votes; `read_and_apply_seconds` is the same clock) and for
// each part alone, evaluations and items per second, peak RSS (VmHWM) and the votes per LF.
// Progress goes to stderr. JSONL is decoded on --read-threads threads (default --threads).
//
// Modes (`--mode`):
//   stream   (default) each reader batch goes to `LFApplier.apply(batch:)`, and its rows are
//            appended to the .npy file at once (the bytes of `VoteMatrix.npyData(dtype: .int8)`
//            without their header; the header is written last): nothing grows with the input.
//   collect  `LFApplier.apply(expectedCount:nextBatch:)` keeps every row (ids, gold, matrix) and
//            `VoteMatrix.writeNPY` writes the matrix at the end: memory grows with the output.
//   fused    `LFApplier.apply(_:forEachBatch:)`: each block of lines is decoded and applied on
//            the thread that read it (no item made); rows are appended to the .npy as in stream.
//
// `--id-field id` takes item ids from the JSONL field `id`; ItemReader then keeps every id seen
// to reject duplicates, a table that grows with the input. Without it ids are line numbers.
//
// `--cache FILE` applies through the SQLite vote cache at FILE (created when missing): run it
// on a missing file for a cold cache (every outcome computed and written), then again for a
// warm one (every outcome read back). The JSON then has the cache's hits and size.

import Foundation
import LabelingFunctions
import WSLabelCore
import WSLabelData
import WSLabeling

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

struct Arguments {
    var items = ""
    var output: String?
    var json: String?
    var threads = 2
    var batchSize = ItemReader.defaultBatchSize
    var mode = "stream"
    var idField: String?
    var limit: Int?
    var pipeline = true
    var selfCheck = false
    var cache: String?
    var readThreads: Int?
    var readOnly = false

    static let usage = """
        usage: wslabel-apply-bench --items FILE.jsonl [--output L.npy] [--json OUT.json] [--threads N]
                                   [--batch-size N] [--mode stream|collect] [--id-field NAME] [--limit N]
                                   [--no-pipeline] [--cache FILE.sqlite] [--read-threads N] [--read-only]
                                   [--self-check]
          --read-threads  threads decoding JSONL (default: --threads)
          --read-only     read and decode the items, apply nothing: prints items, seconds, items/s
          --self-check  compare ItemView and the keyword/regex LFs with their plain standard-library /
                        NSRegularExpression definitions on tricky strings and on every item of --items
        """

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let next = iterator.next() else { throw BenchError(description: "\(flag) needs a value") }
            return next
        }
        func integer(_ flag: String) throws -> Int {
            let text = try value(flag)
            guard let number = Int(text), number > 0 else { throw BenchError(description: "\(flag): not a positive integer: \(text)") }
            return number
        }
        while let flag = iterator.next() {
            switch flag {
            case "--items": items = try value(flag)
            case "--output": output = try value(flag)
            case "--json": json = try value(flag)
            case "--threads": threads = try integer(flag)
            case "--batch-size": batchSize = try integer(flag)
            case "--mode":
                mode = try value(flag)
                guard ["stream", "collect", "fused"].contains(mode) else { throw BenchError(description: "--mode: stream, collect or fused") }
            case "--id-field": idField = try value(flag)
            case "--limit": limit = try integer(flag)
            case "--no-pipeline": pipeline = false
            case "--cache": cache = try value(flag)
            case "--self-check": selfCheck = true
            case "--read-threads": readThreads = try integer(flag)
            case "--read-only": readOnly = true
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default: throw BenchError(description: "unknown argument \(flag)\n\(Self.usage)")
            }
        }
        guard !items.isEmpty else { throw BenchError(description: "--items is required\n\(Self.usage)") }
    }
}

/// VmHWM / VmRSS of this process in bytes (Linux), or nil.
func memoryStatus(_ key: String) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix(key + ":") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
    }
    return nil
}

/// Accumulates wall-clock time of the parts of the run.
struct Stopwatch {
    private let clock = ContinuousClock()
    private(set) var seconds = 0.0

    init(seconds: Double = 0) { self.seconds = seconds }

    mutating func time<T>(_ body: () throws -> T) rethrows -> T {
        let start = clock.now
        defer {
            let elapsed = (clock.now - start).components
            seconds += Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        }
        return try body()
    }
}

/// A .npy file written row block by row block: a fixed 128-byte header slot, filled in last.
final class StreamingNPYWriter {
    static let headerSlot = 128
    private let handle: FileHandle
    private let lfCount: Int
    private(set) var rows = 0

    init(path: String, lfCount: Int) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError(description: "cannot write \(path)") }
        self.handle = handle
        self.lfCount = lfCount
        try handle.write(contentsOf: Data(count: Self.headerSlot))
    }

    /// Appends the rows of `votes` (int8, -1 = abstain), encoded by VoteMatrix.npyData.
    func append(_ votes: VoteMatrix) throws {
        guard votes.rowCount > 0 else { return }
        let data = try votes.npyData(dtype: .int8)
        let body = votes.rowCount * lfCount
        try handle.write(contentsOf: data.suffix(body))
        rows += votes.rowCount
    }

    func finish() throws {
        var header = Array("{'descr': '|i1', 'fortran_order': False, 'shape': (\(rows), \(lfCount)), }".utf8)
        let unpadded = 10 + header.count + 1
        guard unpadded <= Self.headerSlot else { throw BenchError(description: "npy header too long") }
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: Self.headerSlot - unpadded))
        header.append(UInt8(ascii: "\n"))
        let length = header.count
        let prefix: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(length & 0xFF), UInt8(length >> 8)]
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: Data(prefix + header))
        try handle.close()
    }
}

/// A bounded hand-off of batches from the reading thread to the applying one.
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var finished = false
    private var failure: (any Error)?
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func put(_ batch: [Item]) {
        condition.lock()
        while batches.count >= capacity { condition.wait() }
        batches.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil after the last; rethrows the reader's error.
    func take() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }
}

/// Reads the next batch of at most `batchSize` items, `remaining` counting down the items still
/// wanted; the time goes to `watch`.
func read(_ reader: ItemReader, batchSize: Int, _ remaining: inout Int, _ watch: inout Stopwatch) throws -> [Item]? {
    guard remaining > 0 else { return nil }
    let batch = try watch.time { try reader.nextBatch(maxCount: min(batchSize, remaining)) }
    remaining -= batch?.count ?? 0
    return batch
}

/// Hands a non-Sendable value to one other thread, which alone uses it from then on.
final class Handoff<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Checks the fast paths of ItemView, KeywordLF and RegexLF against their reference
/// definitions: `lowercased()`, `split` on Character properties, Foundation / ICU.
func selfCheck(_ texts: [String]) throws -> Int {
    let keywordSets = [["my"], ["subscribe"], ["http"], ["please", "plz"], ["song"], ["ss"], ["k"], ["i"], ["st"]]
    let patterns = ["check.*out", "check", "checks?", "ss", "k.*o", "i", "st", "song|my", "^check", "check\\s+out"]
    let regexes = try patterns.flatMap { pattern in
        try [false, true].map { caseSensitive in
            (try RegexLF("r", pattern: pattern, label: "SPAM", caseSensitive: caseSensitive),
             try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive]))
        }
    }
    var mismatches = 0
    func fail(_ what: String, _ text: String) {
        mismatches += 1
        if mismatches <= 20 { FileHandle.standardError.write(Data("MISMATCH \(what): \(text.debugDescription)\n".utf8)) }
    }
    for text in texts {
        let view = ItemView(Item(id: "x", text: text))
        let lowered = text.lowercased()
        if view.lowercasedText != lowered || !view.lowercasedText.utf8.elementsEqual(lowered.utf8) { fail("lowercasedText", text) }
        let tokens = lowered.split { !($0.isLetter || $0.isNumber) }
        if view.tokens.count != tokens.count || !zip(view.tokens, tokens).allSatisfy({ $0.utf8.elementsEqual($1.utf8) }) { fail("tokens", text) }
        if view.wordCount != text.split(whereSeparator: \.isWhitespace).count { fail("wordCount", text) }
        for keywords in keywordSets {
            let lf = KeywordLF("k", keywords: keywords, label: "SPAM")
            // Reference: Python's `keyword in text.lower()`, a code-point substring test.
            let expected = keywords.contains { keyword in
                let haystack = Array(lowered.unicodeScalars), needle = Array(keyword.unicodeScalars)
                return haystack.count >= needle.count && (0...(haystack.count - needle.count)).contains {
                    Array(haystack[$0..<$0 + needle.count]) == needle
                }
            }
            if (try lf.vote(on: view) != nil) != expected { fail("keyword \(keywords)", text) }
            // Foundation's search (the path before the byte search) differs only inside clusters.
            let foundation = keywords.contains { (lowered as NSString).range(of: $0).location != NSNotFound }
            if foundation != expected {
                FileHandle.standardError.write(Data("note: Foundation and code-point search differ for \(keywords) in \(text.debugDescription) (Foundation \(foundation))\n".utf8))
            }
        }
        for (lf, expression) in regexes {
            let expected = expression.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
            if (try lf.vote(on: view) != nil) != expected { fail("regex \(lf.pattern) caseSensitive=\(lf.caseSensitive)", text) }
        }
    }
    return mismatches
}

let trickyTexts: [String] = [
    "", " ", "Check out MY channel!", "check\r\nout", "check\nout", "CHECK\u{2028}out", "my\u{301} song",
    "m\u{79}\u{308}", " \u{301}word", "\t\u{301}x", "a\u{FEFF}b \u{FEFF}", "İstanbul check out", "\u{212A}", "chec\u{212A} out",
    "stra\u{DF}e", "\u{FB06}ore", "\u{17F}ong", "👍🏽 check it out 👨‍👩‍👧", "🇩🇪🇫🇷 my", "x\u{200D}y", "Σ ΟΔΟΣ", "ＣＨＥＣＫ out",
    "\u{A0}a\u{A0}b\u{85}c\u{2003}d", "\u{1C}a\u{1F}b", "e\u{301}\u{301}", "\u{0600}\u{0661} x", "한국어 check-out", "CHECK-OUT",
    "plz\u{FE0F} subscribe", "SONG\u{301}", "h\u{0308}ttp", "\r\n\r\n", "1\u{2153} ½ ²",
]

func run() throws {
    let arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
    if arguments.selfCheck {
        var texts = trickyTexts
        let reader = try ItemReader(url: URL(fileURLWithPath: arguments.items), source: ItemSource(format: .jsonl))
        var seen = Set<String>()
        while let batch = try reader.nextBatch(maxCount: 4096), seen.count < (arguments.limit ?? 10_000) {
            for item in batch where seen.insert(item.text).inserted { texts.append(item.text) }
            if batch.count < 4096 { break }
        }
        let mismatches = try selfCheck(texts)
        print("{\"self_check_texts\": \(texts.count), \"mismatches\": \(mismatches)}")
        if mismatches > 0 { exit(1) }
        return
    }
    let catalog = try LFCatalog(YouTubeSpamLFs.tutorial)
    let cache = try arguments.cache.map { try VoteCache(path: $0) }
    var applier = try LFApplier(catalog: catalog, labels: [YouTubeSpamLFs.ham, YouTubeSpamLFs.spam], cache: cache)
    applier.threads = arguments.threads
    applier.batchSize = arguments.batchSize
    let lfCount = catalog.functions.count
    let source = ItemSource(format: .jsonl, idField: arguments.idField, textField: "text")
    let reader = try ItemReader(url: URL(fileURLWithPath: arguments.items), source: source,
                                threads: arguments.readThreads ?? arguments.threads)
    if arguments.readOnly {
        var watch = Stopwatch(), remaining = arguments.limit ?? Int.max, count = 0
        while let batch = try read(reader, batchSize: arguments.batchSize, &remaining, &watch) { count += batch.count }
        print("{\"items\": \(count), \"read_threads\": \(arguments.readThreads ?? arguments.threads), \"read_seconds\": \(watch.seconds), "
              + "\"items_per_second\": \(Double(count) / watch.seconds), \"peak_rss_bytes\": \(memoryStatus("VmHWM") ?? 0)}")
        return
    }
    let rssBefore = memoryStatus("VmRSS")

    var reading = Stopwatch(), applying = Stopwatch(), total = Stopwatch(), writing = Stopwatch()
    var itemCount = 0
    var votesPerLF = [Int](repeating: 0, count: lfCount)
    var failures = 0, cacheHits = 0
    let limit = arguments.limit ?? Int.max, batchSize = arguments.batchSize

    // Pipelined: one thread reads and parses batch k+1 while the applier works on batch k
    // (at most 2 batches wait), so reading overlaps applying. Otherwise they alternate.
    let queue = BatchQueue(capacity: 2)
    let readSeconds = Handoff(0.0)
    let producerReader = Handoff(reader)
    var sequentialRemaining = limit
    let nextBatch: () throws -> [Item]?
    if arguments.pipeline {
        nextBatch = { try queue.take() }
    } else {
        nextBatch = { try read(reader, batchSize: batchSize, &sequentialRemaining, &reading) }
    }
    func startReading() {
        guard arguments.pipeline else { return }
        let thread = Thread {
            var watch = Stopwatch()
            var remaining = limit
            do {
                while let batch = try read(producerReader.value, batchSize: batchSize, &remaining, &watch) { queue.put(batch) }
                readSeconds.value = watch.seconds
                queue.finish(nil)
            } catch {
                queue.finish(error)
            }
        }
        thread.start()
    }

    switch arguments.mode {
    case "fused":
        let writer = try arguments.output.map { try StreamingNPYWriter(path: $0, lfCount: lfCount) }
        try total.time {
            try applier.apply(reader) { result in
                itemCount += result.votes.rowCount
                for (lf, statistics) in result.report.lfs.enumerated() { votesPerLF[lf] += statistics.votes }
                failures += result.report.failures
                if let writer { try writing.time { try writer.append(result.votes) } }
            }
        }
        if let writer { try writer.finish() }
        // Applying is not apart from reading here.
        applying = Stopwatch(seconds: total.seconds - writing.seconds)
    case "stream":
        let writer = try arguments.output.map { try StreamingNPYWriter(path: $0, lfCount: lfCount) }
        try total.time {
            startReading()
            while let batch = try nextBatch() {
                let result = try applying.time { try applier.apply(batch: batch) }
                itemCount += batch.count
                for (lf, statistics) in result.report.lfs.enumerated() { votesPerLF[lf] += statistics.votes }
                failures += result.report.failures
                cacheHits += result.report.cacheHits
                if let writer { try writing.time { try writer.append(result.votes) } }
                if itemCount % (256 * batchSize) < batch.count {
                    FileHandle.standardError.write(Data("  \(itemCount) items\n".utf8))
                }
            }
        }
        if let writer { try writer.finish() }
    default:
        var result: AppliedVotes?
        try total.time {
            startReading()
            result = try applier.apply(expectedCount: arguments.limit) { try nextBatch() }
        }
        guard let result else { return }
        itemCount = result.votes.rowCount
        votesPerLF = result.report.lfs.map(\.votes)
        failures = result.report.failures
        cacheHits = result.report.cacheHits
        if let output = arguments.output {
            try writing.time { try result.votes.writeNPY(to: URL(fileURLWithPath: output), dtype: .int8) }
        }
        // The applier's own per-batch clock: LF evaluation plus building the rows.
        applying = Stopwatch(seconds: result.report.seconds)
    }
    if arguments.pipeline { reading = Stopwatch(seconds: readSeconds.value) }

    let evaluations = itemCount * lfCount
    let applySeconds = applying.seconds
    var object: [String: Any] = [
        "tool": "wslabel LFApplier",
        "mode": arguments.mode,
        "items": itemCount,
        "lfs": catalog.names,
        "evaluations": evaluations,
        "threads": arguments.threads,
        "batch_size": arguments.batchSize,
        "id_field": arguments.idField ?? NSNull(),
        "pipelined_reading": arguments.pipeline,
        "read_and_apply_seconds": total.seconds,
        // Stream mode writes each batch's votes inside the timed loop: read + apply + write.
        "end_to_end_seconds": total.seconds + (arguments.mode == "stream" ? 0 : writing.seconds),
        "items_per_second": Double(itemCount) / (total.seconds + (arguments.mode == "stream" ? 0 : writing.seconds)),
        "read_threads": arguments.readThreads ?? arguments.threads,
        "read_seconds": reading.seconds,
        "apply_seconds": applySeconds,
        "write_npy_seconds": writing.seconds,
        "evaluations_per_second": Double(evaluations) / total.seconds,
        "evaluations_per_second_apply_only": Double(evaluations) / applySeconds,
        "votes_per_lf": votesPerLF,
        "failures": failures,
        "peak_rss_bytes": memoryStatus("VmHWM") ?? NSNull(),
        "rss_before_bytes": rssBefore ?? NSNull(),
        "active_processors": ProcessInfo.processInfo.activeProcessorCount,
    ]
    if arguments.mode == "collect" { object["apply_seconds_note"] = "LFApplier's report.seconds (per-batch clock)" }
    if let cache, let path = arguments.cache {
        let bytes = ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }
        object["cache"] = ["hits": cacheHits, "outcomes": try cache.entryCount(), "file_bytes": bytes.reduce(0, +)]
    }
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    if let json = arguments.json { try data.write(to: URL(fileURLWithPath: json)) }
    print(String(decoding: data, as: UTF8.self))
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("wslabel-apply-bench: \(error)\n".utf8))
    exit(1)
}
