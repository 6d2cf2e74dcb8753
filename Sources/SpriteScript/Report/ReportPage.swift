import SpriteKernel

/// `index.html` of a report: one self-contained page (inline style and pictures, no script, font or image
/// from elsewhere, readable from `file://` with scripts off) with the run's text output, the read verdicts,
/// the message diagram, the timeline, the statistics and the charts. XHTML, so it parses as XML too.
struct ReportPage {
    let interpreter: Interpreter
    let transcript: ReportTranscript
    let script: String
    let status: ExitStatus
    let diagram: RunReport.Picture?
    let timeline: RunReport.Picture?
    let charts: [RunReport.Picture]

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
            \(Self.style)
            </style>
            </head>
            <body>

            """
        page += header
        page += section("report-output", "Output", output)
        page += section("report-outcomes", "Read verdicts",
                        OutcomeView(interpreter: interpreter, diagramDrawn: diagram != nil).html)
        page += section("report-diagram-section", "Message sequence",
                        picture(diagram, id: "report-diagram", missing: "The run sent no message: no diagram."))
        page += section("report-timeline-section", "Timeline",
                        picture(timeline, id: "report-timeline",
                                missing: "Nothing ran on a CPU and no file was read: no timeline."))
        page += section("report-statistics", "Statistics", statistics)
        page += section("report-charts", "Charts", chartsHTML)
        return page + "</body>\n</html>\n"
    }

    private var header: String {
        let ok = status == .ok
        var html = "<h1>\(ReportMarkup.escape(script))</h1>\n<p class=\"facts\">"
        html += "<span class=\"\(ok ? "status-ok" : "status-failed")\">exit status \(status.rawValue): "
            + ReportMarkup.escape(Self.words(status)) + "</span>"
        let s = interpreter.simulation
        html += ReportMarkup.escape(" · seed \(s.seed) · simulated time \(s.now) · expects passed "
                                    + "\(interpreter.expectationsPassed), failed \(interpreter.expectationsFailed)")
        html += "</p>\n<nav>" + [("report-output", "output"), ("report-outcomes", "read verdicts"),
                                 ("report-diagram-section", "diagram"), ("report-timeline-section", "timeline"),
                                 ("report-statistics", "statistics"), ("report-charts", "charts")]
            .map { ReportMarkup.link("#" + $0.0, $0.1) }.joined(separator: " ") + "</nav>\n"
        let files = ([diagram, timeline].compactMap { $0 } + charts).map(\.file) + ["results.json"]
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

    private func section(_ id: String, _ title: String, _ body: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(ReportMarkup.escape(title))</h2>\n" + body + "</section>\n"
    }

    /// The text the terminal shows, standard error's lines marked.
    private var output: String {
        let lines = transcript.textLines.map { line in
            line.isError ? "<span class=\"stderr\">\(ReportMarkup.escape(line.text))</span>"
                : ReportMarkup.escape(line.text)
        }
        return "<pre class=\"output\">" + lines.joined(separator: "\n") + "</pre>\n"
    }

    private func picture(_ picture: RunReport.Picture?, id: String, missing: String) -> String {
        guard let picture else { return "<p class=\"empty\">\(ReportMarkup.escape(missing))</p>\n" }
        return ReportMarkup.picture(picture.svg, id: id)
            + "<p class=\"files\">" + ReportMarkup.link(picture.file, picture.file) + "</p>\n"
    }

    /// `show stats`, each sweep's table and each pmake build's.
    private var statistics: String {
        let s = interpreter.simulation
        var html = ReportMarkup.table(ShowStatement.stats(s))
        for name in interpreter.sweeps.keys.sorted() {
            guard let sweep = interpreter.sweeps[name] else { continue }
            html += ReportMarkup.table(SweepTable.table(sweep, width: 0))
        }
        for build in s.pmakeReports { html += ReportMarkup.table(ShowPmake.table(build, s)) }
        return html
    }

    private var chartsHTML: String {
        guard !charts.isEmpty else {
            return "<p class=\"empty\">The run ran no sweep and no pmake build: no chart.</p>\n"
        }
        var html = ""
        for (index, chart) in charts.enumerated() {
            html += "<h3>\(ReportMarkup.escape(chart.title))</h3>\n"
            html += ReportMarkup.picture(chart.svg, id: "report-chart-\(index + 1)")
            html += "<p class=\"files\">" + ReportMarkup.link(chart.file, chart.file) + "</p>\n"
        }
        return html
    }
}
