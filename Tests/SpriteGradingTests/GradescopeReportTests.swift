import Foundation
import Testing
@testable import SpriteGrading

/// Gradescope's results.json, value by value (its fields are checked against docs/gradescope.schema.json,
/// written from Gradescope's published field list, by GradescopeSchemaTests).
@Suite("Gradescope report")
struct GradescopeReportTests {
    static func document(showHidden: Bool = false) throws -> [String: Any] {
        let text = GradescopeReport(showHidden: showHidden).render(ReportFixture.results, run: ReportFixture.run)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theTopLevelFields() throws {
        let document = try Self.document()
        #expect(Array(document.keys).sorted() == ["execution_time", "output", "score", "tests"])
        #expect(document["score"] as? Double == 5)
        // 0.4818 + 0.532 + 1.0049 + 1.2 + 0.01 + 0.2 = 3.4287 seconds, to the hundredth.
        #expect(document["execution_time"] as? Double == 3.43)
        #expect(document["output"] as? String == "Tests passed: 1/6\nPoints: 5/12.5 (40%)\n1 passed, 5 failed")
    }

    /// Tests run with --jobs overlap: the run's wall-clock time, not the sum of the tests' times, is how long
    /// the autograder ran, which is what Gradescope's execution_time means. Here the six tests (3.4287 s
    /// summed) ran in 1.2345 s: 1.23 to the hundredth.
    @Test func theExecutionTimeIsTheRunsWallTime() throws {
        var run = ReportFixture.run
        run.wallSeconds = 1.2345
        let text = GradescopeReport().render(ReportFixture.results, run: run)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["execution_time"] as? Double == 1.23)
    }

    /// Control characters are escaped, as in the other reports: a `text` output shows them raw.
    @Test func eachTest() throws {
        let tests = try #require(try Self.document()["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == ["week1/small-call: A small RPC", "week2/echo-order", "busy",
                                                         "long", "odd #1", "crash"])
        #expect(tests.map { $0["score"] as? Double } == [5, 0, 0, 0, 0, 0])
        #expect(tests.map { $0["max_score"] as? Double } == [5, 2.5, 2, 1, 1, 1])
        #expect(tests.map { $0["status"] as? String } == ["passed", "failed", "failed", "failed", "failed", "failed"])
        // `# test: hidden` → after_due_date: shown to students once the due date has passed.
        #expect(tests.map { $0["visibility"] as? String }
                == ["visible", "visible", "after_due_date", "visible", "visible", "visible"])
        #expect(tests.first?["output"] as? String == "PASS in 0.48s")
        #expect(tests[1]["output"] as? String == "FAIL in 0.53s\nthe output differs from echo-order.expected\n"
                + "--- echo-order.expected\n+++ output\n@@ -1,2 +1,2 @@\n-a <&> \\u001b[1m\n+b\n \n c")
        #expect(tests[3]["output"] as? String == "TIMEOUT in 1.20s\nran past its timeout of 1s; it was killed")
        #expect(tests[5]["output"] as? String == "CRASH (SIGSEGV (signal 11)) in 0.20s\n"
                + "the test's process died of SIGSEGV (signal 11)\n    0.5000s  echo    started")
    }

    @Test func aHiddenTestsOutputIsWithheldUnlessAsked() throws {
        let plain = try #require(try Self.document()["tests"] as? [[String: Any]])
        #expect(plain[2]["output"] as? String == "LIMIT (events) in 1.00s\na limit stopped the run: events\n"
                + "(a hidden test: its output is not shown)")
        let staff = try #require(try Self.document(showHidden: true)["tests"] as? [[String: Any]])
        #expect(staff[2]["output"] as? String == "LIMIT (events) in 1.00s\na limit stopped the run: events\n"
                + "t/busy.sprite:3:1: error: limit reached: events (--limit events=1000)")
    }
}
