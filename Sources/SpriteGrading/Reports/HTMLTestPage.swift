/// `--report DIR`'s page of one test that did not pass, `tests/SLUG/index.html`: what grading knows (the
/// verdict and why, the failed expects and what the test wrote on standard error, the diff of its output
/// against `.expected`, each seed's verdict under `--repeat`) and a link to the report of its run, drawn by
/// `sprite-shell run --report` in `run/` beside it. A hidden test's page withholds what the other reports
/// withhold (its output, its diff) and has no run report, unless `showHidden`.
struct HTMLTestPage {
    var showHidden = false

    /// `runReport`: the run report's folder beside the page, when the child wrote one.
    func render(_ result: TestResult, runReport: String?) -> String {
        var body = "<p><a href=\"../../index.html\">All tests</a></p>\n"
        body += "<h1>" + HTMLText.line(result.name) + "</h1>\n"
        body += "<table class=\"facts\">\n<tbody>\n<tr><th>Verdict</th>" + Self.verdictCell(result) + "</tr>\n"
        body += "<tr><th>Points</th><td>\(result.points)/\(result.maxPoints)</td></tr>\n"
        if result.graded {
            body += "<tr><th>Time</th><td class=\"time\">\(HumanReport.seconds(result.seconds))</td></tr>\n"
        }
        if let status = result.status { body += "<tr><th>Exit status</th><td>\(status)</td></tr>\n" }
        if let description = result.description {
            body += "<tr><th>Description</th><td>\(HTMLText.line(description))</td></tr>\n"
        }
        if result.hidden { body += "<tr><th>Hidden</th><td>yes</td></tr>\n" }
        body += "</tbody>\n</table>\n"
        if let reason = result.reason {
            body += "<h2>Why</h2>\n<p class=\"reason\">\(HTMLText.line(reason))</p>\n"
        }
        let withheld = result.hidden && !showHidden
        if withheld {
            body += "<p class=\"withheld\">\(HTMLText.line(ReportDetails.withheld))</p>\n"
        } else {
            if let runReport {
                body += "<h2>The run</h2>\n<p><a href=\"\(runReport)/index.html\">The report of the test's run</a>: "
                    + "its output, outcome table, diagram and timeline, drawn as "
                    + "<code>sprite-shell run --report</code> draws them, by running the test a second time "
                    + "with the same seed (<span class=\"time\">" + HumanReport.seconds(result.reportSeconds)
                    + "</span>, not in its time).</p>\n"
            } else if let note = result.runReportNote {
                body += "<h2>The run</h2>\n<p class=\"withheld\" id=\"no-run-report\">\(HTMLText.line(note))</p>\n"
            }
            if let output = result.output {
                body += "<h2>Failed expects and errors</h2>\n<pre class=\"output\">" + HTMLText.block(output)
                    + "</pre>\n"
            }
            if let diff = result.diff {
                body += "<h2>Expected output against the output</h2>\n<pre class=\"diff\">" + Self.diff(diff)
                    + "</pre>\n"
            }
        }
        if !result.seeds.isEmpty {
            body += "<h2>Seeds</h2>\n<table class=\"seeds\">\n<thead><tr><th class=\"num\">Seed</th><th>Verdict</th>"
                + "</tr></thead>\n<tbody>\n"
            for verdict in result.seeds {
                body += "<tr><td class=\"num\">\(verdict.seed)</td>" + Self.verdictCell(verdict.outcome) + "</tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        return HTMLText.page(title: "Test " + result.name, body: body)
    }

    /// The verdict cell of a result: `NOT GRADED` for a test an interrupted run did not finish.
    static func verdictCell(_ result: TestResult) -> String {
        guard result.graded else { return "<td class=\"verdict verdict-error\">NOT GRADED</td>" }
        return verdictCell(result.outcome)
    }

    /// `FAIL`, `LIMIT (events)`, coloured by kind.
    static func verdictCell(_ outcome: TestOutcome) -> String {
        "<td class=\"verdict verdict-\(outcome.word)\">\(HTMLText.line(ReportDetails.verdict(outcome)))</td>"
    }

    /// The diff's lines, each removed or added line marked for its colour (its `-` or `+` stays, for print).
    static func diff(_ text: String) -> String {
        ReportDetails.printable(text).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let escaped = HTMLText.escape(String(line))
            if line.hasPrefix("---") || line.hasPrefix("+++") { return escaped }
            if line.hasPrefix("-") { return "<span class=\"diff-delete\">\(escaped)</span>" }
            if line.hasPrefix("+") { return "<span class=\"diff-insert\">\(escaped)</span>" }
            if line.hasPrefix("@@") { return "<span class=\"diff-hunk\">\(escaped)</span>" }
            return escaped
        }.joined(separator: "\n")
    }
}
