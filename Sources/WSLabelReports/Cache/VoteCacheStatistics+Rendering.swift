import WSLabelCore
import WSLabelData
import WSLabeling

/// `wslabel cache stats` as text and JSON.
extension VoteCacheStatistics {
    /// A line on the file, then a table of the LFs: name, short fingerprint, current votes,
    /// stale votes, whether the task has the LF.
    ///
    /// ```
    /// vote cache .wslabel/votes.sqlite: 9,240 votes (440 stale), 1.1 MiB
    /// LF              fingerprint  votes  stale  in task
    /// --------------  -----------  -----  -----  -------
    /// keyword_refund  1a2b3c4d       440    440  yes
    /// regex_old                        0    440  no
    /// ```
    ///
    /// - Parameter maxWidth: the widest line allowed (a terminal's width), `nil` for no limit.
    public func text(maxWidth: Int? = nil) -> String {
        var table = TextTable(header: ["LF", "fingerprint", "votes", "stale", "in task"], textColumns: [0, 1, 4])
        for lf in lfs {
            table.rows.append([lf.name ?? "(unnamed)", lf.shortFingerprint ?? "", ReportNumbers.count(lf.votes),
                               ReportNumbers.count(lf.staleVotes), lf.inTask ? "yes" : "no"])
        }
        let stale = staleVotes > 0 ? " (\(ReportNumbers.count(staleVotes)) stale: `wslabel cache clear --stale` removes them)" : ""
        return "vote cache \(path): \(ReportNumbers.count(totalVotes)) votes\(stale), \(Self.size(fileBytes))\n"
            + table.render(maxWidth: maxWidth)
    }

    /// As JSON: `version` (1), `path`, `file_bytes`, `votes` (every stored outcome),
    /// `stale_votes`, and `lfs`, each with `name` (null for fingerprints stored without one),
    /// `in_task`, `fingerprint` (the short form; null for an LF not in the task), `votes`,
    /// `stale_votes`, `stale_fingerprints`.
    public var json: JSONValue {
        func number(_ value: Int) -> JSONValue { .number(Double(value)) }
        return .object([
            ("version", number(1)),
            ("path", .string(path)),
            ("file_bytes", number(fileBytes)),
            ("votes", number(totalVotes)),
            ("stale_votes", number(staleVotes)),
            ("lfs", .array(lfs.map { lf in
                .object([
                    ("name", lf.name.map(JSONValue.string) ?? .null),
                    ("in_task", .bool(lf.inTask)),
                    ("fingerprint", lf.shortFingerprint.map(JSONValue.string) ?? .null),
                    ("votes", number(lf.votes)),
                    ("stale_votes", number(lf.staleVotes)),
                    ("stale_fingerprints", number(lf.staleFingerprints)),
                ])
            })),
        ])
    }

    /// Bytes in binary units with one decimal: `1_153_434` → `"1.1 MiB"`.
    static func size(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes >= 1024 else { return "\(bytes) bytes" }
        var value = Double(bytes) / 1024, unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(ReportNumbers.fixed(value, digits: 1)) \(units[unit])"
    }
}

extension VoteCacheClearing.Result {
    /// One line: how many votes went from which file, and of which LFs (the first few named).
    ///
    /// `removed 880 votes of 2 LFs from .wslabel/votes.sqlite: keyword_refund 440, regex_invoice 440`
    public var text: String {
        guard !removed.isEmpty else { return "removed no votes from \(path): nothing matched" }
        var byName: [(name: String, votes: Int)] = []
        for lf in removed {
            let name = lf.name ?? "(unnamed)"
            if byName.last?.name == name { byName[byName.count - 1].votes += lf.outcomes } else { byName.append((name, lf.outcomes)) }
        }
        let limit = 8
        var named = byName.prefix(limit).map { "\($0.name) \(ReportNumbers.count($0.votes))" }.joined(separator: ", ")
        if byName.count > limit { named += " +\(byName.count - limit) more" }
        let lfs = byName.count == 1 ? "1 LF" : "\(byName.count) LFs"
        let votes = self.votes == 1 ? "1 vote" : "\(ReportNumbers.count(self.votes)) votes"
        return "removed \(votes) of \(lfs) from \(path): \(named)"
    }
}
