import SpriteScript

/// `--gradescope FILE`: the `results.json` a Gradescope autograder leaves in /autograder/results/, with the
/// fields of Gradescope's published format (gradescope-autograders.readthedocs.io, "Autograder
/// Specifications"; described in docs/gradescope.schema.json).
///
/// A test's `score` is the points it earned and `max_score` its points; `status` says `passed` or `failed`
/// whatever the score. A `# test: hidden` test is `after_due_date`: students see it, and their total,
/// once the due date has passed, as course staff always do; its output and diff are withheld from the
/// file unless `showHidden`, so even then the answer it checks is not given away. `stdout_visibility` is
/// left out: Gradescope's default shows the autograder's standard output to staff only.
public struct GradescopeReport: GradingReport, Sendable {
    public static let hiddenVisibility = "after_due_date"
    public var showHidden = false

    public init(showHidden: Bool = false) { self.showHidden = showHidden }

    public func render(_ results: [TestResult], run: RunInfo) -> String {
        let summary = GradingSummary(results)
        // Gradescope's execution_time is how long the autograder ran: the run's wall-clock time, which with
        // --jobs is less than the tests' times summed; the sum only when the run's was not measured.
        let seconds = run.wallSeconds ?? results.reduce(0) { $0 + $1.seconds }
        let document: JSONValue = .object([
            ("score", JSONReport.value(summary.points)),
            ("execution_time", .double((seconds * 100).rounded() / 100)),
            ("output", .string(String(HumanReport().footer(results, run: run).dropLast()))),
            ("tests", .array(results.map(test))),
        ])
        return JSONLayout.pretty(document) + "\n"
    }

    func test(_ result: TestResult) -> JSONValue {
        var name = result.name
        if let description = result.description { name += ": " + description }
        var output = ReportDetails.verdict(result.outcome) + " in " + HumanReport.seconds(result.seconds)
        if let message = ReportDetails.message(result, showHidden: showHidden) { output += "\n" + message }
        return .object([
            ("name", .string(TerminalText.escape(name))),
            ("score", JSONReport.value(result.points)),
            ("max_score", JSONReport.value(result.maxPoints)),
            ("status", .string(result.outcome.passed ? "passed" : "failed")),
            ("output", .string(ReportDetails.printable(output))),
            ("visibility", .string(result.hidden ? Self.hiddenVisibility : "visible")),
        ])
    }
}
