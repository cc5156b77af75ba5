import Foundation
import WSLabelCore
import WSLabelData
import WSLabelReports
import WSLabeling

/// The items behind a number, in one call: run the labeling job (read, apply, fit), then select
/// the items of one split that match a request (an LF, a pair of LFs, a bucket such as "LF wrong
/// on dev", a cell of the confusion matrix) and return them with their texts, votes, the label
/// model's probabilities, majority vote and gold. `wslabel inspect` is this call.
///
/// ```swift
/// var job = InspectionJob(labeling: LabelingJob(input: .task(URL(fileURLWithPath: "wslabel.yaml")), labelsOutput: .none))
/// job.request = .init(lfs: ["keyword_refund"], bucket: .wrong)   // on the dev split
/// print(try job.run().text())
/// ```
public struct InspectionJob: Sendable {
    /// What to look at, by name: resolved against the run's LFs and labels.
    public struct Request: Sendable, Equatable {
        /// LF names that must all vote (at most two).
        public var lfs: [String]
        public var bucket: LabelBuckets.Bucket?
        /// A label the (first) named LF votes for.
        public var lfVote: String?
        /// A gold label, and a label the label model gives: a cell of the confusion matrix.
        public var gold: String?
        public var predicted: String?
        /// The split; `nil` takes the dev split when the request reads gold labels, else `train`.
        public var split: String?
        /// At most this many items are returned (`nil`: all that match).
        public var limit: Int?
        /// Which matching items come first.
        public var order: Order

        public init(lfs: [String] = [], bucket: LabelBuckets.Bucket? = nil, lfVote: String? = nil, gold: String? = nil,
                    predicted: String? = nil, split: String? = nil, limit: Int? = 20, order: Order = .file) {
            self.lfs = lfs
            self.bucket = bucket
            self.lfVote = lfVote
            self.gold = gold
            self.predicted = predicted
            self.split = split
            self.limit = limit
            self.order = order
        }
    }

    /// The order of the matching items (``LabelBuckets/Bucket/lowConfidence`` always puts the
    /// least confident first).
    public enum Order: Sendable, Equatable {
        /// As in the split's files.
        case file
        /// A random sample, the same for the same seed: the first items of a file are often
        /// not typical of it.
        case random(seed: UInt64)
    }

    /// The labeling job (its labels output is not written unless set).
    public var labeling: LabelingJob
    public var request: Request

    public init(labeling: LabelingJob, request: Request = Request()) {
        self.labeling = labeling
        self.request = request
    }

    /// Runs the job.
    /// - Parameter events: the labeling job's events, then ``LabelingJob/Event/readingTexts``.
    /// - Throws: the labeling job's errors; ``WSLabelError/invalidArgument(_:)`` naming an
    ///   unknown LF, label or split (with the known ones), or a split without the gold labels
    ///   the request reads.
    public func run(events: @escaping (LabelingJob.Event) -> Void = { _ in }) throws -> Inspection {
        let result = try labeling.run(events: events)
        let majority = try result.majorityVoteRun()
        let split = try Self.splitName(for: request, run: result.run, splits: result.loaded.splits, hidden: result.hiddenSplits)
        let query = try Self.query(for: request, lfNames: result.loaded.lfNames, labelNames: result.run.labelNames)
        var inspection = Self.inspect(split: split, query: query, order: request.order, limit: request.limit,
                                      loaded: result.loaded, run: result.run, majority: majority)
        if !inspection.items.isEmpty {
            events(.readingTexts)
            inspection.addTexts(try result.loaded.itemTexts(rows: [split: inspection.items.map(\.row)], input: labeling.input))
        }
        return inspection
    }

    /// The matching items of one split of a finished run, without texts (``run(events:)`` adds them).
    /// - Parameters:
    ///   - majority: majority vote's run on the same splits (``LabelingJob/Result/majorityVoteRun()``).
    ///   - limit: at most this many items (`nil`: all).
    public static func inspect(split name: String, query: LabelBuckets.Query, order: Order, limit: Int?,
                               loaded: LabelingInput.Loaded, run: LabelingRun, majority: LabelingRun) -> Inspection {
        inspect(SplitView(split: name, loaded: loaded, run: run, majority: majority), query: query, order: order, limit: limit,
                lfNames: loaded.lfNames, labelNames: run.labelNames)
    }

    /// One split as inspections read it, computed once however many queries ask: the report's
    /// samples ask two per LF.
    private struct SplitView {
        let split: LabeledSplit
        let result: LabelingRun.SplitResult
        let buckets: LabelBuckets.Split
        /// Per LF: items it votes on, and its votes against gold.
        let lfVoteCounts: [Int]
        let goldCounts: [LFAnalysis.GoldCounts]

        init(split name: String, loaded: LabelingInput.Loaded, run: LabelingRun, majority: LabelingRun) {
            split = loaded.splits.first { $0.name == name }!
            result = run.results.first { $0.name == name }!
            buckets = LabelBuckets.Split(votes: split.votes, gold: split.gold, predictions: result.predictions,
                                         confidences: result.probabilities.confidences,
                                         majorityVote: majority.results.first { $0.name == name }!.predictions)
            lfVoteCounts = LFAnalysis(split.votes).lfVoteCounts
            goldCounts = LFAnalysis.goldCounts(split.votes, gold: split.gold)
        }
    }

    private static func inspect(_ view: SplitView, query: LabelBuckets.Query, order: Order, limit: Int?,
                                lfNames: [String], labelNames: [String]) -> Inspection {
        let split = view.split, buckets = view.buckets
        var rows = LabelBuckets.rows(of: buckets, matching: query)
        let matched = rows.count
        var orderName = query.bucket == .lowConfidence ? "least confident first" : "in file order"
        if case let .random(seed) = order, query.bucket != .lowConfidence {
            var generator = SplitMix64(seed: seed)
            rows.shuffle(using: &generator)
            orderName = "drawn at random with seed \(seed)"
        }
        if let limit { rows = Array(rows.prefix(limit)) }
        let items = rows.map { row in
            Inspection.Item(row: row, id: split.ids[row], text: nil, gold: split.gold[row], prediction: buckets.predictions[row],
                            probabilities: Array(view.result.probabilities[row]), majorityVote: buckets.majorityVote[row],
                            votes: split.votes.votes(inRow: row))
        }
        let contexts = query.lfs.map { lf in
            Inspection.LFContext(name: lfNames[lf], votes: view.lfVoteCounts[lf],
                                 correct: view.goldCounts[lf].correct, incorrect: view.goldCounts[lf].incorrect)
        }
        return Inspection(split: split.name, splitItems: split.ids.count, lfNames: lfNames, labelNames: labelNames, query: query,
                          lfContexts: contexts, matched: matched, items: items, order: orderName)
    }

    /// A few items per LF for the HTML report (``LFSamples``): where it is wrong on the dev
    /// split, when that has gold labels, and a random sample (drawn with `seed`) of where it votes
    /// on train; with their texts, read in one pass (a WRENCH folder's items without texts are
    /// shown without, ``LFSamples/textsMissing`` saying why).
    /// - Throws: the item readers' errors.
    public static func lfSamples(of result: LabelingJob.Result, input: LabelingInput, sampleSize: Int = 3, seed: UInt64 = 0) throws -> LFSamples {
        let majority = try result.majorityVoteRun()
        let splits = result.loaded.splits
        let dev = result.run.configuration.devSplitName
        let devHasGold = splits.contains { $0.name == dev && $0.goldCount > 0 }
        let train = splits.contains { $0.name == "train" } ? "train" : splits[0].name
        let devView = devHasGold ? SplitView(split: dev, loaded: result.loaded, run: result.run, majority: majority) : nil
        let trainView = SplitView(split: train, loaded: result.loaded, run: result.run, majority: majority)
        let names = (lfs: result.loaded.lfNames, labels: result.run.labelNames)
        var entries = (0..<names.lfs.count).map { lf in
            var inspections: [Inspection] = []
            if let devView {
                inspections.append(inspect(devView, query: .init(lfs: [lf], bucket: .wrong), order: .random(seed: seed), limit: sampleSize,
                                           lfNames: names.lfs, labelNames: names.labels))
            }
            inspections.append(inspect(trainView, query: .init(lfs: [lf]), order: .random(seed: seed), limit: sampleSize,
                                       lfNames: names.lfs, labelNames: names.labels))
            return LFSamples.Entry(lf: lf, inspections: inspections)
        }
        var rows: [String: Set<Int>] = [:]
        for entry in entries { for inspection in entry.inspections { rows[inspection.split, default: []].formUnion(inspection.items.map(\.row)) } }
        // The samples add to a report: a WRENCH folder without `data.text` (imdb's and yelp's
        // train splits) shows them without texts, and says why, rather than failing the page.
        var textsMissing: String?
        do {
            let texts = try result.loaded.itemTexts(rows: rows.mapValues { $0.sorted() }, input: input)
            for entry in entries.indices {
                for inspection in entries[entry].inspections.indices { entries[entry].inspections[inspection].addTexts(texts) }
            }
        } catch let error as WSLabelError {
            guard case .wrench = input else { throw error }
            textsMissing = error.localizedDescription
        }
        var samples = LFSamples(entries: entries, sampleSize: sampleSize)
        samples.textsMissing = textsMissing
        return samples
    }

    /// The split a request looks at: the one named, else the dev split when it reads gold
    /// labels (never test: looking at test items while writing LFs tunes them to test), else train.
    /// A split whose scores are hidden (``TestSplitChoices``) has no gold labels to read here.
    static func splitName(for request: Request, run: LabelingRun, splits: [LabeledSplit], hidden: [String] = []) throws -> String {
        let names = splits.map(\.name)
        let needsGold = request.bucket?.needsGold == true || request.gold != nil
        let dev = run.configuration.devSplitName
        let name = request.split ?? (needsGold ? dev : names.contains("train") ? "train" : names[0])
        guard let split = splits.first(where: { $0.name == name }) else {
            if request.split == nil {
                throw WSLabelError.invalidArgument("this needs gold labels and there is no \(dev) split: name one with --split (the splits: \(names.joined(separator: ", ")))")
            }
            throw WSLabelError.invalidArgument("no split \(name) (the splits: \(names.joined(separator: ", ")))")
        }
        if needsGold && hidden.contains(name) {
            throw WSLabelError.invalidArgument("the \(name) split's gold labels are hidden while you write LFs (evaluation.hide_test or --hide-test): "
                + "look at the dev split, or give --show-test (wslabel evaluate scores \(name) at the end)")
        }
        if needsGold && split.goldCount == 0 {
            let withGold = splits.filter { $0.goldCount > 0 }.map(\.name)
            throw WSLabelError.invalidArgument("the \(name) split has no gold labels, which \(request.gold != nil ? "--gold" : "--bucket \(request.bucket!.rawValue)") reads"
                + (withGold.isEmpty ? "" : " (splits with gold labels: \(withGold.joined(separator: ", ")))"))
        }
        return name
    }

    /// The request with names resolved to LF columns and classes.
    static func query(for request: Request, lfNames: [String], labelNames: [String]) throws -> LabelBuckets.Query {
        guard request.lfs.count <= 2 else { throw WSLabelError.invalidArgument("name one LF or a pair of LFs, not \(request.lfs.count)") }
        if request.lfs.count == 2 && request.lfs[0] == request.lfs[1] {
            throw WSLabelError.invalidArgument("the pair names \(request.lfs[0]) twice: name two different LFs")
        }
        let lfs = try request.lfs.map { name in
            guard let index = lfNames.firstIndex(of: name) else {
                throw WSLabelError.invalidArgument("no LF named \(name)" + Self.suggestion(for: name, among: lfNames, noun: "LFs"))
            }
            return index
        }
        func label(_ name: String?, option: String) throws -> Int? {
            guard let name else { return nil }
            guard let index = labelNames.firstIndex(of: name) ?? labelNames.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                throw WSLabelError.invalidArgument("\(option) \(name) is not a label (the labels: \(labelNames.joined(separator: ", ")))")
            }
            return index
        }
        if request.bucket == .uncovered && !lfs.isEmpty {
            throw WSLabelError.invalidArgument("--bucket uncovered holds items no LF votes on: it cannot go with --lf")
        }
        if request.lfVote != nil && lfs.isEmpty { throw WSLabelError.invalidArgument("--lf-vote goes with --lf: the label an LF votes for") }
        return LabelBuckets.Query(lfs: lfs, bucket: request.bucket, lfVote: try label(request.lfVote, option: "--lf-vote"),
                                  gold: try label(request.gold, option: "--gold"), predicted: try label(request.predicted, option: "--predicted"))
    }

    /// ": did you mean keyword_free?" for a near miss, else the first few names.
    private static func suggestion(for name: String, among names: [String], noun: String) -> String {
        let close = names.filter { $0.lowercased().contains(name.lowercased()) || name.lowercased().contains($0.lowercased()) }
        if !close.isEmpty { return " (did you mean \(close.prefix(5).joined(separator: ", "))?)" }
        let shown = names.prefix(12).joined(separator: ", ")
        return " (the \(names.count) \(noun): \(shown)\(names.count > 12 ? ", …" : ""))"
    }
}
