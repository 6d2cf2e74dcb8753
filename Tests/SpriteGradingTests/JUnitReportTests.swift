@testable import SpriteGrading
import Foundation
import FoundationXML
import SpriteScript
import Testing

/// The JUnit XML: checked against the Jenkins xunit plugin's published schema (Schemas/junit-10.xsd) with
/// xmllint, read back with Foundation's XML parser, and its values checked one by one.
@Suite("JUnit report")
struct JUnitReportTests {
    static let xml = JUnitReport().render(ReportFixture.results, run: ReportFixture.run)

    @Test(.enabled(if: XMLLint.shouldRun, "xmllint is not installed (apt-get install libxml2-utils)"))
    func itIsValidAgainstThePublishedSchema() throws {
        try XMLLint.validate(Self.xml)
        try XMLLint.validate(JUnitReport(showHidden: true).render(ReportFixture.results, run: ReportFixture.run))
        try XMLLint.validate(JUnitReport().render([], run: RunInfo(total: 0, digest: "")))
        // The check can fail: a testsuite without the name and counts the schema requires.
        #expect(throws: XMLLint.Invalid.self) { try XMLLint.validate("<testsuites><testsuite/></testsuites>") }
    }

    /// What `--junit` wrote for docs/GRADING.md and the example assignment (kept fresh by AssignmentTests).
    @Test(.enabled(if: XMLLint.shouldRun, "xmllint is not installed (apt-get install libxml2-utils)"))
    func theWrittenExamplesAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/GRADING.md"), encoding: .utf8)
        var examples = page.components(separatedBy: "```xml\n").dropFirst()
            .compactMap { $0.components(separatedBy: "\n```").first }
        #expect(!examples.isEmpty, "docs/GRADING.md has no ```xml example")
        examples.append(try String(contentsOf: root.appendingPathComponent("Examples/assignment/expected/junit.xml"),
                                   encoding: .utf8))
        for example in examples { try XMLLint.validate(example) }
    }

    @Test func theCountsAndEachTestCase() throws {
        let document = try XMLDocument(xmlString: Self.xml)
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        // 6 tests: 1 pass, 1 FAIL (a failure), 4 that did not run to their end (errors).
        for element in [root] + root.elements(forName: "testsuite") {
            #expect(element.attribute(forName: "tests")?.stringValue == "6")
            #expect(element.attribute(forName: "failures")?.stringValue == "1")
            #expect(element.attribute(forName: "errors")?.stringValue == "4")
            // 0.4818 + 0.532 + 1.0049 + 1.2 + 0.01 + 0.2 = 3.4287 seconds, to the millisecond.
            #expect(element.attribute(forName: "time")?.stringValue == "3.429")
        }
        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "skipped")?.stringValue == "0")
        let cases = suite.elements(forName: "testcase")
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ReportFixture.results.map(\.name))
        #expect(cases.map { $0.attribute(forName: "classname")?.stringValue }
                == ["week1", "week2", "sprite-shell", "sprite-shell", "sprite-shell", "sprite-shell"])
        #expect(cases.first?.attribute(forName: "time")?.stringValue == "0.482")
        let kinds = cases.map { testCase in
            testCase.children?.compactMap { $0.name }.filter { $0 != "system-out" }.first ?? "-"
        }
        #expect(kinds == ["-", "failure", "error", "error", "error", "error"])
        let types = cases.compactMap { ($0.elements(forName: "failure") + $0.elements(forName: "error")).first }
            .map { $0.attribute(forName: "type")?.stringValue ?? "" }
        #expect(types == ["FAIL", "LIMIT (events)", "TIMEOUT", "ERROR", "CRASH (SIGSEGV (signal 11))"])
        let properties = suite.elements(forName: "properties").first?.elements(forName: "property") ?? []
        let pairs = properties.map { "\($0.attribute(forName: "name")?.stringValue ?? "")=" +
            "\($0.attribute(forName: "value")?.stringValue ?? "")" }
        #expect(pairs == ["seed=1", "repeat=1", "shard=1/1", "total=6", "digest=f94206a54cec2688", "points=5",
                          "max_points=12.5"])
    }

    @Test func aFailureCarriesItsReasonAndDiffAsText() throws {
        let document = try XMLDocument(xmlString: Self.xml)
        let failure = try #require(try document.nodes(forXPath: "//testcase[@name='week2/echo-order']/failure")
            .first as? XMLElement)
        #expect(failure.attribute(forName: "message")?.stringValue == "the output differs from echo-order.expected")
        // The markup characters come back as they were; ESC is escaped as the terminal output escapes it.
        #expect(failure.stringValue
                == "--- echo-order.expected\n+++ output\n@@ -1,2 +1,2 @@\n-a <&> \\u001b[1m\n+b\n \n c")
        let out = try document.nodes(forXPath: "//testcase[@name='week1/small-call']/system-out").first
        #expect(out?.stringValue == "points: 5/5\ndescription: A small RPC")
    }

    @Test func aHiddenTestsOutputIsWithheldUnlessAsked() throws {
        let path = "//testcase[@name='busy']/error"
        let plain = try XMLDocument(xmlString: Self.xml).nodes(forXPath: path).first
        #expect(plain?.stringValue == "(a hidden test: its output is not shown)")
        #expect(!Self.xml.contains("limit reached"))
        let staff = JUnitReport(showHidden: true).render(ReportFixture.results, run: ReportFixture.run)
        let shown = try XMLDocument(xmlString: staff).nodes(forXPath: path).first
        #expect(shown?.stringValue == "t/busy.sprite:3:1: error: limit reached: events (--limit events=1000)")
    }

    @Test func aShardNamesItsSuite() {
        let run = RunInfo(shard: Shard(index: 2, count: 3), total: 6, digest: "")
        #expect(JUnitReport().render([], run: run).contains("<testsuite name=\"sprite-shell test (shard 2/3)\""))
    }
}
