import WSLabelCore

extension Inspection {
    /// The inspection for a person: a heading with how many items match, the named LFs' record
    /// on the split, then one block per item: its id, gold label, the label model's label and
    /// confidence, majority vote's label, the text (on one line, cut to three lines of `width`
    /// unless `fullText`), and the votes by LF name and label name, the named LFs first.
    public func text(width: Int? = nil, fullText: Bool = false) -> String {
        let width = max(40, width ?? 100)
        var lines = ["\(description): \(ReportNumbers.count(matched)) of \(ReportNumbers.count(splitItems)) items match\(matched == 1 ? "es" : "")"
            + (matched == 0 ? "" : items.count < matched ? ", showing \(items.count) \(order)" : " (\(order))")]
        for context in lfContexts {
            var line = "\(context.name) on \(split): votes on \(ReportNumbers.count(context.votes)) item\(context.votes == 1 ? "" : "s")"
            let scored = context.correct + context.incorrect
            if scored > 0 {
                line += "; on \(ReportNumbers.count(scored)) with gold labels \(ReportNumbers.count(context.correct)) right, "
                    + "\(ReportNumbers.count(context.incorrect)) wrong (\(ReportNumbers.percent(Double(context.correct) / Double(scored))) accurate)"
            }
            lines.append(line)
        }
        let numberWidth = String(items.count).count
        for (index, item) in items.enumerated() {
            let number = String(repeating: " ", count: numberWidth - String(index + 1).count) + "\(index + 1). "
            let indent = String(repeating: " ", count: number.count)
            var header = number + item.id
            if item.gold != nil { header += "  gold \(name(ofClass: item.gold))" }
            header += "  label model \(name(ofClass: item.prediction)) \(ReportNumbers.percent(item.confidence, digits: 0))"
            header += "  majority vote \(name(ofClass: item.majorityVote))"
            lines.append("")
            lines.append(header)
            if let text = item.text {
                lines += Self.wrap(Self.oneLine(text), width: width - indent.count, maxLines: fullText ? nil : 3).map { indent + $0 }
            }
            lines += Self.wrap("votes: " + voteList(item), width: width - indent.count, maxLines: nil).map { indent + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "keyword_free SPAM, regex_check SPAM", the query's LFs first, or "none".
    func voteList(_ item: Item) -> String {
        let named = query.lfs
        let ordered = item.votes.filter { named.contains($0.lf) }.sorted { named.firstIndex(of: $0.lf)! < named.firstIndex(of: $1.lf)! }
            + item.votes.filter { !named.contains($0.lf) }
        return ordered.isEmpty ? "none" : ordered.map { "\(lfNames[$0.lf]) \(labelNames[$0.vote])" }.joined(separator: ", ")
    }

    /// The text with its runs of whitespace (newlines included) made single spaces.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word is cut),
    /// the last of `maxLines` ending in "…" when text is left over.
    static func wrap(_ text: String, width: Int, maxLines: Int?) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard let maxLines, lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = String(kept[maxLines - 1].prefix(width - 1)) + "…"
        return kept
    }
}
