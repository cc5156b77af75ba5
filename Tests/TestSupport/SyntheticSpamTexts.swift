import Foundation
import WSLabelCore

/// A small WRENCH folder whose records hold text (`data.text`), for the end model's tests:
/// short comments, HAM (0) or SPAM (1), written from a seed so every run sees the same bytes.
///
/// Each comment mixes words of its class with words both classes use. Five keyword LFs vote
/// on some of the class words only (one of them on a shared word, so it is noisy), so the
/// label model leaves the comments whose class words no LF knows unlabeled (about one in six),
/// while an end model that reads the text can learn every class word.
///
/// ```swift
/// let folder = try temporaryDirectory(self)
/// let splits = try SyntheticSpamTexts.writeWrenchFolder(at: folder)
/// splits["test"]?.count  // 100
/// ```
public enum SyntheticSpamTexts {
    /// The classes, by index.
    public static let labelNames = ["HAM", "SPAM"]
    /// Words only HAM comments use.
    public static let hamWords = ["song", "love", "music", "voice", "beautiful", "lyrics", "guitar", "memories"]
    /// Words only SPAM comments use.
    public static let spamWords = ["free", "subscribe", "click", "prize", "win", "cash", "channel", "link"]
    /// Words both classes use.
    public static let sharedWords = ["the", "this", "is", "a", "my", "you", "and", "to", "check", "so", "it", "video"]

    /// The LFs, in vote order: a class and the words that make it vote for that class.
    public static let lfs: [(label: Int, words: Set<String>)] = [
        (1, ["free"]), (1, ["subscribe", "click"]), (0, ["song"]), (0, ["love", "music"]), (1, ["check"]),
    ]

    /// One comment: its id, gold class, the LFs' votes (−1: abstain) and text.
    public struct Record: Sendable {
        public var id: String
        public var label: Int
        public var votes: [Int]
        public var text: String
    }

    /// `count` comments drawn from `seed`, ids `0`, `1`, … in order.
    public static func records(count: Int, seed: UInt64) -> [Record] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let label = Int(random.next() % 2)
            let own = label == 0 ? hamWords : spamWords
            let length = 6 + Int(random.next() % 5)
            var words: [String] = []
            for _ in 0..<length {
                let pool = random.nextUnitDouble() < 0.45 ? own : sharedWords
                words.append(pool[Int(random.next() % UInt64(pool.count))])
            }
            // Capitalized first word and a full stop, as people write: the features ignore case.
            let text = words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
            let present = Set(words)
            let votes = lfs.map { lf in lf.words.isDisjoint(with: present) ? -1 : lf.label }
            return Record(id: String(index), label: label, votes: votes, text: text)
        }
    }

    /// Writes `label.json` and `train.json`, `valid.json`, `test.json` (sizes `train`, `valid`,
    /// `test`; `0` leaves a split out) in `url`, and returns each split's records.
    /// - Parameter withText: `false` writes `"data": {}`, as WRENCH's imdb and yelp train splits.
    @discardableResult
    public static func writeWrenchFolder(at url: URL, train: Int = 300, valid: Int = 60, test: Int = 100, seed: UInt64 = 7,
                                         withText: Bool = true) throws -> [String: [Record]] {
        try #"{"0": "HAM", "1": "SPAM"}"#.write(to: url.appendingPathComponent("label.json"), atomically: true, encoding: .utf8)
        var splits: [String: [Record]] = [:]
        for (offset, (name, count)) in [("train", train), ("valid", valid), ("test", test)].enumerated() where count > 0 {
            let records = records(count: count, seed: seed &+ UInt64(offset) &* 1_000_003)
            splits[name] = records
            let body = try records.map { record in
                let text = String(decoding: try JSONEncoder().encode(record.text), as: UTF8.self)
                let data = withText ? "{\"text\": \(text)}" : "{}"
                return "\"\(record.id)\": {\"label\": \(record.label), \"weak_labels\": [\(record.votes.map(String.init).joined(separator: ", "))], \"data\": \(data)}"
            }.joined(separator: ",\n")
            try "{\(body)}\n".write(to: url.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
        }
        return splits
    }
}
