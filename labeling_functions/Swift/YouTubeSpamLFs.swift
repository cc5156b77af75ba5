import WSLabeling

/// Labeling functions for YouTube comment spam (labels `HAM`, `SPAM`).
///
/// ``tutorial`` are Swift versions of the seven deterministic LFs of Snorkel's spam tutorial,
/// in its column order (WRENCH youtube columns 0–6): keyword checks are case-insensitive
/// substring tests, as in the tutorial, so `my` also fires on "myself".
public enum YouTubeSpamLFs {
    public static let ham = "HAM"
    public static let spam = "SPAM"

    /// The tutorial's deterministic LFs, in WRENCH column order.
    public static var tutorial: [any LabelingFunction] {
        [
            KeywordLF("keyword_my", keywords: ["my"], label: spam),
            KeywordLF("keyword_subscribe", keywords: ["subscribe"], label: spam),
            KeywordLF("keyword_link", keywords: ["http"], label: spam),
            KeywordLF("keyword_please", keywords: ["please", "plz"], label: spam),
            KeywordLF("keyword_song", keywords: ["song"], label: ham),
            // Python's re.search with re.I; `.` does not cross newlines in either engine.
            try! RegexLF("regex_check_out", pattern: "check.*out", label: spam),
            HeuristicLF("short_comment", version: 1, labels: [ham]) { item in
                item.wordCount < 5 ? ham : nil
            },
        ]
    }
}
