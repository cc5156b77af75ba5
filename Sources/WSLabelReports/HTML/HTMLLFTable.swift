import WSLabelCore

/// The per-LF table: Snorkel's `lf_summary` columns (polarity, coverage, overlaps, conflicts, and
/// with gold correct, incorrect and empirical accuracy), the learned accuracy when the model has
/// one, and the flags. Flagged rows are tinted; accuracies below chance are marked, and those
/// resting on few gold votes are greyed.
///
/// Cells carry their exact value in `data-sort`, which the page's script sorts by when a column
/// header is clicked; rows keep LF order otherwise.
enum HTMLLFTable {
    /// - Parameter linksToSamples: link each LF's name to its samples (``HTMLSamplesSection``).
    static func render(_ report: LFReport, linksToSamples: Bool = false) -> String {
        let summary = report.summary
        let split = HTMLEscaping.text(summary.analysedSplit)
        let gold = summary.goldSplit.map(HTMLEscaping.text)
        var header = [
            headerCell("LF", text: true, title: "the labeling function"),
            headerCell("polarity", text: true, title: "the classes it voted for on \(split)"),
            headerCell("coverage", title: "share of \(split) rows it votes on"),
            headerCell("overlaps", title: "share of \(split) rows it votes on together with another LF"),
            headerCell("conflicts", title: "share of \(split) rows it votes on where the votes disagree"),
        ]
        if let gold {
            header += [headerCell("correct", title: "votes equal to the gold label on \(gold)"),
                       headerCell("incorrect", title: "votes for another class than the gold label on \(gold)"),
                       headerCell("emp. acc. (\(gold))", title: "correct / (correct + incorrect) on \(gold)")]
        }
        if report.learned != nil {
            header.append(headerCell("learned acc.", title: "the label model's accuracy for this LF, learned without gold labels; see the note below the table"))
        }
        header.append(headerCell("flags", title: "see Flags above"))

        let chance = 1 / Double(report.labelNames.count)
        let flagsByLF = (0..<report.lfNames.count).map { lf in report.flags.filter { $0.lf == lf } }
        let rows = summary.rows.enumerated().map { lf, row -> String in
            let flags = flagsByLF[lf]
            var cells = [
                "<td class=\"name\" data-sort=\"\(HTMLEscaping.attribute(row.name))\">"
                    + (linksToSamples ? "<a href=\"#\(LFSamples.anchor(lf: lf))\" title=\"sample items\"><code>\(HTMLEscaping.text(row.name))</code></a>" : "<code>\(HTMLEscaping.text(row.name))</code>")
                    + "</td>",
                "<td class=\"name\(row.polarity.count > 2 ? " wrap" : "")\" data-sort=\"\(HTMLEscaping.attribute(row.polarity.joined(separator: " ")))\">"
                    + (row.polarity.isEmpty ? "<span class=\"none\">none</span>" : row.polarity.map { "<span class=\"chip\">\(HTMLEscaping.text($0))</span>" }.joined(separator: " "))
                    + "</td>",
                "<td data-sort=\"\(row.coverage)\">\(HTMLReport.meter(row.coverage))<span class=\"num\">\(HTMLNumbers.percent(row.coverage))</span></td>",
                fractionCell(row.overlaps),
                fractionCell(row.conflicts),
            ]
            if summary.goldSplit != nil {
                let counts = row.gold ?? LFAnalysis.GoldCounts(correct: 0, incorrect: 0)
                let total = counts.correct + counts.incorrect
                cells += ["<td data-sort=\"\(counts.correct)\">\(HTMLNumbers.count(counts.correct))</td>",
                          "<td data-sort=\"\(counts.incorrect)\">\(HTMLNumbers.count(counts.incorrect))</td>"]
                if total == 0 {
                    cells.append("<td data-sort=\"\" class=\"none\" title=\"no votes on gold rows\">–</td>")
                } else {
                    cells.append(accuracyCell(counts.empiricalAccuracy, chance: chance,
                                              few: total < LFFlag.Thresholds.minimumGoldVotes ? "only \(total) gold votes" : nil))
                }
            }
            if let learned = report.learned {
                cells.append(accuracyCell(learned.accuracies[lf], chance: chance, few: nil))
            }
            let badges = flags.map { "<span title=\"\(HTMLEscaping.attribute($0.reason))\">\(HTMLFlagsSection.badge($0.kind))</span>" }
            cells.append("<td class=\"name wrap\" data-sort=\"\(flags.count)\">\(badges.joined(separator: " "))</td>")
            return "<tr id=\"lf-\(lf)\" data-order=\"\(lf)\"\(flags.isEmpty ? "" : " class=\"flagged\"")>" + cells.joined() + "</tr>"
        }
        let notes = ReportProse.notes(report).map { "<p class=\"note\">\(HTMLEscaping.text(noteText($0)))</p>" }
        return """
        <section id="lfs">
        <h2>Labeling functions</h2>
        <p class="hint">Coverage, overlaps and conflicts on <strong>\(split)</strong>\(gold.map { "; correct, incorrect and accuracy against gold labels on <strong>\($0)</strong>" } ?? ""). Click a column to sort; hover a flag for its reason.</p>
        <div class="table-wrap">
        <table id="lf-table">
        <thead><tr>\(header.joined())</tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        </div>
        \(notes.joined(separator: "\n"))
        </section>
        """
    }

    private static func headerCell(_ name: String, text: Bool = false, title: String) -> String {
        "<th scope=\"col\"\(text ? " class=\"name\" data-type=\"text\"" : "") title=\"\(title)\">\(name)</th>"
    }

    private static func fractionCell(_ value: Double) -> String {
        "<td data-sort=\"\(value)\">\(HTMLNumbers.percent(value))</td>"
    }

    // Below chance is an error worth red; an accuracy from a handful of votes is only a hint.
    private static func accuracyCell(_ value: Double, chance: Double, few: String?) -> String {
        var classes: [String] = []
        var titles: [String] = []
        if value < chance {
            classes.append("below")
            titles.append("below chance (\(HTMLNumbers.percent(chance)))")
        }
        if let few {
            classes.append("few")
            titles.append(few)
        }
        let classAttribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        let titleAttribute = titles.isEmpty ? "" : " title=\"\(titles.joined(separator: "; "))\""
        return "<td data-sort=\"\(value)\"\(classAttribute)\(titleAttribute)>\(HTMLNumbers.percent(value))</td>"
    }

    // The prose notes start with "note: " for the terminal; the page styles them as notes instead.
    private static func noteText(_ note: String) -> String {
        note.hasPrefix("note: ") ? String(note.dropFirst(6)) : note
    }
}
