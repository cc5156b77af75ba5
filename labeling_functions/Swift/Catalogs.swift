import WSLabeling

/// The Swift LF catalogs `wslabel` ships, by the name a task file uses.
public let catalogs: [String: [any LabelingFunction]] = [
    "youtube_spam_tutorial": YouTubeSpamLFs.tutorial,
    "support_tickets": SupportTicketLFs.all,
    "youtube_spam_extended": YouTubeSpamLFs.extended,
]
