import Foundation
import Testing

/// Examples/assignment/ graded as a course grades it: the student's answer in tests/ must give the
/// reports checked in under expected/ (read by a person; Scripts/update-assignment writes them), and the
/// course's answer in reference/ must pass every test, which shows each `.expected` is what it prints.
///
/// Times are the one thing that changes from run to run: both sides have them masked before comparing,
/// each where its format puts it (the human report's time column, TAP's `time:`, JUnit's `time="…"`,
/// Gradescope's `execution_time` and the `in 0.52s` of each test's output). Nothing else is masked.
@Suite("the example assignment")
struct AssignmentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let assignment = root.appendingPathComponent("Examples/assignment")

    static func expected(_ name: String) throws -> String {
        try String(contentsOf: assignment.appendingPathComponent("expected/\(name)"), encoding: .utf8)
    }

    /// `text` with every time replaced by `#`.
    static func masked(_ text: String) -> String {
        let patterns = [
            #"(?m)^((?:PASS|FAIL|TIMEOUT|LIMIT|ERROR|CRASH) +\S+ +)\d+\.\d\ds"#: "$1#s",
            #"(?m)^(  time: )\d+\.\d\d$"#: "$1#",
            #"( time=")[0-9.]+(")"#: "$1#$2",
            #"("execution_time": )[0-9.]+"#: "$1#",
            #"("output": "(?:PASS|FAIL|TIMEOUT|LIMIT|ERROR|CRASH)[^"]*? in )\d+\.\d\ds"#: "$1#s",
        ]
        var text = text
        for (pattern, template) in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            text = expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                       withTemplate: template)
        }
        return text
    }

    @Test func theMaskHidesTimesAndNothingElse() {
        #expect(Self.masked("FAIL    tests/a  0.52s  0/4\n  time: 0.52\n  points: 0.52\n")
                == "FAIL    tests/a  #s  0/4\n  time: #\n  points: 0.52\n")
        #expect(Self.masked("<testcase name=\"a\" time=\"0.520\">") == "<testcase name=\"a\" time=\"#\">")
        #expect(Self.masked("\"execution_time\": 3.1,\n\"output\": \"PASS in 0.61s\"")
                == "\"execution_time\": #,\n\"output\": \"PASS in #s\"")
    }

    @Test func theStudentsAnswerGivesTheCheckedInReports() throws {
        let directory = try TemporaryDirectory()
        let junit = directory.path("junit.xml"), gradescope = directory.path("results.json")
        let human = try runShell(["test", "--junit", junit, "--gradescope", gradescope, Self.assignment.path])
        #expect(human.status == 1, "\(human.stderr)")
        #expect(human.stderr.isEmpty)
        #expect(Self.masked(human.stdout) == Self.masked(try Self.expected("report.txt")), "\(human.stdout)")
        let written = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        #expect(Self.masked(written(junit)) == Self.masked(try Self.expected("junit.xml")))
        #expect(Self.masked(written(gradescope)) == Self.masked(try Self.expected("results.json")))
        let tap = try runShell(["test", "--tap", Self.assignment.path])
        #expect(tap.status == 1)
        #expect(Self.masked(tap.stdout) == Self.masked(try Self.expected("report.tap")), "\(tap.stdout)")
    }

    @Test func theCoursesAnswerPassesEveryTest() throws {
        let directory = try TemporaryDirectory()
        let tests = directory.url.appendingPathComponent("tests")
        try FileManager.default.copyItem(at: Self.assignment.appendingPathComponent("tests"), to: tests)
        let answer = tests.appendingPathComponent("_answer.sprite")
        try FileManager.default.removeItem(at: answer)
        try FileManager.default.copyItem(at: Self.assignment.appendingPathComponent("reference/_answer.sprite"),
                                         to: answer)
        let result = try runShell(["test", directory.url.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("Tests passed: 5/5\nPoints: 20/20 (100%)\n5 passed, 0 failed\n"))
    }
}
