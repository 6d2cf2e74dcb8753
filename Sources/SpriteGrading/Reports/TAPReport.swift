import SpriteScript

/// `--tap`: the Test Anything Protocol, version 14 (testanything.org/tap-version-14-specification.html),
/// on standard output instead of the human report:
///
///     TAP version 14
///     1..5
///     ok 1 - week1/small-call
///       ---
///       verdict: PASS
///       time: 0.48
///       points: 5
///       max_points: 5
///       ...
///     not ok 2 - week2/echo-order
///       ---
///       verdict: FAIL
///       …
///       message: "the output differs from echo-order.expected"
///       diff: |
///         --- echo-order.expected
///       ...
///     # Tests passed: 1/2
///
/// The plan comes first (the tests are known before they run), so a reader can tell a run cut short.
/// Each test point has a YAML block, indented two spaces, between `  ---` and `  ...`; the totals close
/// the stream as comments. A hidden test's output and diff are withheld unless `showHidden`.
public struct TAPReport: GradingReport, Sendable {
    public var showHidden = false

    public init(showHidden: Bool = false) { self.showHidden = showHidden }

    public func render(_ results: [TestResult], run: RunInfo) -> String {
        header(count: results.count)
            + results.enumerated().map { point(for: $1, number: $0 + 1) }.joined()
            + footer(results, run: run)
    }

    /// The version line and the plan.
    public func header(count: Int) -> String { "TAP version 14\n1..\(count)\n" }

    /// One test point and its YAML block; `number` counts from 1.
    public func point(for result: TestResult, number: Int) -> String {
        var lines = ["\(result.outcome.passed ? "ok" : "not ok") \(number) - \(Self.description(result.name))",
                     "  ---", "  verdict: \(result.outcome.label)"]
        if case .limit(let name?) = result.outcome { lines.append("  limit: " + Self.scalar(name)) }
        if case .crash(let signal) = result.outcome { lines.append("  signal: \(signal)") }
        lines += ["  time: \(HumanReport.seconds(result.seconds).dropLast())",
                  "  points: \(result.points)", "  max_points: \(result.maxPoints)"]
        if let description = result.description { lines.append("  description: " + Self.scalar(description)) }
        if result.hidden { lines.append("  hidden: true") }
        if let reason = result.reason { lines.append("  message: " + Self.scalar(reason)) }
        if !result.outcome.passed {
            let withheld = result.hidden && !showHidden
            if let output = result.output { lines += Self.block("output", withheld ? ReportDetails.withheld : output) }
            if let diff = result.diff { lines += Self.block("diff", withheld ? ReportDetails.withheld : diff) }
        }
        if result.seedDependent { lines.append("  seeds: " + Self.scalar(Repeat.describe(result.seeds))) }
        lines.append("  ...")
        return lines.map { $0 + "\n" }.joined()
    }

    /// The totals, each line a TAP comment.
    public func footer(_ results: [TestResult], run: RunInfo) -> String {
        HumanReport.summary(results, run: run).split(separator: "\n").map { "# \($0)\n" }.joined()
    }

    /// A test point's description: `#` would start a directive and `\` escapes, so both are escaped
    /// (TAP 14, "Escaping"); control characters, a newline among them, are escaped as everywhere in a
    /// report, so a name cannot forge a test point.
    static func description(_ name: String) -> String {
        TerminalText.escape(name).replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "#", with: "\\#")
    }

    /// A YAML double-quoted scalar: the one style that takes any text on one line.
    static func scalar(_ text: String) -> String {
        "\"" + TerminalText.escape(text).replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `key: |` and the text's lines, each indented two spaces more than the key: a literal block, so a
    /// diff reads as it is, in the subset of YAML that TAP 13 readers (YAMLish) take too. A text whose
    /// first line starts with a space, which a block would take for its indentation, is one double-quoted
    /// line instead. Every line, even an empty one, keeps the block's indent, so none falls out of it.
    static func block(_ key: String, _ text: String) -> [String] {
        let printable = ReportDetails.printable(text)
        guard !printable.hasPrefix(" ") else {
            let quoted = printable.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            return ["  \(key): \"\(quoted)\""]
        }
        return ["  \(key): |"] + printable.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
    }
}
