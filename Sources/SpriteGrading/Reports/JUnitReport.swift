import SpriteScript

/// `--junit FILE`: JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters), valid against
/// the Jenkins xunit plugin's junit-10.xsd. One `testsuite` holds the run's tests, in name order.
///
/// A FAIL (the scenario ran to its end and a check said no) is a `failure`; a test that did not run to
/// its end (TIMEOUT, LIMIT, ERROR, CRASH) is an `error`, as JUnit reports a test that timed out or threw.
/// The element's `type` is the verdict, its `message` the one-line reason, its text what the test wrote
/// and the diff (withheld for a hidden test unless `showHidden`). `system-out` carries the points, which
/// JUnit has no field for, and the description.
public struct JUnitReport: GradingReport, Sendable {
    public static let suiteName = "sprite-shell test"
    public var showHidden = false

    public init(showHidden: Bool = false) { self.showHidden = showHidden }

    public func render(_ results: [TestResult], run: RunInfo) -> String {
        let summary = GradingSummary(results)
        let failures = results.filter { $0.outcome == .fail }.count
        let skipped = summary.notGraded
        let errors = results.count - summary.passed - failures - skipped
        let time = ReportDetails.seconds(results.reduce(0) { $0 + $1.seconds })
        let name = run.shard == .whole ? Self.suiteName : "\(Self.suiteName) (shard \(run.shard))"
        let counts = "tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\""
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<testsuites name=\(Self.quoted(name)) \(counts) time=\"\(time)\">",
                     "  <testsuite name=\(Self.quoted(name)) \(counts) skipped=\"\(skipped)\" time=\"\(time)\">",
                     "    <properties>"]
        let properties = [("seed", String(run.seed)), ("repeat", String(run.repeatCount)),
                          ("shard", run.shard.description), ("total", String(run.total)), ("digest", run.digest),
                          ("points", summary.points.description), ("max_points", summary.maxPoints.description)]
            + (skipped > 0 ? [("not_graded", String(skipped))] : [])
        lines += properties.map { "      <property name=\"\($0.0)\" value=\(Self.quoted($0.1))/>" }
        lines.append("    </properties>")
        for result in results { lines += testcase(result) }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    func testcase(_ result: TestResult) -> [String] {
        let className = Self.quoted(Self.className(result.name))
        let open = "    <testcase name=\(Self.quoted(result.name)) classname=\(className) "
            + "time=\"\(ReportDetails.seconds(result.seconds))\">"
        var lines = [open]
        if !result.graded {
            // Not run to its end: skipped, which no CI reader takes for a pass or for a verdict on the code.
            lines.append("      <skipped message=\(Self.quoted(result.reason ?? "not graded"))/>")
        } else if !result.outcome.passed {
            let element = result.outcome == .fail ? "failure" : "error"
            let message = result.reason ?? ReportDetails.verdict(result.outcome)
            var head = "      <\(element) type=\(Self.quoted(ReportDetails.verdict(result.outcome))) "
                + "message=\(Self.quoted(message))"
            if let evidence = ReportDetails.evidence(result, showHidden: showHidden) {
                head += ">" + Self.escaped(ReportDetails.printable(evidence)) + "</\(element)>"
            } else {
                head += "/>"
            }
            lines.append(head)
        }
        var info = ["points: \(result.points)/\(result.maxPoints)"]
        if let description = result.description { info.append("description: \(description)") }
        if result.hidden { info.append("hidden: yes") }
        if result.seedDependent { info.append("seeds: " + Repeat.describe(result.seeds)) }
        lines.append("      <system-out>" + Self.escaped(ReportDetails.printable(info.joined(separator: "\n")))
                     + "</system-out>")
        lines.append("    </testcase>")
        return lines
    }

    /// `week1/small-call` → `week1`, `a/b/c` → `a.b`: the folders, dotted as JUnit's packages are; a
    /// test at the top is in the suite's own class.
    static func className(_ name: String) -> String {
        guard let slash = name.lastIndex(of: "/") else { return "sprite-shell" }
        return name[..<slash].replacingOccurrences(of: "/", with: ".")
    }

    /// Text content: `&`, `<` and `>` escaped, and the characters XML 1.0 cannot hold at all
    /// (U+FFFE, U+FFFF; the controls are escaped before) written as `\ufffe`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\u{FFFE}", "\u{FFFF}": out += "\\u" + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An attribute value in double quotes, on one line: a newline or tab is written `\n`, `\t` (a
    /// reader would turn a plain one into a space).
    static func quoted(_ text: String) -> String {
        let value = escaped(TerminalText.escape(text)).replacingOccurrences(of: "\"", with: "&quot;")
        return "\"" + value + "\""
    }
}
