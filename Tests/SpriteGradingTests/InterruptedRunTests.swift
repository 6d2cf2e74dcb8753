import Foundation
import Testing
@testable import SpriteGrading

/// A run cut short (Ctrl-C, a CI job's SIGTERM) must not leave reports that pass for a complete run: every
/// test is listed, those not graded say so, and the totals count them.
@Suite("an interrupted run's reports")
struct InterruptedRunTests {
    static let run = RunInfo(total: 3, digest: "0000000000000000")

    /// a passed (2 points); b was killed by the interruption (1 point); c never started (7 points).
    static var results: [TestResult] {
        var killed = TestResult(name: "b", path: "b.sprite", outcome: .error, maxPoints: Points(1), seconds: 2,
                                reason: "the grader was interrupted and stopped the test")
        killed.graded = false
        let grading = GradingRun(options: GradingOptions(), runner: ChildRunner(executable: "/nonexistent"))
        let tests = ["a", "b", "c"].map { TestCase(name: $0, path: "/nonexistent/\($0).sprite", expectedPath: nil) }
        let passed = TestResult(name: "a", path: "a.sprite", outcome: .pass, points: Points(2), maxPoints: Points(2))
        return grading.complete([passed, killed], of: tests)
    }

    @Test func everyTestIsListedAndTheOnesNotRunAreNotGraded() {
        let results = Self.results
        #expect(results.map(\.name) == ["a", "b", "c"])
        #expect(results.map(\.graded) == [true, false, false])
        #expect(results[2].reason == "not graded: the run was interrupted before this test")
        #expect(GradingSummary(results).notGraded == 2)
    }

    @Test func theHumanAndGradescopeTotalsSayTheRunIsNotFinal() throws {
        let footer = HumanReport().footer(Self.results, run: Self.run)
        #expect(footer.hasPrefix("Interrupted: 2 of 3 tests not graded; these results are not final\n"))
        let document = try #require(try JSONSerialization.jsonObject(
            with: Data(GradescopeReport().render(Self.results, run: Self.run).utf8)) as? [String: Any])
        #expect((document["output"] as? String)?.hasPrefix("Interrupted: 2 of 3 tests not graded") == true)
        // The tests not graded are there, failed, so the score is out of every test's points: 2 of 2+1+1.
        let tests = try #require(document["tests"] as? [[String: Any]])
        #expect(tests.map { $0["status"] as? String } == ["passed", "failed", "failed"])
    }

    @Test func junitSkipsTheTestsNotGraded() throws {
        let xml = JUnitReport().render(Self.results, run: Self.run)
        #expect(xml.contains("errors=\"0\" skipped=\"2\""))
        #expect(xml.contains("<skipped message=\"not graded: the run was interrupted before this test\"/>"))
        #expect(xml.contains("<property name=\"not_graded\" value=\"2\"/>"))
        if XMLLint.shouldRun { try XMLLint.validate(xml) }
    }

    @Test func anInterruptedShardIsNotMerged() throws {
        let json = JSONReport().render(Self.results, run: Self.run)
        #expect(json.contains("\"not_graded\": 2"))
        #expect(throws: JSONReport.ReadError.self) { try JSONReport.read(Array(json.utf8)) }
    }
}
