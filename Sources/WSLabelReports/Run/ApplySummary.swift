import Foundation
import WSLabeling

/// The compact account of an LF application that every command applying a task's LFs logs:
/// counts, time, cache reuse, failures, which LFs ran and why, and a line per LF that failed.
public enum ApplySummary {
    /// LFs named in the "ran" line at most; the rest are counted by reason, so the line stays
    /// readable for a catalog of hundreds.
    public static let namedLFLimit = 8

    /// The account: the counts, the LFs that ran and why, Swift LFs whose fingerprints cannot
    /// follow their code (their target lacks the `LFSourceFingerprints` plugin), then one line
    /// per failing LF.
    ///
    /// ```
    /// applied 20 LFs to 440 items in 0.05 s: 880 evaluations, 7920 cached votes reused, 0 failures
    ///   ran keyword_refund (edited), regex_invoice (new); 18 LFs from cache
    /// ```
    public static func text(_ report: ApplyReport) -> String {
        var lines = [String(format: "applied %d LFs to %d items in %.2f s: %d evaluations, %d cached votes reused, %d failures",
                            report.lfs.count, report.itemCount, report.seconds, report.evaluations, report.cacheHits, report.failures)]
        if let ran = ranLine(report) { lines.append("  " + ran) }
        let unfollowed = report.lfs.filter(\.lacksSourceFingerprint).map(\.name)
        if !unfollowed.isEmpty {
            let names = unfollowed.prefix(namedLFLimit).joined(separator: ", ") + (unfollowed.count > namedLFLimit ? " +\(unfollowed.count - namedLFLimit) more" : "")
            lines.append("""
                  \(lfCount(unfollowed.count)) in Swift without a source fingerprint (\(names)): edits reuse old votes until \
                the version changes; apply the LFSourceFingerprints plugin to their target (README)
                """)
        }
        for lf in report.lfs where lf.failures > 0 || lf.unknownLabels > 0 {
            lines.append("  LF \(lf.name): \(lf.failures) failures (counted as abstain)\(lf.unknownLabels > 0 ? ", \(lf.unknownLabels) unknown labels" : "")\(lf.firstFailure.map { "; first: \($0)" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    /// Which LFs were evaluated and why: every LF with one reason says so once ("ran all 20
    /// LFs (no cache)"); otherwise the first ``namedLFLimit`` are named with their reasons, the
    /// rest counted by reason, and the LFs whose votes all came from the cache counted. `nil`
    /// for an apply of no items.
    static func ranLine(_ report: ApplyReport) -> String? {
        guard report.itemCount > 0, !report.lfs.isEmpty else { return nil }
        let ran = report.evaluatedLFs
        let fromCache = report.lfs.count - ran.count
        guard !ran.isEmpty else { return "all \(lfCount(fromCache)) from cache" }
        let reasons = ran.map { describe($0.reason) }
        if fromCache == 0, Set(reasons).count == 1 {
            return "ran all \(lfCount(ran.count)) (\(reasons[0]))"
        }
        var named = zip(ran.prefix(namedLFLimit), reasons).map { "\($0.name) (\($1))" }.joined(separator: ", ")
        if ran.count > namedLFLimit {
            // The unnamed ones by reason kind, item counts left out: "+92 more (90 new, 2 edited)".
            var counts: [String: Int] = [:]
            var order: [String] = []
            for lf in ran.dropFirst(namedLFLimit) {
                let kind = kind(of: lf.reason)
                if counts[kind] == nil { order.append(kind) }
                counts[kind, default: 0] += 1
            }
            named += " +\(ran.count - namedLFLimit) more (\(order.map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")))"
        }
        return fromCache > 0 ? "ran \(named); \(lfCount(fromCache)) from cache" : "ran \(named)"
    }

    /// How a reason reads after an LF's name.
    static func describe(_ reason: ApplyReport.EvaluationReason) -> String {
        switch reason {
        case .new: "new"
        case .edited: "edited"
        case .noCache: "no cache"
        case let .newItems(count): count == 1 ? "1 new item" : "\(count) new items"
        }
    }

    /// A reason without its item count, to count LFs by.
    private static func kind(of reason: ApplyReport.EvaluationReason) -> String {
        if case .newItems = reason { return "with new items" }
        return describe(reason)
    }

    private static func lfCount(_ count: Int) -> String { count == 1 ? "1 LF" : "\(count) LFs" }
}
