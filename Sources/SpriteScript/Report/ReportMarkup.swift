import Foundation

/// Pieces of the report's page, written as XHTML (every element closed, only XML's own entities) so that the
/// page parses as XML as well as HTML, and the same run always gives the same bytes.
enum ReportMarkup {
    /// Text safe in content and attribute values, control and bidi characters escaped (PageText).
    static func escape(_ text: String) -> String { PageText.escape(text) }

    /// `<tag class="…">escaped text</tag>`.
    static func element(_ tag: String, _ text: String, class name: String? = nil) -> String {
        "<\(tag)\(name.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</\(tag)>"
    }

    /// A link within the page or to a file beside it.
    static func link(_ href: String, _ text: String, class name: String? = nil) -> String {
        "<a href=\"\(escape(href))\"\(name.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</a>"
    }

    /// A `show` table as an HTML table, cells as text output shows them, its notes under it. Wide tables
    /// scroll inside their box rather than widen the page.
    static func table(_ table: Table, class name: String = "report-table") -> String {
        var html = "<div class=\"table-scroll\">\n<table class=\"\(name)\">\n"
        html += "<caption>\(escape(table.title))</caption>\n<thead><tr>"
        html += table.columns.map { "<th>\(escape($0.name))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.map { "<td>\(escape($0.display))</td>" }.joined() + "</tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n"
        if !table.notes.isEmpty {
            html += "<pre class=\"notes\">" + table.notes.map(escape).joined(separator: "\n") + "</pre>\n"
        }
        return html
    }

    /// An SVG picture placed in the page inside a scrolling box with id `id`. A picture's `<style>` would
    /// style the whole page (and the other pictures: each sets `text` and `.axis-label` its own way), so its
    /// rules are scoped to the box.
    static func picture(_ svg: String, id: String) -> String {
        var text = svg
        if let open = text.range(of: "<style>"),
           let close = text.range(of: "</style>", range: open.upperBound..<text.endIndex) {
            let css = String(text[open.upperBound..<close.lowerBound])
            text.replaceSubrange(open.upperBound..<close.lowerBound, with: "\n" + scope(css, under: "#" + id) + "  ")
        }
        return "<div class=\"picture\" id=\"\(id)\">\n" + text + "</div>\n"
    }

    /// `svg` with each id it defines, and each reference to one, starting with `prefix`: two parts' pictures
    /// in one page then never share an id. Text and attribute values are escaped, so `id="` and `url(#`
    /// appear only as markup.
    static func prefixingIds(_ svg: String, with prefix: String) -> String {
        guard !prefix.isEmpty else { return svg }
        return svg.replacingOccurrences(of: " id=\"", with: " id=\"" + prefix)
            .replacingOccurrences(of: "url(#", with: "url(#" + prefix)
            .replacingOccurrences(of: "href=\"#", with: "href=\"#" + prefix)
    }

    /// `a, b { … }` → `#id a, #id b { … }` for each rule of a plain style sheet (no at-rules, as the pictures
    /// write them).
    static func scope(_ css: String, under prefix: String) -> String {
        var scoped = ""
        var rest = Substring(css)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let selectors = rest[..<open].split(separator: ",").map { prefix + " " + trimmed($0) }
            scoped += "    " + selectors.joined(separator: ", ") + " " + rest[open...close] + "\n"
            rest = rest[rest.index(after: close)...]
        }
        return scoped
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
