#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a test's process ended, as the runner saw it.
public struct ChildExit: Sendable, Equatable {
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// The wall-clock timeout ran out; the process group was killed.
        case timedOut
        /// The process could not be started (the reason).
        case failedToStart(String)
        /// The grader was interrupted (Ctrl-C) and killed the test's processes.
        case interrupted
    }

    public var termination: Termination
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]
    /// Output past the cap was dropped, so it cannot be compared.
    public var truncated: Bool
    public var seconds: Double

    public init(termination: Termination, standardOutput: [UInt8] = [], standardError: [UInt8] = [],
                truncated: Bool = false, seconds: Double = 0) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.truncated = truncated
        self.seconds = seconds
    }
}

/// What a test's exit means: the mapping from exit statuses and signals to verdicts.
public struct OutcomeMapping: Sendable {
    /// The status the script must exit with (`# test: expect-status`), 0 unless the header says otherwise.
    public var expectedStatus: Int32 = 0
    /// The `.expected` file's bytes and its name as reports show it; nil: no output to compare.
    public var expected: (bytes: [UInt8], name: String)?
    /// The timeout, as reports show it (`10s`).
    public var timeoutText = ""
    /// CPU seconds the process was allowed (its RLIMIT_CPU), as reports show it.
    public var cpuSeconds: Int64 = 0
    /// Lines of standard error kept in a result.
    static let excerptLines = 20
    static let excerptCharacters = 4_000

    public init() {}

    public struct Verdict: Sendable, Equatable {
        public var outcome: TestOutcome
        public var reason: String?
        public var diff: String?
        public var output: String?
    }

    public func verdict(for exit: ChildExit) -> Verdict {
        let output = Self.excerpt(exit.standardError)
        switch exit.termination {
        case .timedOut:
            return Verdict(outcome: .timeout, reason: "ran past its timeout of \(timeoutText); it was killed",
                           output: output)
        case .failedToStart(let reason):
            return Verdict(outcome: .error, reason: "the test's process could not start: \(reason)")
        case .interrupted:
            return Verdict(outcome: .error, reason: "the grader was interrupted and stopped the test", output: output)
        case .signalled(let signal):
            switch signal {
            case SIGXCPU:
                return Verdict(outcome: .limit("cpu"), reason: "used more than \(cpuSeconds)s of CPU time",
                               output: output)
            case SIGXFSZ:
                return Verdict(outcome: .limit("file-size"), reason: "tried to write a file on the host",
                               output: output)
            default:
                return Verdict(outcome: .crash(signal), reason: "the test's process died of \(Self.name(of: signal))",
                               output: output)
            }
        case .exited(let status):
            if exit.truncated {
                return Verdict(outcome: .error, reason: "wrote more output than the grader reads", output: output)
            }
            return verdict(status: status, exit: exit, output: output)
        }
    }

    private func verdict(status: Int32, exit: ChildExit, output: String?) -> Verdict {
        if status == expectedStatus {
            guard let expected, expected.bytes != exit.standardOutput else {
                return Verdict(outcome: .pass)
            }
            return Verdict(outcome: .fail, reason: "the output differs from \(expected.name)",
                           diff: UnifiedDiff.diff(expected: expected.bytes, actual: exit.standardOutput,
                                                  expectedName: expected.name),
                           output: output)
        }
        let wanted = expectedStatus == 0 ? "" : "; the test expects exit status \(expectedStatus)"
        switch status {
        case 0:
            return Verdict(outcome: .fail, reason: "the script ran without error" + wanted, output: output)
        case 1:
            // A failed expect is reported in the output, among the events: show those lines.
            let failures = Self.excerpt(Array(Self.failedExpects(exit.standardOutput).utf8))
            let shown = [failures, output].compactMap { $0 }.joined(separator: "\n")
            return Verdict(outcome: .fail, reason: "an expect failed" + wanted, output: shown.isEmpty ? nil : shown)
        case 2:
            return Verdict(outcome: .error, reason: "the script is malformed" + wanted, output: output)
        case 3:
            return Verdict(outcome: .error, reason: "a runtime error stopped the script" + wanted, output: output)
        case 4:
            let name = LimitName.find(in: exit.standardError)
            // Refused before it ran: the script asked for more than a limit allows (`limit events 1e9`,
            // `run limit N` past the event limit), which is not a limit reached while running.
            let what = LimitName.isRaiseAttempt(exit.standardError)
                ? "the script asks for more than the run's limit allows" : "a limit stopped the run"
            return Verdict(outcome: .limit(name), reason: what + (name.map { ": \($0)" } ?? "") + wanted,
                           output: output)
        case 5:
            return Verdict(outcome: .error, reason: "the script's output could not be written", output: output)
        default:
            return Verdict(outcome: .error, reason: "the test's process exited with status \(status)", output: output)
        }
    }

    /// The first lines of standard error, or nil when there were none.
    static func excerpt(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes.prefix(excerptCharacters * 4), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { return nil }
        var kept = Array(lines.prefix(excerptLines))
        if lines.count > excerptLines { kept.append("… (\(lines.count - excerptLines) more lines)") }
        let joined = kept.joined(separator: "\n")
        return joined.count > excerptCharacters ? String(joined.prefix(excerptCharacters)) + "…" : joined
    }

    /// The output's lines that report a failed expect (`  1.2ms  expect  FAILED  call.packets == 2, …`).
    /// A long one continues on lines indented past its `expect` (an event's line starts with its time, further left).
    static func failedExpects(_ standardOutput: [UInt8]) -> String {
        var kept = ""
        var continuationIndent: Int?
        for line in String(decoding: standardOutput, as: UTF8.self).split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            if let range = line.range(of: " expect  FAILED ") {
                kept += line + "\n"
                continuationIndent = line.distance(from: line.startIndex, to: range.lowerBound) + 1
            } else if let wanted = continuationIndent, indent >= wanted {
                kept += line + "\n"
            } else {
                continuationIndent = nil
            }
        }
        return kept
    }

    /// `SIGSEGV (signal 11)`.
    static func name(of signal: Int32) -> String {
        let names: [Int32: String] = [SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
                                      SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGTERM: "SIGTERM",
                                      SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ", SIGPIPE: "SIGPIPE"]
        return (names[signal].map { "\($0) " } ?? "") + "(signal \(signal))"
    }
}

/// The name of the limit a run reached, read from its diagnostic on standard error. The wording is
/// SpriteScript's (Limits.reached): `…: error: limit reached: WHAT (--limit NAME=VALUE)`, or
/// `(limit NAME VALUE)` when the script lowered it itself.
public enum LimitName {
    public static func find(in standardError: [UInt8]) -> String? {
        let text = String(decoding: standardError.prefix(1 << 16), as: UTF8.self)
        for line in text.split(separator: "\n") where line.contains("error: ") {
            if let name = name(inDiagnostic: String(line)) { return name }
        }
        return nil
    }

    /// True when the diagnostic refuses a limit the script asked for rather than one the run reached.
    public static func isRaiseAttempt(_ standardError: [UInt8]) -> Bool {
        let text = String(decoding: standardError.prefix(1 << 16), as: UTF8.self)
        return text.split(separator: "\n").contains { line in
            line.contains("error: ") && !line.contains("limit reached: ")
                && (line.contains("may lower the ") || line.contains("' is more than the script's "))
        }
    }

    static func name(inDiagnostic line: String) -> String? {
        // `'run limit N' is more than the script's event limit, …`: refused against the events limit.
        if line.contains("'run limit "), line.contains("' is more than the script's event limit") { return "events" }
        if line.contains("limit reached: 'run limit ") { return "run-limit" }
        guard line.contains("limit reached: "), line.hasSuffix(")"),
              let open = line.range(of: " (", options: .backwards) else {
            // `limit NAME VALUE` that tried to raise a limit: "a script may lower the NAME limit, not raise it".
            guard let lower = line.range(of: "may lower the ") else { return nil }
            return line[lower.upperBound...].split(separator: " ").first.map(String.init)
        }
        var inside = line[open.upperBound..<line.index(before: line.endIndex)]
        if inside.hasPrefix("--limit ") {
            inside = inside.dropFirst("--limit ".count)
            return inside.split(separator: "=").first.map(String.init)
        }
        if inside.hasPrefix("limit ") {
            return inside.dropFirst("limit ".count).split(separator: " ").first.map(String.init)
        }
        return nil
    }
}
