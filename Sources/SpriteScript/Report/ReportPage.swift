import SpriteKernel

/// `index.html` of a report: one self-contained page (inline style and pictures, no script, font or image
/// from elsewhere, readable from `file://` with scripts off) with the run's text output, the read verdicts,
/// the message diagram, the timeline, the statistics and the charts. XHTML, so it parses as XML too.
struct ReportPage {
    let interpreter: Interpreter
    let transcript: ReportTranscript
    let script: String
    let status: ExitStatus
    /// One part for a script with no reset, one for each part else (ReportPart).
    let parts: [ReportPart]

    static let style = """
        body { font-family: sans-serif; color: #222222; background: #ffffff; max-width: 1160px;
               margin: 0 auto; padding: 0 16px 48px; }
        h1 { font-size: 22px; margin: 18px 0 6px; }
        h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #cccccc; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        .facts { margin: 4px 0; }
        .status-ok { color: #1b7a1b; font-weight: bold; }
        .status-failed { color: #b00000; font-weight: bold; }
        nav a { margin-right: 12px; }
        pre.output, pre.notes { background: #f6f6f6; border: 1px solid #dddddd; padding: 8px; font-size: 12px;
                                overflow-x: auto; max-width: 100%; }
        pre.output { max-height: 36em; overflow-y: auto; }
        pre.output .stderr { color: #b00000; }
        .table-scroll, .picture { overflow-x: auto; max-width: 100%; }
        .outcome-scroll { max-height: 40em; overflow-y: auto; }
        .picture { border: 1px solid #dddddd; }
        .picture svg { display: block; }
        table.report-table { border-collapse: collapse; font-size: 13px; }
        table.report-table caption { text-align: left; font-weight: bold; padding: 4px 0; }
        table.report-table th, table.report-table td { border: 1px solid #cccccc; padding: 3px 6px;
                                                       text-align: left; vertical-align: top; }
        table.report-table th { background: #eeeeee; }
        td.not-fresh { background: #fde3e3; }
        tr.stale-row td:first-child { font-weight: bold; }
        .reason { font-size: 12px; color: #444444; }
        .note, .empty { color: #555555; font-style: italic; }
        .files a { margin-right: 10px; }
        """

    var html: String {
        var page = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(ReportMarkup.escape("sprite-shell report: " + script))</title>
            <style>
            \(Self.style + (parts.count > 1 ? "\n" + Self.partStyle : ""))
            </style>
            </head>
            <body>

            """
        page += header
        page += section("report-output", "Output", output)
        if let part = parts.first, parts.count == 1 {
            page += sections(of: part, level: 2)
        } else {
            page += section("report-parts", "Parts", contents)
            for part in parts { page += partSection(part) }
        }
        return page + "</body>\n</html>\n"
    }

    /// A part's verdicts, diagram, timeline, statistics and charts, as sections at `level`, their ids the part's.
    func sections(of part: ReportPart, level: Int) -> String {
        let id = { (name: String) in part.idPrefix + name }
        var html = section(id("report-outcomes"), "Read verdicts", part.outcomes, level: level)
        html += section(id("report-diagram-section"), "Message sequence",
                        picture(part.diagram, id: id("report-diagram"), prefix: part.idPrefix,
                                missing: "The run sent no message: no diagram."), level: level)
        html += section(id("report-timeline-section"), "Timeline",
                        picture(part.timeline, id: id("report-timeline"), prefix: part.idPrefix,
                                missing: "Nothing ran on a CPU and no file was read: no timeline."), level: level)
        html += section(id("report-statistics"), "Statistics", part.statistics, level: level)
        html += section(id("report-charts"), "Charts", charts(of: part, level: level + 1), level: level)
        return html
    }

    private var header: String {
        let ok = status == .ok
        var html = "<h1>\(ReportMarkup.escape(script))</h1>\n<p class=\"facts\">"
        html += "<span class=\"\(ok ? "status-ok" : "status-failed")\">exit status \(status.rawValue): "
            + ReportMarkup.escape(Self.words(status)) + "</span>"
        let s = interpreter.simulation
        html += ReportMarkup.escape(" · seed \(s.seed) · simulated time \(s.now) · expects passed "
                                    + "\(interpreter.expectationsPassed), failed \(interpreter.expectationsFailed)")
        let places = parts.count == 1
            ? [("report-output", "output"), ("report-outcomes", "read verdicts"),
               ("report-diagram-section", "diagram"), ("report-timeline-section", "timeline"),
               ("report-statistics", "statistics"), ("report-charts", "charts")]
            : [("report-output", "output"), ("report-parts", "parts")]
                + parts.map { ("part-\($0.number)", "part \($0.number)") }
        html += "</p>\n<nav>" + places.map { ReportMarkup.link("#" + $0.0, $0.1) }.joined(separator: " ") + "</nav>\n"
        let files = parts.flatMap(\.pictures).map(\.file) + ["results.json"]
        html += "<p class=\"files\">Files: " + files.map { ReportMarkup.link($0, $0) }.joined(separator: " ")
            + "</p>\n"
        return html
    }

    static func words(_ status: ExitStatus) -> String {
        switch status {
        case .ok: "every statement ran and every expect held"
        case .expectationFailed: "an expect failed"
        case .malformed: "the script is malformed: nothing ran past the error"
        case .runtimeError: "a runtime error stopped the run"
        case .limitReached: "a limit was reached: the run stopped there"
        case .outputFailed: "output could not be written"
        }
    }

    func section(_ id: String, _ title: String, _ body: String, level: Int = 2) -> String {
        "<section id=\"\(id)\">\n<h\(level)>\(ReportMarkup.escape(title))</h\(level)>\n" + body + "</section>\n"
    }

    /// The text the terminal shows, standard error's lines marked, and where each part begins when there are
    /// several: a line of its own, linked to the part's section.
    private var output: String {
        var lines = transcript.textLines.map { line in
            line.isError ? "<span class=\"stderr\">\(ReportMarkup.escape(line.text))</span>"
                : ReportMarkup.escape(line.text)
        }
        if parts.count > 1 {
            for part in parts.reversed() {
                let mark = "<a class=\"part-mark\" id=\"output-part-\(part.number)\" href=\"#part-\(part.number)\">"
                    + ReportMarkup.escape("▶ " + part.title) + "</a>"
                lines.insert(mark, at: min(max(0, part.outputLine), lines.count))
            }
        }
        return "<pre class=\"output\">" + lines.joined(separator: "\n") + "</pre>\n"
    }

    /// A picture inline, its ids (the diagram's marks and arrowheads) starting with `prefix`, and its file.
    private func picture(_ picture: RunReport.Picture?, id: String, prefix: String, missing: String) -> String {
        guard let picture else { return "<p class=\"empty\">\(ReportMarkup.escape(missing))</p>\n" }
        return ReportMarkup.picture(ReportMarkup.prefixingIds(picture.svg, with: prefix), id: id)
            + "<p class=\"files\">" + ReportMarkup.link(picture.file, picture.file) + "</p>\n"
    }

    /// Each chart under a heading at `level`, its picture and its file.
    private func charts(of part: ReportPart, level: Int) -> String {
        guard !part.charts.isEmpty else {
            return "<p class=\"empty\">The run ran no sweep and no pmake build: no chart.</p>\n"
        }
        var html = ""
        for (index, chart) in part.charts.enumerated() {
            html += "<h\(level)>\(ReportMarkup.escape(chart.title))</h\(level)>\n"
            html += ReportMarkup.picture(ReportMarkup.prefixingIds(chart.svg, with: part.idPrefix),
                                         id: part.idPrefix + "report-chart-\(index + 1)")
            html += "<p class=\"files\">" + ReportMarkup.link(chart.file, chart.file) + "</p>\n"
        }
        return html
    }
}
