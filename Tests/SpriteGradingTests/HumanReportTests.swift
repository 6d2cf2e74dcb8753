@testable import SpriteGrading
import SpriteScript
import Testing

@Suite("human report")
struct HumanReportTests {
    static let results = [
        TestResult(name: "basics/echo", path: "a/basics/echo.sprite", description: "Echo prints its line",
                   outcome: .pass, points: Points(5), maxPoints: Points(5), seconds: 0.123),
        TestResult(name: "stale", path: "a/stale.sprite", outcome: .fail, maxPoints: Points(hundredths: 250),
                   seconds: 0.1, status: 0, reason: "the output differs from stale.expected",
                   diff: "--- stale.expected\n+++ output\n@@ -1,1 +1,1 @@\n-a\n+b"),
        TestResult(name: "secret", path: "a/secret.sprite", hidden: true, outcome: .limit("events"),
                   maxPoints: Points(2), seconds: 1.005, status: 4, reason: "a limit stopped the run: events",
                   output: "a/secret.sprite:3:1: error: limit reached"),
    ]

    @Test func oneLinePerTestThenTheTotals() {
        let text = HumanReport().render(Self.results, run: RunInfo(total: 3, digest: ""))
        // 5 of 9.5 points: 52.63…%, shown to one decimal.
        #expect(text == """
            PASS    basics/echo  0.12s  5/5  Echo prints its line
            FAIL    stale        0.10s  0/2.5
                the output differs from stale.expected
                --- stale.expected
                +++ output
                @@ -1,1 +1,1 @@
                -a
                +b
            LIMIT   secret       1.00s  0/2  (limit: events)
                a limit stopped the run: events
                (a hidden test: its output is not shown)
            Tests passed: 1/3
            Points: 5/9.5 (52.6%)
            1 passed, 2 failed

            """)
    }

    @Test func staffSeeHiddenOutputAndAShardSaysWhichItIs() {
        let text = HumanReport(showHidden: true).render(Array(Self.results.suffix(1)),
                                                        run: RunInfo(shard: Shard(index: 2, count: 3), total: 3,
                                                                     digest: ""))
        #expect(text.contains("    a/secret.sprite:3:1: error: limit reached\n"))
        #expect(text.contains("Shard 2/3: 1 of 3 tests\n"))
    }

    @Test func seedDependentVerdictsAreListed() {
        var flaky = Self.results[0]
        flaky.seeds = [SeedVerdict(seed: 1, outcome: .pass), SeedVerdict(seed: 2, outcome: .fail)]
        let text = HumanReport().render([flaky], run: RunInfo(total: 1, digest: ""))
        #expect(text.contains("Verdicts that depend on the seed:\n"
                              + "    basics/echo: PASS with seed 1; FAIL with seed 2\n"))
    }
}
