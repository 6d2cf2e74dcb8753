import Foundation
import Testing
@testable import SpriteGrading

/// Test names are file names, which students choose and which may hold a newline or ESC: no text report
/// may print one raw, or a name could forge a TAP test point or a PASS line.
@Suite("test names with control characters")
struct ForgedNameTests {
    static let name = "nl\nok 9 - forged\n  ---\n  verdict: PASS\n  ...\nx\u{1}\u{1B}[1m"
    static let escaped = "nl\\nok 9 - forged\\n  ---\\n  verdict: PASS\\n  ...\\nx\\u0001\\u001b[1m"
    static let result = TestResult(name: name, path: "t.sprite", outcome: .fail, maxPoints: Points(1),
                                   reason: "the output differs from \(name).expected")
    static let run = RunInfo(total: 1, digest: "")

    @Test func tapPrintsTheNameOnOneLine() {
        let tap = TAPReport().render([Self.result], run: Self.run)
        // TAP doubles each backslash of a description (TAP 14, "Escaping").
        #expect(tap.contains("not ok 1 - " + Self.escaped.replacingOccurrences(of: "\\", with: "\\\\") + "\n"))
        #expect(!tap.split(separator: "\n").contains { $0.hasPrefix("ok ") })
    }

    @Test func theHumanReportPrintsTheNameAndReasonOnOneLineEach() {
        let lines = HumanReport().render([Self.result], run: Self.run).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("FAIL    " + Self.escaped + "  "))
        #expect(lines[1] == "    the output differs from " + Self.escaped + ".expected")
        #expect(!lines.contains { $0.hasPrefix("PASS") || $0.hasPrefix("ok ") })
        // The padding counts the characters shown.
        #expect(HumanReport.nameWidth([Self.name]) == min(HumanReport.maxNameWidth, Self.escaped.count))
    }

    @Test func gradescopeNamesAreEscaped() throws {
        let json = GradescopeReport().render([Self.result], run: Self.run)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tests = try #require(document["tests"] as? [[String: Any]])
        #expect(tests.first?["name"] as? String == Self.escaped)
    }

    @Test func junitKeepsTheNameInOneAttribute() {
        let xml = JUnitReport().render([Self.result], run: Self.run)
        #expect(xml.contains("<testcase name=\"" + Self.escaped + "\""))
    }
}
