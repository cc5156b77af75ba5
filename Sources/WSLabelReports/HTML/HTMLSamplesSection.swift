import WSLabelCore

/// The HTML report's samples section: per LF, folded, the items where it is wrong on dev and a
/// sample of those it votes on, each with its text, every LF's vote, the label model's label,
/// majority vote's and gold. The LF table's names link here.
enum HTMLSamplesSection {
    static func render(_ samples: LFSamples?, report: LFReport) -> String {
        guard let samples else { return "" }
        let entries = samples.entries.map { entry -> String in
            let name = HTMLEscaping.text(report.lfNames[entry.lf])
            let counts = entry.inspections.map { "\(HTMLNumbers.count($0.matched)) \(HTMLEscaping.text(shortPhrase($0)))" }.joined(separator: " · ")
            let lists = entry.inspections.map { inspection -> String in
                let heading = "<h4>\(HTMLEscaping.text(inspection.description)) <span class=\"hint\">(\(HTMLNumbers.count(inspection.matched)) items, \(inspection.items.count) shown, \(HTMLEscaping.text(inspection.order)))</span></h4>"
                guard !inspection.items.isEmpty else { return heading + "<p class=\"none\">none</p>" }
                let items = inspection.items.map { item in
                    var facts = ["<code>\(HTMLEscaping.text(item.id))</code>"]
                    if item.gold != nil { facts.append("gold <strong>\(HTMLEscaping.text(inspection.name(ofClass: item.gold)))</strong>") }
                    facts.append("label model \(HTMLEscaping.text(inspection.name(ofClass: item.prediction))) \(HTMLNumbers.percent(item.confidence))")
                    facts.append("majority vote \(HTMLEscaping.text(inspection.name(ofClass: item.majorityVote)))")
                    let text = item.text.map { "<blockquote>\(HTMLEscaping.text($0))</blockquote>" } ?? ""
                    return "<li><p>\(facts.joined(separator: " · "))</p>\(text)<p class=\"hint\">votes: \(HTMLEscaping.text(inspection.voteList(item)))</p></li>"
                }
                return heading + "<ol class=\"samples\">" + items.joined() + "</ol>"
            }
            return "<details id=\"\(LFSamples.anchor(lf: entry.lf))\"><summary><code>\(name)</code> <span class=\"hint\">\(counts)</span></summary>\n"
                + lists.joined(separator: "\n") + "\n</details>"
        }
        return """
        <section id="samples">
        <h2>Samples</h2>
        <p class="hint">Up to \(samples.sampleSize) items per LF: where it is wrong on the dev split, and a random sample of those it votes on. <code>wslabel inspect --lf NAME</code> shows more (and <code>--bucket conflicts</code>, <code>model-vs-mv</code>, <code>uncovered</code>, <code>low-confidence</code>).</p>
        \(samples.textsMissing.map { "<p class=\"note\">Texts not shown: \(HTMLEscaping.text($0))</p>" } ?? "")
        \(entries.joined(separator: "\n"))
        </section>
        """
    }

    /// "wrong on dev", "votes on train": the short form for an LF's summary line.
    private static func shortPhrase(_ inspection: Inspection) -> String {
        inspection.query.bucket == .wrong ? "wrong on \(inspection.split)" : "votes on \(inspection.split)"
    }
}
