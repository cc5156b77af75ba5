import WSLabelCore

/// The flags, each with its LF and the numbers behind it, and what each kind of flag means.
enum HTMLFlagsSection {
    static func render(_ report: LFReport) -> String {
        // One entry per flagged LF, its flags under its name, in LF order.
        var items: [String] = []
        for lf in report.lfNames.indices {
            let flags = report.flags.filter { $0.lf == lf }
            guard !flags.isEmpty else { continue }
            let lines = flags.map { "<div>\(badge($0.kind)) <span class=\"reason\">\(HTMLEscaping.text($0.reason))</span></div>" }
            items.append("<li><a class=\"lf\" href=\"#lf-\(lf)\">\(HTMLEscaping.text(report.lfNames[lf]))</a>\(lines.joined())</li>")
        }
        let counts = LFFlag.Kind.allCases.compactMap { kind -> String? in
            let count = report.flags.filter { $0.kind == kind }.count
            return count > 0 ? "\(badge(kind)) × \(count)" : nil
        }
        let list = items.isEmpty
            ? "<p class=\"all-clear\">No LF is flagged: every LF votes, none is below chance, none duplicates another and none is overruled by the others.</p>"
            : "<p class=\"flag-counts\">\(HTMLNumbers.count(items.count)) of \(HTMLNumbers.count(report.lfNames.count)) LFs flagged: "
                + counts.joined(separator: " ") + "</p>\n"
                // A long list scrolls in its box, so the table and plots stay within reach.
                + "<ul class=\"flags\(items.count > 12 ? " long" : "")\">\n" + items.joined(separator: "\n") + "\n</ul>"
        let thresholds = LFFlag.Thresholds.self
        let meanings = [
            (LFFlag.Kind.neverVotes, "votes on no row of \(HTMLEscaping.text(report.summary.analysedSplit)): fix its rule or remove it."),
            (.belowChance, "right less often than a uniform guess (\(HTMLNumbers.percent(1 / Double(report.labelNames.count)))); judged on gold when it has at least \(thresholds.minimumGoldVotes) gold votes, else on its learned accuracy."),
            (.nearDuplicate, "votes the same class as another LF on at least \(HTMLNumbers.percent(thresholds.nearDuplicateShare)) of the rows either votes on: it counts the same evidence twice."),
            (.conflictsWithMost, "on the rows it votes on, most of the other LFs' votes are for another class (judged once there are at least \(thresholds.minimumOtherVotes) such votes): the other LFs overrule it."),
        ].map { "<div>\(badge($0.0))<span>\($0.1)</span></div>" }.joined(separator: "\n")
        return """
        <section id="flags">
        <h2>Flags</h2>
        \(list)
        <details class="legend">
        <summary>What the flags mean</summary>
        <div class="flag-meanings">
        \(meanings)
        </div>
        </details>
        </section>
        """
    }

    /// A flag kind as a coloured pill; the text, not only the colour, says which.
    static func badge(_ kind: LFFlag.Kind) -> String {
        "<span class=\"badge \(kind.rawValue)\">\(String(kind.rawValue.map { $0 == "-" ? " " : $0 }))</span>"
    }
}
