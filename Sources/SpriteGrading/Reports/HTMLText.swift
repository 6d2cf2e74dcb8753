import SpriteScript

/// Text put into the HTML report's pages: every character that HTML gives a meaning (`<`, `&`, quotes)
/// escaped, and, before that, every control or invisible character shown as an escape (TerminalText), so
/// that a test's name, output or diff can neither add markup nor hide or forge a line of the page.
enum HTMLText {
    /// `text` on one line, for a cell, a heading or an attribute (PageText, as the run report escapes).
    static func line(_ text: String) -> String { PageText.escape(text) }

    /// Several lines, for a `<pre>` block: split at newlines, each line escaped as `line` does.
    static func block(_ text: String) -> String { escape(ReportDetails.printable(text)) }

    /// `<`, `>`, `&`, `"` and `'` as character references: safe in element content and in quoted attributes.
    static func escape(_ text: String) -> String { PageText.markup(text) }

    /// A whole page: the doctype, the shared style sheet inline (no file, font or script is fetched, so it
    /// reads the same from `file://`), the title and the body.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="\(generator)">
        <title>\(line(title))</title>
        <style>
        \(styleSheet)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// Names the program that wrote the pages (a folder is taken for an earlier report by its manifest,
    /// ReportManifest, never by this).
    static let generator = "sprite-shell test --report"

    /// One style sheet for the index and the test pages; verdicts in colour and in words (never colour alone).
    static let styleSheet = """
        body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 72em; padding: 0 1em;
               color: #1b1b1b; background: #fff; line-height: 1.4; }
        h1 { font-size: 1.5em; margin: 0 0 0.4em; overflow-wrap: anywhere; }
        h2 { font-size: 1.15em; margin: 1.4em 0 0.4em; }
        table { border-collapse: collapse; width: 100%; }
        table.counts { width: auto; min-width: 14em; }
        th, td { text-align: left; padding: 0.25em 0.6em; border-bottom: 1px solid #ddd; vertical-align: top; }
        th { background: #f3f3f3; }
        td.name { overflow-wrap: anywhere; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.6em; overflow-x: auto; white-space: pre; }
        .banner { border: 2px solid #b35900; background: #fff4e5; padding: 0.5em 0.8em; font-weight: bold; }
        .verdict { font-weight: bold; white-space: nowrap; }
        .verdict-pass { color: #176117; }
        .verdict-fail, .verdict-crash { color: #a31515; }
        .verdict-error, .verdict-limit, .verdict-timeout { color: #8a4b00; }
        .withheld { font-style: italic; color: #555; }
        .diff-delete { color: #a31515; }
        .diff-insert { color: #176117; }
        .diff-hunk { color: #555; }
        """
}
