@testable import SpriteGrading
import SpriteScript

/// One result of every verdict, for the tests of the JUnit, TAP and Gradescope reports; the hidden one
/// and the odd characters (`#`, `<&>`, ESC, a caret line that starts with spaces) are there on purpose.
enum ReportFixture {
    static let run = RunInfo(total: 6, digest: "f94206a54cec2688", seed: 1, repeatCount: 1)

    static let results = [
        TestResult(name: "week1/small-call", path: "t/week1/small-call.sprite", description: "A small RPC",
                   outcome: .pass, points: Points(5), maxPoints: Points(5), seconds: 0.4818, status: 0),
        TestResult(name: "week2/echo-order", path: "t/week2/echo-order.sprite", outcome: .fail,
                   maxPoints: Points(hundredths: 250), seconds: 0.532, status: 0,
                   reason: "the output differs from echo-order.expected",
                   diff: "--- echo-order.expected\n+++ output\n@@ -1,2 +1,2 @@\n-a <&> \u{1B}[1m\n+b\n \n c"),
        TestResult(name: "busy", path: "t/busy.sprite", hidden: true, outcome: .limit("events"),
                   maxPoints: Points(2), seconds: 1.0049, status: 4, reason: "a limit stopped the run: events",
                   output: "t/busy.sprite:3:1: error: limit reached: events (--limit events=1000)"),
        TestResult(name: "long", path: "t/long.sprite", outcome: .timeout, maxPoints: Points(1), seconds: 1.2,
                   reason: "ran past its timeout of 1s; it was killed"),
        TestResult(name: "odd #1", path: "t/odd #1.sprite", outcome: .error, maxPoints: Points(1), seconds: 0.01,
                   status: 2, reason: "the test's header is malformed",
                   output: "t/odd #1.sprite:1:9: error: unknown test setting 'pionts'\n    # test: pionts 3\n"
                       + "            ^~~~~~"),
        TestResult(name: "crash", path: "t/crash.sprite", outcome: .crash(11), maxPoints: Points(1), seconds: 0.2,
                   reason: "the test's process died of SIGSEGV (signal 11)",
                   output: "    0.5000s  echo    started"),
    ]
}
