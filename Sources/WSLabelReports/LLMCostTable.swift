import Foundation
import WSLabelCore
import WSLabelData
import WSLabeling

/// A run's LLM calls as a table: one row per LLM-prompt LF, shared by the text, Markdown and
/// HTML reports, plus the one-line account `fit` and `apply` log.
public enum LLMCostTable {
    /// The column headings.
    static let header = ["LLM LF", "model", "asked", "cached", "called", "failed", "budget-skipped", "no label",
                         "prompt tok", "output tok", "tok/answer", "s/call", "cost", "saved by cache"]

    /// One row per LF of `costs`.
    static func rows(_ costs: LLMRunCosts) -> [[String]] {
        costs.usage.map { line in
            [line.lf, "\(line.model) (\(line.endpoint))", count(line.requests), count(line.cached), count(line.answered),
             count(line.failed), count(line.skippedForBudget), count(line.unmatchedAnswers), count(line.promptTokens),
             count(line.completionTokens), line.promptTokensPerAnswer.map { ReportNumbers.fixed($0, digits: 0) } ?? "–",
             line.secondsPerCall.map { ReportNumbers.fixed($0, digits: 2) } ?? "–",
             line.priced ? dollars(line.cost) : "unpriced", line.priced ? dollars(line.costSavedByCache) : "–"]
        }
    }

    /// The sentences under the table: the budget, failures by kind, unpriced models.
    static func notes(_ costs: LLMRunCosts) -> [String] {
        var notes: [String] = []
        if let budget = costs.budget {
            let skipped = costs.usage.reduce(0) { $0 + $1.skippedForBudget }
            notes.append("Budget \(dollars(budget)): \(dollars(costs.spent ?? costs.cost)) spent"
                         + (skipped > 0 ? "; it ran out, and \(count(skipped)) requests were not sent (those items are unlabeled by their LF)." : "."))
        }
        for line in costs.usage where line.failed > 0 {
            let kinds = line.failuresByKind.filter { $0.key != "budget" }.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            notes.append("\(line.lf): \(count(line.failed)) calls failed after retries (\(kinds.joined(separator: ", "))); first: \(line.firstFailure ?? "?"). They abstain, and the next run asks again.")
        }
        for line in costs.usage where line.callsWithoutUsage > 0 {
            notes.append("\(line.lf): \(count(line.callsWithoutUsage)) responses had no usage; their tokens count as 0.")
        }
        for line in costs.usage where !line.priced {
            notes.append("\(line.lf): no price for model \(line.model) in llm.prices; its calls are counted, not priced.")
        }
        notes.append("Timings and cache hits are this run's: a re-run answered from the cache shows zero calls and zero cost.")
        return notes
    }

    /// What `fit` and `apply` log after applying: one line per LLM LF, then the budget.
    public static func logLines(_ costs: LLMRunCosts) -> [String] {
        var lines = costs.usage.map { line in
            var text = "LLM LF \(line.lf) (\(line.model) at \(line.endpoint)): \(count(line.requests)) asked, \(count(line.cached)) from the LLM cache, "
                + "\(count(line.answered)) answered by \(count(line.attempts)) calls"
            if line.failed > 0 { text += ", \(count(line.failed)) failed" }
            if line.skippedForBudget > 0 { text += ", \(count(line.skippedForBudget)) not sent (budget)" }
            if line.repeatedPrompts > 0 { text += ", \(count(line.repeatedPrompts)) repeated a prompt of the same batch" }
            if line.unmatchedAnswers > 0 { text += ", \(count(line.unmatchedAnswers)) meant no label" }
            text += "; \(count(line.promptTokens)) prompt + \(count(line.completionTokens)) output tokens"
            text += ", \(ReportNumbers.fixed(line.seconds, digits: 1)) s of calls"
            text += line.priced ? ", \(dollars(line.cost))" + (line.costSavedByCache > 0 ? " (\(dollars(line.costSavedByCache)) saved by the cache)" : "") : ", unpriced"
            return text
        }
        if let budget = costs.budget { lines.append("LLM budget \(dollars(budget)): \(dollars(costs.spent ?? costs.cost)) spent") }
        return lines
    }

    static func count(_ value: Int) -> String { ReportNumbers.count(value) }

    /// Dollars with four decimals (LLM calls cost fractions of a cent): `$0.0123`.
    static func dollars(_ value: Double) -> String { "$" + ReportNumbers.fixed(value, digits: 4) }
}
