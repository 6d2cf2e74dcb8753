import Foundation
import Testing
@testable import SpriteGrading

@Suite("outcome mapping")
struct OutcomeMappingTests {
    static func verdict(_ termination: ChildExit.Termination, stdout: String = "", stderr: String = "",
                        expecting status: Int32 = 0, expected: String? = nil) -> OutcomeMapping.Verdict {
        var mapping = OutcomeMapping()
        mapping.expectedStatus = status
        mapping.expected = expected.map { (Array($0.utf8), "t.expected") }
        mapping.timeoutText = "10s"
        mapping.cpuSeconds = 11
        return mapping.verdict(for: ChildExit(termination: termination, standardOutput: Array(stdout.utf8),
                                              standardError: Array(stderr.utf8)))
    }

    @Test("each exit status means one verdict", arguments: [
        (Int32(0), TestOutcome.pass), (1, .fail), (2, .error), (3, .error), (4, .limit(nil)), (5, .error),
        (127, .error),
    ])
    func exitStatus(status: Int32, outcome: TestOutcome) {
        #expect(Self.verdict(.exited(status)).outcome == outcome)
    }

    @Test func matchingOutputPassesAndDifferentOutputFailsWithADiff() {
        #expect(Self.verdict(.exited(0), stdout: "a\n", expected: "a\n").outcome == .pass)
        let failed = Self.verdict(.exited(0), stdout: "b\n", expected: "a\n")
        #expect(failed.outcome == .fail)
        #expect(failed.reason == "the output differs from t.expected")
        #expect(failed.diff?.contains("-a\n+b") == true)
    }

    @Test func aFailedExpectIsQuotedFromTheOutput() {
        let stdout = "         0s  echo    x\n 203.2896ms  expect  FAILED  call.packets == 2, found 4  (t.sprite:5:1)\n"
        let failed = Self.verdict(.exited(1), stdout: stdout)
        #expect(failed.reason == "an expect failed")
        #expect(failed.output == " 203.2896ms  expect  FAILED  call.packets == 2, found 4  (t.sprite:5:1)")
        // A line continued under its text is kept; the next event's line is not.
        let wrapped = " 203.2896ms  expect  FAILED  call.packets == 2, found 4\n"
            + "                     (tests/week2/flaky.sprite:5:1)\n 210ms  echo    next\n"
        #expect(Self.verdict(.exited(1), stdout: wrapped).output
                == " 203.2896ms  expect  FAILED  call.packets == 2, found 4\n"
                    + "                     (tests/week2/flaky.sprite:5:1)")
    }

    @Test func aNegativeTestPassesOnlyWithTheStatusItExpects() {
        #expect(Self.verdict(.exited(1), expecting: 1).outcome == .pass)
        let ranClean = Self.verdict(.exited(0), expecting: 1)
        #expect(ranClean.outcome == .fail)
        #expect(ranClean.reason == "the script ran without error; the test expects exit status 1")
    }

    @Test func signalsAreCrashesExceptTheResourceLimitSignals() {
        #expect(Self.verdict(.signalled(SIGSEGV)).outcome == .crash(SIGSEGV))
        #expect(Self.verdict(.signalled(SIGABRT)).reason == "the test's process died of SIGABRT (signal \(SIGABRT))")
        #expect(Self.verdict(.signalled(SIGXCPU)).outcome == .limit("cpu"))
        #expect(Self.verdict(.signalled(SIGXCPU)).reason == "used more than 11s of CPU time")
        #expect(Self.verdict(.signalled(SIGXFSZ)).outcome == .limit("file-size"))
    }

    @Test func aTimeoutAndAFailedStartAreTheirOwnVerdicts() {
        #expect(Self.verdict(.timedOut).outcome == .timeout)
        #expect(Self.verdict(.timedOut).reason == "ran past its timeout of 10s; it was killed")
        #expect(Self.verdict(.failedToStart("no such file")).outcome == .error)
    }

    @Test func truncatedOutputIsAnError() {
        var mapping = OutcomeMapping()
        mapping.expected = (Array("a\n".utf8), "t.expected")
        let exit = ChildExit(termination: .exited(0), standardOutput: Array("a\n".utf8), truncated: true)
        #expect(mapping.verdict(for: exit).outcome == .error)
    }

    @Test("the limit's name is read from the diagnostic", arguments: [
        ("t.sprite:4:1: error: limit reached: the script has processed 1000 events; 1 still pending at 1s "
            + "(--limit events=1000)", "events"),
        ("t.sprite:2:1: error: limit reached: the engine and interpreter hold 9 records (1KB of file text "
            + "among them) (--limit memory=5)", "memory"),
        ("t.sprite:9:1: error: limit reached: more than 3 lines of output (limit output 3)", "output"),
        ("t.sprite:1:1: error: limit reached: 'run limit 5' stopped the run after 5 events", "run-limit"),
        ("t.sprite:1:14: error: a script may lower the events limit, not raise it: it is 1000", "events"),
        ("t.sprite:2:11: error: 'run limit 1000000000' is more than the script's event limit, 50000000 "
            + "(--limit events=50000000)", "events"),
    ])
    func limitName(line: String, name: String) {
        let stderr = "earlier text\n" + line + "\n    run\n    ^~~\n"
        #expect(LimitName.find(in: Array(stderr.utf8)) == name)
        #expect(Self.verdict(.exited(4), stderr: stderr).outcome == .limit(name))
    }

    @Test func standardErrorIsKeptAsAShortExcerpt() {
        let long = (1...50).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let excerpt = OutcomeMapping.excerpt(Array(long.utf8)) ?? ""
        let lines = excerpt.split(separator: "\n")
        #expect(lines.count == OutcomeMapping.excerptLines + 1)
        #expect(lines.last == "… (30 more lines)")
        #expect(OutcomeMapping.excerpt([]) == nil)
    }

    @Test func pointsGoOnlyToAPass() {
        let results = [TestResult(name: "a", path: "a", outcome: .pass, points: Points(3), maxPoints: Points(3)),
                       TestResult(name: "b", path: "b", outcome: .timeout, maxPoints: Points(hundredths: 150))]
        let summary = GradingSummary(results)
        #expect(summary.passed == 1 && summary.failed == 1)
        // 3 of 4.5 points: 66.666…%, shown to one decimal.
        #expect(summary.percent == 66.7)
        #expect(summary.maxPoints.description == "4.5")
    }
}

@Suite("a limit the script asks for is not a limit reached")
struct LimitRequestTests {
    @Test(arguments: [
        "t.sprite:1:14: error: a script may lower the events limit, not raise it: it is 50000000",
        "t.sprite:2:11: error: 'run limit 1000000000' is more than the script's event limit, 50000000",
    ])
    func aRefusedRequestSaysSo(line: String) {
        let stderr = Array((line + "\n").utf8)
        let verdict = OutcomeMapping().verdict(for: ChildExit(termination: .exited(4), standardError: stderr))
        #expect(verdict.reason == "the script asks for more than the run's limit allows: events")
    }

    @Test func aLimitReachedStillSaysStopped() {
        let line = "t.sprite:1:1: error: limit reached: 'run limit 5' stopped the run after 5 events\n"
        let verdict = OutcomeMapping().verdict(for: ChildExit(termination: .exited(4), standardError: Array(line.utf8)))
        #expect(verdict.reason == "a limit stopped the run: run-limit")
    }
}
