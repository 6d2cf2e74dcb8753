@testable import SpriteGrading
import SpriteScript
import Testing

/// The TAP stream, checked line by line against the rules of the TAP 14 specification
/// (testanything.org/tap-version-14-specification.html) and value by value.
@Suite("TAP report")
struct TAPReportTests {
    static let text = TAPReport().render(ReportFixture.results, run: ReportFixture.run)

    @Test func itFollowsTheTAP14Grammar() {
        #expect(TAPChecker.errors(Self.text).isEmpty, "\(TAPChecker.errors(Self.text))\n\(Self.text)")
        let staff = TAPReport(showHidden: true).render(ReportFixture.results, run: ReportFixture.run)
        #expect(TAPChecker.errors(staff).isEmpty, "\(TAPChecker.errors(staff))")
        let empty = TAPReport().render([], run: RunInfo(total: 0, digest: ""))
        #expect(TAPChecker.errors(empty).isEmpty)
        #expect(empty.hasPrefix("TAP version 14\n1..0\n"))
    }

    @Test func theCheckerRejectsWhatTheSpecForbids() {
        let good = "TAP version 14\n1..1\nok 1 - a\n  ---\n  verdict: PASS\n  ...\n"
        #expect(TAPChecker.errors(good).isEmpty)
        let broken = [
            "1..1\nok 1 - a\n",                                          // no version line
            "TAP version 14\nok 1 - a\n",                                // no plan
            "TAP version 14\n1..2\nok 1 - a\n",                          // fewer tests than planned
            "TAP version 14\n1..2\nok 1 - a\nok 3 - b\n",                // numbers out of sequence
            "TAP version 14\n1..1\nok 1 - a\n ---\n  verdict: PASS\n  ...\n", // YAML start not indented by 2
            "TAP version 14\n1..1\nok 1 - a\n  ---\n  verdict: PASS\n",  // YAML block not closed
            "TAP version 14\n1..1\nok 1 - a # b\n",                      // an unescaped # starts a directive
        ]
        for text in broken { #expect(!TAPChecker.errors(text).isEmpty, "\(text)") }
    }

    @Test func eachTestPointAndItsDiagnostics() {
        let lines = Self.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(12)) == [
            "TAP version 14", "1..6",
            "ok 1 - week1/small-call", "  ---", "  verdict: PASS", "  time: 0.48", "  points: 5", "  max_points: 5",
            "  description: \"A small RPC\"", "  ...",
            "not ok 2 - week2/echo-order", "  ---",
        ])
        #expect(Self.text.contains("""
            not ok 2 - week2/echo-order
              ---
              verdict: FAIL
              time: 0.53
              points: 0
              max_points: 2.5
              message: "the output differs from echo-order.expected"
              diff: |
                --- echo-order.expected
                +++ output
                @@ -1,2 +1,2 @@
                -a <&> \\u001b[1m
                +b
            \("     ")
                 c
              ...

            """))
        #expect(Self.text.contains("not ok 3 - busy\n  ---\n  verdict: LIMIT\n  limit: \"events\"\n"))
        #expect(Self.text.contains("  hidden: true\n  message: \"a limit stopped the run: events\"\n"
                                   + "  output: |\n    (a hidden test: its output is not shown)\n  ...\n"))
        // The name's # is escaped.
        #expect(Self.text.contains("not ok 5 - odd \\#1\n"))
        #expect(Self.text.contains("  output: |\n    t/odd #1.sprite:1:9: error: unknown test setting 'pionts'\n"
                                   + "        # test: pionts 3\n                ^~~~~~\n"))
        // An output whose first line starts with spaces is one double-quoted line.
        #expect(Self.text.contains("not ok 6 - crash\n  ---\n  verdict: CRASH\n  signal: 11\n"))
        #expect(Self.text.contains("  output: \"    0.5000s  echo    started\"\n  ...\n"))
        #expect(Self.text.hasSuffix("# Tests passed: 1/6\n# Points: 5/12.5 (40%)\n# 1 passed, 5 failed\n"))
    }
}

/// The line-level rules of TAP 14 that a producer must keep:
/// - the first line is `TAP version 14` ("Version");
/// - one plan `1..N`, before the first test point or after the last ("Plan");
/// - test points `ok`/`not ok`, numbered 1, 2, … in order, as many as the plan says ("Test Point");
/// - a description after ` - `, where `#` (a directive) and `\` appear only escaped ("Escaping");
/// - a YAML diagnostic block only right after a test point, opened by `  ---` and closed by `  ...`,
///   every line of it indented by the test point's indent plus two spaces ("YAML Diagnostics");
/// - comments start with `#`.
/// Anything else is an error here, though a lenient reader may ignore it.
enum TAPChecker {
    static func errors(_ text: String) -> [String] {
        var errors: [String] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() } else { errors.append("the stream does not end with a newline") }
        guard lines.first == "TAP version 14" else { return ["the first line is not 'TAP version 14'"] }
        var plan: Int?
        var planAt: Int?
        var points = 0
        var inYAML = false
        var afterPoint = false
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            if inYAML {
                if line == "  ..." {
                    inYAML = false
                } else if !line.hasPrefix("  ") {
                    errors.append("line \(number): a YAML line not indented by two spaces")
                }
                continue
            }
            if line == "  ---" {
                if !afterPoint { errors.append("line \(number): a YAML block that follows no test point") }
                inYAML = true
                afterPoint = false
                continue
            }
            afterPoint = false
            if let count = planCount(line) {
                if plan != nil { errors.append("line \(number): a second plan") }
                plan = count
                planAt = points
            } else if line.hasPrefix("ok") || line.hasPrefix("not ok") {
                points += 1
                errors += testPointErrors(line, expected: points).map { "line \(number): \($0)" }
                afterPoint = true
            } else if !line.hasPrefix("#") {
                errors.append("line \(number): not a TAP line: \(line)")
            }
        }
        if inYAML { errors.append("a YAML block is not closed by '  ...'") }
        guard let plan, let planAt else { return errors + ["no plan"] }
        if planAt != 0 && planAt != points { errors.append("the plan is neither first nor last") }
        if plan != points { errors.append("the plan says \(plan) tests, the stream has \(points)") }
        return errors
    }

    static func planCount(_ line: String) -> Int? {
        guard line.hasPrefix("1.."), let count = Int(line.dropFirst(3)), count >= 0 else { return nil }
        return count
    }

    static func testPointErrors(_ line: String, expected: Int) -> [String] {
        let rest = line.hasPrefix("not ok") ? line.dropFirst(6) : line.dropFirst(2)
        guard rest.hasPrefix(" ") else { return ["no number after ok"] }
        let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
        guard Int(digits) == expected else { return ["test point \(digits) where \(expected) was next"] }
        let description = rest.dropFirst(1 + digits.count)
        guard description.isEmpty || description.hasPrefix(" - ") else { return ["no ' - ' before the description"] }
        var escaped = false
        for character in description {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "#" {
                return ["an unescaped # in the description (a directive)"]
            }
        }
        return []
    }
}
