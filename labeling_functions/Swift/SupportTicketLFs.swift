import WSLabeling

/// Heuristic labeling functions for routing customer-support tickets (labels `BILLING`,
/// `TECHNICAL`, `ACCOUNT`), the Swift half of the `examples/support-tickets` task; its keyword
/// and regex LFs are YAML files in `labeling_functions/support_tickets`.
///
/// These are the rules a keyword list cannot express: one reads a field other than the text
/// (the email subject), one parses numbers, one weighs a signal against contrary evidence.
/// The target is built with the LFSourceFingerprints plugin: after an edit and a rebuild, the
/// LFs' fingerprints change and their cached votes are computed again (no `version` to bump).
public enum SupportTicketLFs {
    public static let billing = "BILLING"
    public static let technical = "TECHNICAL"
    public static let account = "ACCOUNT"

    /// The catalog registered as `support_tickets`.
    public static var all: [any LabelingFunction] {
        [subjectLine, technicalDetails, accessProblem]
    }

    /// Votes from the email subject alone (the `subject` field; chat and phone tickets have
    /// none and get no vote). A subject is the customer's own one-line summary, so a class
    /// word there says more than the same word somewhere in the body. Votes the one class
    /// whose stems appear among the subject's words, and abstains when none or several do
    /// ("Crashes and a question about my bill").
    public static var subjectLine: HeuristicLF {
        HeuristicLF("subject_line", version: 1, labels: [billing, technical, account]) { item in
            guard let subject = item[field: "subject"], !subject.isEmpty else { return nil }
            let words = tokens(subject.lowercased())
            let matched = subjectStems.filter { _, stems in
                words.contains { word in stems.contains { word.hasPrefix($0) } }
            }.map(\.key)
            return matched.count == 1 ? matched[0] : nil
        }
    }

    /// Word stems per class that mark a subject line (matched as word prefixes: "charg" fires
    /// on "charge", "charged"). Kept short and unambiguous; "account" is left out because
    /// billing subjects say "account credit balance".
    static let subjectStems: [String: [String]] = [
        billing: ["bill", "invoic", "refund", "charg", "payment", "pric", "receipt", "discount", "renew", "tax",
                  "quote", "subscription", "credit", "vat", "purchase"],
        technical: ["crash", "error", "bug", "broken", "slow", "sync", "api", "export", "import", "integration",
                    "webhook", "notif", "fail", "load", "freez", "add-on", "extension", "preview", "timeout"],
        account: ["login", "password", "locked", "2fa", "two-factor", "owner", "admin", "profile", "username",
                  "member", "invite", "verification", "sso", "merge", "delete", "hacked", "suspicious"],
    ]

    /// `TECHNICAL` when the ticket carries the details people add when reporting a defect: a
    /// version number ("4.8.0", "iOS 17.4"), words like "screenshot", "reinstall", "cache", or
    /// a release ("since the update").
    /// The version check reads numbers, which a regex LF would get wrong on money: a dotted
    /// number right after a currency sign ("$10.50"), before "%" ("2.5%") or with two decimals
    /// ("took 39.99") is not a version.
    public static var technicalDetails: HeuristicLF {
        HeuristicLF("technical_details", version: 1, labels: [technical]) { item in
            let text = item.lowercasedText
            if containsVersionNumber(text) || releasePhrases.contains(where: text.contains) { return technical }
            return item.tokens.contains { defectReportWords.contains(String($0)) } ? technical : nil
        }
    }

    /// Words of a defect report (matched as whole tokens).
    static let defectReportWords: Set<String> = [
        "version", "screenshot", "screenshots", "console", "logs", "diagnostics", "reproduce", "reproduced",
        "reinstall", "reinstalled", "reinstalling", "cache", "cookies", "incognito",
    ]
    /// A release as the cause; the bare verb "update" is not a signal ("update my billing address").
    static let releasePhrases = ["the update", "latest update", "last update", "todays update", "today's update",
                                 "after updating", "last release", "new release", "crash report"]

    /// `ACCOUNT` when the customer cannot get in (login, password, two-factor, locked) and
    /// nothing points at a defect instead. Without that check the signal is the noisy
    /// `keyword_login` LF: a login page that loops after an update is a bug, not an account
    /// problem.
    public static var accessProblem: HeuristicLF {
        HeuristicLF("access_problem", version: 1, labels: [account]) { item in
            let text = item.lowercasedText
            guard accessPhrases.contains(where: text.contains) else { return nil }
            if defectPhrases.contains(where: text.contains) { return nil }
            return account
        }
    }

    /// Trouble getting in, and signs that a defect causes it (both matched as substrings).
    static let accessPhrases = ["log in", "login", "sign in", "password", "2fa", "two-factor", "authenticator",
                                "locked", "can't get in", "cant get in", "access to my account"]
    static let defectPhrases = ["bug", "crash", "update", "loop", "404", "500", "browser", "spinner", "page just",
                                "reloads", "extension", "add-on", "add-in", "link points"]

    // MARK: - Helpers

    /// Lowercased runs of letters, digits and hyphens ("two-factor", "add-on" stay one word).
    static func tokens(_ text: String) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// Whether `text` has a dotted number (`17.4`, `4.8.0`) that is not an amount of money: not
    /// after a currency sign, not before "%", and not one dot with two decimals (`39.99`).
    static func containsVersionNumber(_ text: String) -> Bool {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index].isNumber else {
                index += 1
                continue
            }
            // A run of digits and dots starting here.
            let start = index
            var dots = 0
            while index < characters.count, characters[index].isNumber || characters[index] == "." {
                if characters[index] == "." { dots += 1 }
                index += 1
            }
            var run = characters[start..<index]
            while run.last == "." {  // "version 3." ends a sentence
                run = run.dropLast()
                dots -= 1
            }
            guard dots > 0 else { continue }
            let before = start > 0 ? characters[start - 1] : " "
            let after = index < characters.count ? characters[index] : " "
            let fractionDigits = dots == 1 ? run.endIndex - run.firstIndex(of: ".")! - 1 : 0
            let isMoney = "$€£".contains(before) || after == "%" || fractionDigits == 2
            if !isMoney { return true }
        }
        return false
    }
}
