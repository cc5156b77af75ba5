import WSLabelCore

/// The items behind a number: the items of one split that match a ``LabelBuckets/Query``, each
/// with its text, every LF's vote, the label model's probabilities, majority vote's label and
/// the gold label when known. What `wslabel inspect` prints, as text (``text(width:fullText:)``),
/// JSON Lines (``jsonLines``) or CSV (``csv``).
public struct Inspection: Sendable {
    /// One item.
    public struct Item: Sendable, Equatable {
        /// The item's row in its split.
        public var row: Int
        public var id: String
        /// Its text, when the input has texts (vote files have none).
        public var text: String?
        /// Its gold class, when known.
        public var gold: Int?
        /// The label model's class (``VoteMatrix/abstain`` for none) and probabilities.
        public var prediction: Int
        public var probabilities: [Double]
        /// Majority vote's class (``VoteMatrix/abstain`` for none).
        public var majorityVote: Int
        /// Every LF's vote on the item: LF column and class, in column order.
        public var votes: [(lf: Int, vote: Int)]

        public init(row: Int, id: String, text: String?, gold: Int?, prediction: Int, probabilities: [Double],
                    majorityVote: Int, votes: [(lf: Int, vote: Int)]) {
            self.row = row
            self.id = id
            self.text = text
            self.gold = gold
            self.prediction = prediction
            self.probabilities = probabilities
            self.majorityVote = majorityVote
            self.votes = votes
        }

        public static func == (lhs: Item, rhs: Item) -> Bool {
            lhs.row == rhs.row && lhs.id == rhs.id && lhs.text == rhs.text && lhs.gold == rhs.gold && lhs.prediction == rhs.prediction
                && lhs.probabilities == rhs.probabilities && lhs.majorityVote == rhs.majorityVote
                && lhs.votes.map(\.lf) == rhs.votes.map(\.lf) && lhs.votes.map(\.vote) == rhs.votes.map(\.vote)
        }

        /// The label model's largest probability.
        public var confidence: Double { probabilities.max() ?? 0 }
    }

    /// What a named LF does on the split: the context of its items.
    public struct LFContext: Sendable, Equatable {
        public var name: String
        /// Items it votes on.
        public var votes: Int
        /// Of those with gold labels, how many it gets right and wrong.
        public var correct: Int
        public var incorrect: Int

        public init(name: String, votes: Int, correct: Int, incorrect: Int) {
            self.name = name
            self.votes = votes
            self.correct = correct
            self.incorrect = incorrect
        }
    }

    /// The split looked at.
    public var split: String
    /// Its number of items.
    public var splitItems: Int
    /// Every LF's name, in column order, and the class names.
    public var lfNames: [String]
    public var labelNames: [String]
    /// The query, and the named LFs' context (one per LF of the query).
    public var query: LabelBuckets.Query
    public var lfContexts: [LFContext]
    /// How many items match, and the ones shown (at most the limit asked for).
    public var matched: Int
    public var items: [Item]
    /// How the shown items were chosen among the matches: "in file order", "at random (seed 0)",
    /// "least confident first".
    public var order: String

    public init(split: String, splitItems: Int, lfNames: [String], labelNames: [String], query: LabelBuckets.Query,
                lfContexts: [LFContext], matched: Int, items: [Item], order: String) {
        self.split = split
        self.splitItems = splitItems
        self.lfNames = lfNames
        self.labelNames = labelNames
        self.query = query
        self.lfContexts = lfContexts
        self.matched = matched
        self.items = items
        self.order = order
    }

    /// What was asked, in words: "dev items where keyword_free is wrong, gold SPAM".
    public var description: String {
        var parts: [String] = []
        let named = query.lfs.map { lfNames[$0] }
        let bucketNamesLFs = [.wrong, .correct, .conflicts].contains(query.bucket)
        if let vote = query.lfVote {
            parts.append("where \(named[0]) votes \(labelNames[vote])" + (named.count == 2 ? " and \(named[1]) votes" : ""))
        } else if !named.isEmpty && !bucketNamesLFs {
            parts.append("where " + (named.count == 1 ? "\(named[0]) votes" : "\(named[0]) and \(named[1]) vote"))
        }
        if let bucket = query.bucket { parts.append(bucket.phrase(lfNames: named)) }
        if let gold = query.gold { parts.append("gold \(labelNames[gold])") }
        if let predicted = query.predicted { parts.append("label model says \(labelNames[predicted])") }
        return "\(split) items" + (parts.isEmpty ? "" : " " + parts.joined(separator: ", "))
    }

    /// Gives each item its text from `texts` (per split name, per row), where it has one.
    public mutating func addTexts(_ texts: [String: [Int: String]]) {
        guard let splitTexts = texts[split] else { return }
        for index in items.indices { items[index].text = splitTexts[items[index].row] ?? items[index].text }
    }

    /// A class name, or "–" for none.
    func name(ofClass label: Int?) -> String {
        guard let label, label != VoteMatrix.abstain else { return "–" }
        return labelNames[label]
    }
}

extension Inspection {
    /// The forms an inspection is written in.
    public enum Format: String, Sendable, CaseIterable {
        /// For a person (``text(width:fullText:)``).
        case text
        /// One JSON object per item (``jsonLines``).
        case jsonl
        /// One CSV row per item (``csv``).
        case csv

        /// The format a file name's extension stands for (`.jsonl`, `.csv`, `.txt`).
        public init?(fileExtension: String) {
            switch fileExtension.lowercased() {
            case "jsonl", "ndjson": self = .jsonl
            case "csv": self = .csv
            case "txt", "text": self = .text
            default: return nil
            }
        }
    }

    /// The inspection in `format` (`width` and `fullText` are the text form's).
    public func rendered(as format: Format, width: Int? = nil, fullText: Bool = false) -> String {
        switch format {
        case .text: text(width: width, fullText: fullText)
        case .jsonl: jsonLines
        case .csv: csv
        }
    }
}
