/// `--report DIR`'s `index.html`: the run's totals as the human report closes, a count of each verdict, and
/// a table of every test (verdict, points, time, why it did not pass), each test that has a page linked to
/// it. A page written while the run goes on, or for a run cut short, says at the top that it is not final.
struct HTMLIndexPage {
    enum State: Equatable {
        /// Written before the first test runs: if the grader is killed, the folder says the run did not finish.
        case inProgress
        /// Written once every test is graded, or the run was interrupted (its summary then says so).
        case finished
    }

    /// `pages`: the folder (below `tests/`) of each test that has a page.
    func render(_ results: [TestResult], run: RunInfo, pages: [String: String], state: State) -> String {
        let summary = GradingSummary(results)
        var body = "<h1>Test report</h1>\n"
        if state == .inProgress {
            body += "<p class=\"banner\" id=\"not-final\">This run has not finished (or was stopped before it could "
                + "write its results): these results are not final.</p>\n"
        } else if summary.notGraded > 0 {
            body += "<p class=\"banner\" id=\"not-final\">Interrupted: \(summary.notGraded) of \(summary.total) tests "
                + "not graded; these results are not final.</p>\n"
        }
        if state == .finished {
            body += "<pre class=\"summary\">" + HTMLText.block(String(HumanReport().footer(results, run: run)
                .dropLast())) + "</pre>\n"
            body += counts(results)
        } else if run.shard != .whole {
            body += "<p>Shard \(run.shard): \(results.count) of \(run.total) tests.</p>\n"
        }
        body += "<h2>Tests</h2>\n<table class=\"tests\">\n<thead><tr><th class=\"num\">#</th><th>Test</th>"
            + "<th>Verdict</th><th class=\"num\">Points</th><th class=\"num\">Time</th><th>Notes</th></tr></thead>\n"
            + "<tbody>\n"
        for (index, result) in results.enumerated() {
            body += row(result, number: index + 1, page: pages[result.name], state: state)
        }
        body += "</tbody>\n</table>\n"
        let secondRuns = results.filter { $0.reportSeconds > 0 }
        if state == .finished, !secondRuns.isEmpty {
            let seconds = secondRuns.reduce(0) { $0 + $1.reportSeconds }
            body += "<p id=\"report-time\">Drawing the run reports ran \(secondRuns.count) "
                + "test\(secondRuns.count == 1 ? "" : "s") a second time: <span class=\"time\">"
                + HumanReport.seconds(seconds) + "</span> more, not in the times above.</p>\n"
        }
        if state == .finished, !pages.isEmpty {
            body += "<p>Each test that did not pass links to its own page: why, its diff and failed expects, and "
                + "(unless the test is hidden) the report of its run.</p>\n"
        }
        return HTMLText.page(title: "Test report", body: body)
    }

    /// How many tests ended with each verdict, in the order reports list verdicts; those that none did left out.
    private func counts(_ results: [TestResult]) -> String {
        var order: [String] = []
        var count: [String: Int] = [:]
        for result in results {
            let label = result.graded ? result.outcome.label : "NOT GRADED"
            if count[label] == nil { order.append(label) }
            count[label, default: 0] += 1
        }
        let known = ["PASS", "FAIL", "ERROR", "LIMIT", "TIMEOUT", "CRASH", "NOT GRADED"]
        let sorted = order.sorted { (known.firstIndex(of: $0) ?? 0) < (known.firstIndex(of: $1) ?? 0) }
        return "<table class=\"counts\">\n<thead><tr><th>Verdict</th><th class=\"num\">Tests</th></tr></thead>\n"
            + "<tbody>\n" + sorted.map { label in
                "<tr><td>\(label)</td><td class=\"num\">\(count[label] ?? 0)</td></tr>\n"
            }.joined() + "</tbody>\n</table>\n"
    }

    private func row(_ result: TestResult, number: Int, page: String?, state: State) -> String {
        let name = HTMLText.line(result.name)
        let shownName = page.map { "<a href=\"tests/\($0)/index.html\">\(name)</a>" } ?? name
        let verdict: String
        var notes: [String] = []
        if let text = result.description { notes.append(HTMLText.line(text)) }
        if state == .inProgress {
            verdict = "<td class=\"verdict\">—</td>"
        } else {
            verdict = HTMLTestPage.verdictCell(result)
            if !result.outcome.passed, let reason = result.reason { notes.append(HTMLText.line(reason)) }
            if result.hidden { notes.append("<span class=\"withheld\">hidden</span>") }
        }
        let points = state == .inProgress ? "\(result.maxPoints)" : "\(result.points)/\(result.maxPoints)"
        let time = state == .inProgress || !result.graded ? "" : HumanReport.seconds(result.seconds)
        return "<tr id=\"test-\(number)\"><td class=\"num\">\(number)</td><td class=\"name\">\(shownName)</td>"
            + verdict + "<td class=\"num\">\(points)</td><td class=\"num time\">\(time)</td>"
            + "<td>\(notes.joined(separator: "<br>"))</td></tr>\n"
    }
}
