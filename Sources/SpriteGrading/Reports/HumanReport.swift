import Foundation
import SpriteScript

/// The report people read, in the style of DSLabs and pytest: one line per test, the reason and the
/// diff of each that did not pass (not for hidden tests), then `Tests passed: x/y`, `Points: a/b (p%)`
/// and `N passed, N failed`.
///
///     PASS     basics/echo         0.12s  5/5  Echo prints its line
///     FAIL     basics/stale-read   0.10s  0/5
///         the output differs from stale-read.expected
///         --- stale-read.expected
public struct HumanReport: GradingReport, Sendable {
    /// Show hidden tests' output and diff too (course staff).
    public var showHidden = false
    static let labelWidth = 8
    static let maxNameWidth = 40
    static let indent = "    "

    public init(showHidden: Bool = false) { self.showHidden = showHidden }

    public func render(_ results: [TestResult], run: RunInfo) -> String {
        let width = Self.nameWidth(results.map(\.name))
        return results.map { line(for: $0, nameWidth: width) }.joined() + footer(results, run: run)
    }

    /// What follows the tests' lines: the seed-dependent verdicts, if any, and the totals.
    public func footer(_ results: [TestResult], run: RunInfo) -> String {
        var text = ""
        let dependent = results.filter(\.seedDependent)
        if !dependent.isEmpty {
            text += "Verdicts that depend on the seed:\n"
            text += dependent.map { "\(Self.indent)\(TerminalText.escape($0.name)): \(Repeat.describe($0.seeds))\n" }
                .joined()
        }
        return text + Self.summary(results, run: run)
    }

    /// The lines of one test: its verdict line, then (unless it passed) why, and what it wrote.
    public func line(for result: TestResult, nameWidth: Int) -> String {
        // A test's name is a file name, which may hold a newline: escaped on one line, it cannot forge a line.
        let name = TerminalText.escape(result.name)
        var head = result.outcome.label.padding(toLength: Self.labelWidth, withPad: " ", startingAt: 0)
            + name + String(repeating: " ", count: max(0, nameWidth - name.count))
            + "  " + Self.seconds(result.seconds) + "  \(result.points)/\(result.maxPoints)"
        switch result.outcome {
        case .limit(let name?): head += "  (limit: \(name))"
        case .crash(let signal): head += "  (\(OutcomeMapping.name(of: signal)))"
        default: break
        }
        if let description = result.description { head += "  " + TerminalText.escape(description) }
        var lines = [head]
        if !result.outcome.passed {
            if let reason = result.reason { lines.append(Self.indent + TerminalText.escape(reason)) }
            if !result.hidden || showHidden {
                for block in [result.output, result.diff].compactMap({ $0 }) {
                    lines += block.split(separator: "\n", omittingEmptySubsequences: false).map { Self.indent + $0 }
                }
            } else {
                lines.append(Self.indent + "(a hidden test: its output is not shown)")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The column the names are padded to, so times and points line up.
    public static func nameWidth(_ names: [String]) -> Int {
        min(maxNameWidth, names.map { TerminalText.escape($0).count }.max() ?? 0)
    }

    /// `Tests passed: 3/5`, `Points: 10/20 (50%)`, `3 passed, 2 failed`; a shard says which it is.
    static func summary(_ results: [TestResult], run: RunInfo) -> String {
        let summary = GradingSummary(results)
        var shard = run.shard == .whole ? "" : "Shard \(run.shard): \(results.count) of \(run.total) tests\n"
        if summary.notGraded > 0 {
            shard += "Interrupted: \(summary.notGraded) of \(summary.total) tests not graded; "
                + "these results are not final\n"
        }
        return shard + "Tests passed: \(summary.passed)/\(summary.total)\n"
            + "Points: \(summary.points)/\(summary.maxPoints)"
            // Nothing at stake is no percentage at all, rather than a 100% that was not earned.
            + (summary.maxPoints == .zero ? "\n" : " (\(percent(summary.percent)))\n")
            + "\(summary.passed) passed, \(summary.failed) failed\n"
    }

    /// `50%`, `66.7%`.
    static func percent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }

    /// `0.12s`: hundredths, rounded.
    static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)s"
    }
}
