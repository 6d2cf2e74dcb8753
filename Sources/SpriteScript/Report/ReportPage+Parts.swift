/// A report of a script with resets: a table of contents, then one section per part (ReportPart), in order.
extension ReportPage {
    /// Added to the page's style only when there are parts, so a page without them is as it always was.
    static let partStyle = """
        pre.output .part-mark { color: #1a4f8a; font-weight: bold; }
        section.part { border-top: 3px solid #1a4f8a; margin-top: 36px; }
        section.part h3 { font-size: 16px; margin: 20px 0 8px; border-bottom: 1px solid #dddddd; }
        ol.parts li { margin: 4px 0; }
        """

    /// The parts, each linked to its section and to where its output begins, with its verdict counts; and a
    /// word when the shared picture budget left something out.
    var contents: String {
        var html = "<p class=\"facts\">" + ReportMarkup.escape(
            "The script resets \(Plural.of(parts.count - 1, "time")): each part is its own run, shown on its own "
                + "below with its verdicts, pictures and statistics.") + "</p>\n<ol class=\"parts\">\n"
        for part in parts {
            html += "<li>" + ReportMarkup.link("#part-\(part.number)", part.title) + " — "
                + ReportMarkup.escape(part.verdictSummary) + " ("
                + ReportMarkup.link("#output-part-\(part.number)", "its output") + ")</li>\n"
        }
        html += "</ol>\n"
        let cut = parts.filter { $0.picturesOmitted > 0 }
        if !cut.isEmpty {
            let which = cut.map { "part \($0.number) (\($0.picturesOmitted) left out)" }.joined(separator: ", ")
            html += "<p class=\"note\">" + ReportMarkup.escape(
                "The parts share one picture budget (the picture-events limit): what earlier parts kept counts "
                    + "against later ones. Pictures were cut in " + which + ".") + "</p>\n"
        }
        return html
    }

    /// One part: its title, where it ended, its sections.
    func partSection(_ part: ReportPart) -> String {
        var html = "<section class=\"part\" id=\"part-\(part.number)\">\n<h2>"
            + ReportMarkup.escape(part.title) + "</h2>\n<p class=\"facts\">"
        html += ReportMarkup.escape("simulated time at its end \(part.endedAt) · ")
            + ReportMarkup.link("#output-part-\(part.number)", "its output") + " · "
            + ReportMarkup.link("#report-parts", "all parts") + "</p>\n"
        return html + sections(of: part, level: 3) + "</section>\n"
    }
}
