import SpriteScript

/// What the machine-readable reports (JUnit, TAP, Gradescope) say about a test besides its verdict, worded
/// once so that they agree with each other and with the human report.
enum ReportDetails {
    /// Stands in for a hidden test's output and diff, as the human report words it.
    static let withheld = "(a hidden test: its output is not shown)"

    /// `FAIL`, `LIMIT (events)`, `CRASH (SIGSEGV (signal 11))`.
    static func verdict(_ outcome: TestOutcome) -> String {
        switch outcome {
        case .limit(let name?): "LIMIT (\(name))"
        case .crash(let signal): "CRASH (\(OutcomeMapping.name(of: signal)))"
        default: outcome.label
        }
    }

    /// What the test wrote and its diff, one after the other; the note above for a hidden test unless
    /// `showHidden`; nil when there is neither.
    static func evidence(_ result: TestResult, showHidden: Bool) -> String? {
        let blocks = [result.output, result.diff].compactMap { $0 }
        guard !blocks.isEmpty else { return nil }
        guard !result.hidden || showHidden else { return withheld }
        return blocks.joined(separator: "\n")
    }

    /// The reason, then the evidence: the text under a test that did not pass; nil for one that passed.
    static func message(_ result: TestResult, showHidden: Bool) -> String? {
        guard !result.outcome.passed else { return nil }
        let parts = [result.reason, evidence(result, showHidden: showHidden)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    /// Each line with its control characters escaped (TerminalText): XML and YAML forbid most of them,
    /// and a line of a report must not be forged from inside a test's output.
    static func printable(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.escape(String($0)) }.joined(separator: "\n")
    }

    /// `0.123`: seconds to the millisecond, the precision JUnit's `time` takes.
    static func seconds(_ value: Double) -> String {
        let millis = Int((max(0, value) * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
