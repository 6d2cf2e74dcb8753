import Foundation
import Testing
@testable import SpriteGrading

/// `--report DIR` from results alone: the index lists every test and links exactly those that did not pass,
/// each link leads to a page written, names are escaped, slugs are safe and unique, a hidden test's page
/// withholds what the other reports withhold, and the same results give the same bytes.
@Suite("the HTML report")
struct HTMLReportTests {
    /// A fresh report folder, written from `results`; removed when `body` is done.
    static func written(_ results: [TestResult], run: RunInfo = ReportFixture.run, showHidden: Bool = false,
                        _ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("html-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try HTMLReportFolder.prepare(folder.path).get()
        let report = HTMLReportFolder(path: folder.path, slugs: ReportSlug.slugs(forRun: results.map(\.name)),
                                      showHidden: showHidden)
        try report.write(results, run: run).get()
        try body(folder)
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Every `href="…"` of a page, in order.
    static func links(_ page: String) -> [String] {
        page.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
            .map(String.init)
    }

    @Test func theIndexListsEveryTestAndLinksExactlyTheOnesThatDidNotPass() throws {
        try Self.written(ReportFixture.results) { folder in
            let index = try Self.read(folder.appendingPathComponent("index.html"))
            // Six rows, one per test, numbered in the run's order.
            #expect((1...6).allSatisfy { index.contains("<tr id=\"test-\($0)\">") })
            #expect(!index.contains("<tr id=\"test-7\">"))
            // Every test but the one that passed (week1/small-call, the first) is linked.
            let slugs = ReportSlug.slugs(forRun: ReportFixture.results.map(\.name))
            let failed = ReportFixture.results.filter { !$0.outcome.passed }.map(\.name)
            #expect(Set(Self.links(index)) == Set(failed.compactMap { slugs[$0] }.map { "tests/\($0)/index.html" }))
            #expect(Self.links(index).count == 5)
            // And only those pages exist.
            let made = try FileManager.default.contentsOfDirectory(
                atPath: folder.appendingPathComponent("tests").path)
            #expect(Set(made) == Set(failed.compactMap { slugs[$0] }))
            for link in Self.links(index) {
                let page = try Self.read(folder.appendingPathComponent(link))
                // Each page leads back to the index, which exists.
                #expect(Self.links(page).first == "../../index.html")
            }
            #expect(index.contains("<pre class=\"summary\">Tests passed: 1/6\nPoints: 5/12.5 (40%)\n"
                                   + "1 passed, 5 failed</pre>"))
            #expect(index.contains("<tr><td>LIMIT</td><td class=\"num\">1</td></tr>"))
        }
    }

    @Test func aFailedTestsPageShowsWhyTheDiffAndTheOutput() throws {
        try Self.written(ReportFixture.results) { folder in
            let slugs = ReportSlug.slugs(forRun: ReportFixture.results.map(\.name))
            let slug = slugs["week2/echo-order"] ?? ""
            let page = try Self.read(folder.appendingPathComponent("tests/\(slug)/index.html"))
            #expect(page.contains("<h1>week2/echo-order</h1>"))
            #expect(page.contains("<p class=\"reason\">the output differs from echo-order.expected</p>"))
            // The diff's `<&>` and ESC are text, not markup or a terminal escape.
            #expect(page.contains("<span class=\"diff-delete\">-a &lt;&amp;&gt; \\u001b[1m</span>"))
            #expect(page.contains("<span class=\"diff-insert\">+b</span>"))
            #expect(!page.contains("\u{1B}"))
            // The fixture's results carry no run report: no link to one.
            #expect(!page.contains("run/index.html"))
        }
    }

    @Test func aHiddenTestsPageWithholdsItsOutputUnlessAskedFor() throws {
        let secret = "limit reached: events"
        try Self.written(ReportFixture.results) { folder in
            let slug = ReportSlug.slugs(forRun: ReportFixture.results.map(\.name))["busy"] ?? ""
            let page = try Self.read(folder.appendingPathComponent("tests/\(slug)/index.html"))
            #expect(!page.contains(secret))
            #expect(page.contains("(a hidden test: its output is not shown)"))
            let index = try Self.read(folder.appendingPathComponent("index.html"))
            #expect(!index.contains(secret))
        }
        var hidden = ReportFixture.results
        hidden[2].runReport = "run"
        try Self.written(hidden, showHidden: false) { folder in
            let slug = ReportSlug.slugs(forRun: hidden.map(\.name))["busy"] ?? ""
            let page = try Self.read(folder.appendingPathComponent("tests/\(slug)/index.html"))
            #expect(!page.contains("run/index.html"))
        }
        try Self.written(hidden, showHidden: true) { folder in
            let slug = ReportSlug.slugs(forRun: hidden.map(\.name))["busy"] ?? ""
            let page = try Self.read(folder.appendingPathComponent("tests/\(slug)/index.html"))
            #expect(page.contains(secret))
            #expect(page.contains("<a href=\"run/index.html\">"))
        }
    }

    /// Names a student could give files: markup, quotes, a newline that would forge a row, a slash, dots,
    /// two names equal but for case, scripts beyond ASCII, and a bidirectional override.
    static let oddNames = ["<script>alert(1)</script>", "a\"b'c", "nl\n<tr><td>PASS", "week1/Stale", "week1/stale",
                           "..", ".hidden", "ünïcödé/日本語", "\u{202E}txt.exe", "-dash",
                           String(repeating: "x", count: 300)]

    @Test func oddNamesAreEscapedEverywhere() throws {
        let results = Self.oddNames.map {
            TestResult(name: $0, path: "t.sprite", description: "<b>bold</b>", outcome: .fail, maxPoints: Points(1),
                       reason: "the output differs from \($0).expected", diff: "-<i>\n+</pre>")
        }
        try Self.written(results) { folder in
            let index = try Self.read(folder.appendingPathComponent("index.html"))
            for page in [index] + (try Self.links(index).map { try Self.read(folder.appendingPathComponent($0)) }) {
                #expect(!page.contains("<script"))
                #expect(!page.contains("<b>") && !page.contains("<i>"))
                #expect(page.components(separatedBy: "</pre>").count == page.components(separatedBy: "<pre").count)
                #expect(!page.contains("\u{202E}"))
                #expect(!page.contains("<tr><td>PASS"))
            }
            #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(index.contains("nl\\n&lt;tr&gt;&lt;td&gt;PASS"))
            #expect(index.contains("ünïcödé/日本語"))
            #expect(Self.links(index).count == Self.oddNames.count)
        }
    }

    @Test func slugsAreSafeAndUnique() {
        let names = Self.oddNames + ["", "a", "A", "a-", "a/", "a.", "0001", "CON", "a b"]
        let slugs = ReportSlug.slugs(forRun: names)
        #expect(Set(slugs.values).count == names.count)
        // Case-insensitive file systems (macOS) must not merge two: lower case only.
        #expect(Set(slugs.values.map { $0.lowercased() }).count == names.count)
        for slug in slugs.values {
            #expect(slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, "\(slug)")
            #expect(slug.first?.isNumber == true && slug.last != "-", "\(slug)")
            #expect(slug.count <= 2 + 1 + ReportSlug.maxNameCharacters, "\(slug)")
        }
        // Two digits for 20 tests; the name's letters follow.
        #expect(slugs["week1/Stale"] == "04-week1-stale")
        #expect(slugs["week1/stale"] == "05-week1-stale")
        #expect(slugs[".."] == "06")
    }

    @Test func theSameResultsGiveTheSameBytes() throws {
        var first: [String: Data] = [:]
        for round in 0..<2 {
            try Self.written(ReportFixture.results) { folder in
                let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
                var contents: [String: Data] = [:]
                for file in files where file.hasSuffix(".html") {
                    contents[file] = try Data(contentsOf: folder.appendingPathComponent(file))
                }
                if round == 0 { first = contents } else { #expect(contents == first) }
            }
        }
        #expect(first.count == 6)
    }

    @Test func anInterruptedRunSaysItIsNotFinalAndLinksOnlyTheTestsGraded() throws {
        try Self.written(InterruptedRunTests.results, run: InterruptedRunTests.run) { folder in
            let index = try Self.read(folder.appendingPathComponent("index.html"))
            #expect(index.contains("<p class=\"banner\" id=\"not-final\">Interrupted: 2 of 3 tests not graded; "
                                   + "these results are not final.</p>"))
            #expect(index.contains("<td class=\"verdict verdict-error\">NOT GRADED</td>"))
            // a passed, b and c were not graded: nothing is known of them to put on a page.
            #expect(Self.links(index).isEmpty)
        }
    }

    @Test func theIndexWrittenAtTheStartSaysTheRunHasNotFinished() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("html-start-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try HTMLReportFolder.prepare(folder.path).get()
        let report = HTMLReportFolder(path: folder.path, slugs: ReportSlug.slugs(forRun: ["a", "b", "c"]))
        try report.writeStart(InterruptedRunTests.results, run: InterruptedRunTests.run).get()
        let index = try Self.read(folder.appendingPathComponent("index.html"))
        #expect(index.contains("id=\"not-final\">This run has not finished"))
        #expect(Self.links(index).isEmpty)
    }

    @Test func aFolderWithOtherFilesIsRefusedAndAnEarlierReportIsReplaced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("html-prep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        guard case .failure(let failure) = HTMLReportFolder.prepare(folder.path) else {
            Issue.record("a folder holding notes.txt was taken for a report")
            return
        }
        #expect(failure.refused)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("notes.txt"))
        // An earlier report: every file and folder it wrote goes (HTMLReportFolderSafetyTests: only those).
        try HTMLReportFolder.prepare(folder.path).get()
        let report = HTMLReportFolder(path: folder.path, slugs: ReportSlug.slugs(forRun: ["a"]))
        let failed = TestResult(name: "a", path: "a.sprite", outcome: .fail, maxPoints: Points(1))
        try report.write([failed], run: RunInfo(total: 1, digest: "")).get()
        try HTMLReportFolder.prepare(folder.path).get()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["tests"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("tests").path)
                    .isEmpty)
    }

    @Test func aPageThatCannotBeWrittenIsNamedInTheFailure() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("html-fail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try HTMLReportFolder.prepare(folder.path).get()
        // tests/ replaced by a file: no test's folder can be made in it.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("tests"))
        try Data().write(to: folder.appendingPathComponent("tests"))
        let report = HTMLReportFolder(path: folder.path, slugs: ReportSlug.slugs(forRun: ["a"]))
        let failed = TestResult(name: "a", path: "a.sprite", outcome: .fail, maxPoints: Points(1))
        guard case .failure(let failure) = report.write([failed], run: RunInfo(total: 1, digest: "")) else {
            Issue.record("a page was written under a file")
            return
        }
        #expect(failure.reason == "cannot make tests/1-a: tests is not a folder")
        #expect(!failure.refused)
    }

    /// A page holds no more than the grader keeps of a test: its reason, an excerpt of standard error
    /// (OutcomeMapping: 20 lines, 4,000 characters) and a diff of at most 40 lines of 200 characters.
    @Test func aPageIsBoundedByWhatTheGraderKeeps() throws {
        let huge = String(repeating: "y", count: 1 << 20)
        let diff = UnifiedDiff.diff(expected: Array(String(repeating: "a\n", count: 5_000).utf8),
                                    actual: Array(String(repeating: "<\(huge)\n", count: 3).utf8), expectedName: "e")
        let output = OutcomeMapping.excerpt(Array(String(repeating: "<&>\(huge)\n", count: 50).utf8))
        let result = TestResult(name: "big", path: "big.sprite", outcome: .fail, maxPoints: Points(1),
                                reason: "the output differs from e", diff: diff, output: output)
        let page = HTMLTestPage().render(result, runReport: nil)
        // At most 40 diff lines × (200 characters, each escaped to at most 6 bytes of UTF-8 text … a few
        // kilobytes) and 4,000 characters of output, each at most 5 bytes escaped: well under 100 KB.
        #expect(page.utf8.count < 100_000)
    }
}
