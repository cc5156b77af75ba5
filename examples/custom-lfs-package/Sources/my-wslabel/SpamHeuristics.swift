import WSLabeling

/// This package's Swift labeling functions for YouTube comment spam (labels `HAM` and `SPAM`),
/// registered as the catalog `spam_heuristics` in `main.swift`.
///
/// Swift is for rules a keyword or a regular expression cannot say: counts, ratios, other
/// fields of the record. Keyword and regex LFs belong in LF files (`lfs/*.yaml`), which need no
/// recompiling.
///
/// Each LF looks at one comment (an ``ItemView``: `text`, `lowercasedText`, `wordCount`,
/// `tokens`, and every column of the source record through `item[field:]`) and returns a label
/// name, or `nil` to abstain. Most LFs should abstain on most items and vote only when their
/// signal is present: the label model learns from when each LF fires.
///
/// To add an LF, add a `HeuristicLF` (or `KeywordLF`, `RegexLF`) to ``all`` and rebuild with
/// `swift build -c release`. To change one, edit its closure and rebuild: this target is built
/// with the LFSourceFingerprints plugin (Package.swift), which hashes its Swift sources into the
/// LFs' fingerprints, so the vote cache computes the edited target's Swift LFs again.
enum SpamHeuristics {
    static let ham = "HAM"
    static let spam = "SPAM"

    /// The catalog's LFs, one per statement, in the order of the vote matrix's columns. LF names
    /// must be unique across everything a task file loads (its Swift catalogs and LF files).
    ///
    /// `labels:` lists what an LF can vote for, so a task whose labels lack one of them is
    /// rejected when it loads rather than when the LF first fires.
    @LFCatalogBuilder
    static var all: [any LabelingFunction] {
        // Spam shouts: mostly capital letters. The 20-letter floor keeps short cries ("OMG",
        // "LOL") out, which viewers write as often as spammers.
        HeuristicLF("shouting", version: 1, labels: [spam]) { item in
            let letters = item.text.filter(\.isLetter)
            guard letters.count >= 20 else { return nil }
            return Double(letters.count(where: \.isUppercase)) / Double(letters.count) > 0.5 ? spam : nil
        }

        // An excited pitch: three or more "!" in a comment of more than ten words. Short fan
        // comments ("I love it!!!") use as many, so length is part of the rule.
        HeuristicLF("excited_pitch", version: 1, labels: [spam]) { item in
            item.wordCount > 10 && item.text.count(where: { $0 == "!" }) >= 3 ? spam : nil
        }

        // Spam comes with a story: long comments are mostly ads and requests.
        HeuristicLF("long_comment", version: 1, labels: [spam]) { item in
            item.wordCount > 30 ? spam : nil
        }

        // Viewers react with emoji; spammers rarely do in a short comment.
        HeuristicLF("short_emoji_reaction", version: 1, labels: [ham]) { item in
            item.wordCount < 15 && item.text.unicodeScalars.contains(where: \.properties.isEmojiPresentation) ? ham : nil
        }

        // A rule over another column of the record: comments that name their own author
        // ("subscribe to Kobyoshi's channel") advertise a channel. `AUTHOR` is the column's name
        // in the UCI data: change it to your data's. `item[field:]` is `nil` when the record has
        // no such column, and the LF then abstains.
        HeuristicLF("author_named_in_text", version: 1, labels: [spam]) { item in
            guard let author = item[field: "AUTHOR"], let firstName = author.split(separator: " ").first,
                  firstName.count >= 4 else { return nil }
            return item.lowercasedText.contains(firstName.lowercased()) ? spam : nil
        }
    }
}
