/// A self-contained HTML page of wslabel's: the report's inline style, `sections` in `<main>`,
/// a footer that says the page fetches nothing, and an optional inline script.
enum HTMLPage {
    static func render(title: String, sections: [String], script: String? = nil) -> String {
        let scriptBlock = script.map { "<script>\n\($0)\n</script>\n" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(HTMLEscaping.text(title))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <main>
        \(sections.joined(separator: "\n"))
        <footer>Written by wslabel. The page is self-contained: it fetches no fonts, scripts, styles or images.</footer>
        </main>
        \(scriptBlock)</body>
        </html>

        """
    }
}
