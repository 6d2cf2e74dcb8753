import Foundation
import Testing
@testable import SpriteGrading

/// `--report`'s second runs: what they cost is on the index and the test's page, and a test without a run
/// report says why.
@Suite("the HTML report's second runs")
struct HTMLReportSecondRunTests {
    @Test func theIndexTotalsTheSecondRunsAndAPageSaysWhyItHasNoRunReport() throws {
        var drawn = TestResult(name: "a", path: "a.sprite", outcome: .fail, maxPoints: Points(1), seconds: 2)
        drawn.runReport = HTMLReportFolder.runReportFolder
        drawn.reportSeconds = 1.5
        var cut = TestResult(name: "b", path: "b.sprite", outcome: .error, maxPoints: Points(1), seconds: 3)
        cut.runReportNote = "No run report: the second run that draws it ran past the test's timeout."
        cut.reportSeconds = 2.5
        let index = HTMLIndexPage().render([drawn, cut], run: RunInfo(total: 2, digest: ""),
                                           pages: ["a": "1-a", "b": "2-b"], state: .finished)
        // 1.5s + 2.5s, apart from the tests' own 2s and 3s.
        #expect(index.contains("<p id=\"report-time\">Drawing the run reports ran 2 tests a second time: "
                               + "<span class=\"time\">4.00s</span> more, not in the times above.</p>"), "\(index)")
        let page = HTMLTestPage().render(cut, runReport: nil)
        #expect(page.contains("<p class=\"withheld\" id=\"no-run-report\">No run report: the second run that draws "
                              + "it ran past the test&apos;s timeout.</p>"))
        #expect(HTMLTestPage().render(drawn, runReport: "run").contains("<span class=\"time\">1.50s</span>"))
        // Why a second run left none, by how it ended.
        #expect(GradingRun.why(ChildExit(termination: .signalled(SIGXFSZ), standardOutput: [], standardError: [],
                                         truncated: false, seconds: 0))
                == "wrote a file past the 64MB a report's file may reach")
    }
}
