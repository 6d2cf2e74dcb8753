import Foundation
import SpriteKernel
import Testing
@testable import SpriteScript

/// Past the timeline's slice limit the chart says "not known" and JSON gives the numbers.
@Suite struct TimelineLimitTests {
    /// Two 100ms jobs, round robin with a 1us quantum: slice k runs [k us, k+1 us), 200,000 slices. The
    /// first 100,000 are kept (they end at 100ms); the other 100,000 start at 100ms or later, so the
    /// timeline is complete until 100ms. Drawn over 0-200ms at 5ms a column (40 columns): 20 busy, 20 '?'.
    private let script = """
        cluster { workstation ws1 }
        scheduler ws1 rr quantum 1us
        jobs ws1 { A burst 100ms; B burst 100ms }
        run
        show timeline

        """

    @Test func theChartMarksWhatWasNotKept() {
        let result = ScriptHarness.run(script + "show timeline from 99ms to 101ms\n", options: ScriptHarness.options())
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let lines = result.sink.output
        let chart = lines.first { $0.hasPrefix("  ws1 cpu0") }
        #expect(chart == "  ws1 cpu0  " + String(repeating: "A", count: 20) + String(repeating: "?", count: 20))
        #expect(lines.contains("  ? not known: slices from 100ms on were not kept (the timeline's slice limit)"))
        #expect(lines.contains("  100000 later slices were not kept (the timeline keeps the first 100000)"))
        // 99-101ms at 50us a column (40 columns): the first 20 columns end by 100ms, busy; then '?'.
        let window = lines.filter { $0.hasPrefix("  ws1 cpu0") }.last
        #expect(window == "  ws1 cpu0  " + String(repeating: "A", count: 20) + String(repeating: "?", count: 20))
    }

    /// A window wholly past what was kept (150-160ms: every slice there was dropped) is not "nothing ran":
    /// its 50 columns of 200us (10ms in at most 60: 100us would need 100) are all '?', and the note says why.
    @Test func aWindowPastTheLimitIsNotKnownNotEmpty() {
        let result = ScriptHarness.run(script + "show timeline from 150ms to 160ms\n", options: ScriptHarness.options())
        let lines = result.sink.output
        #expect(!lines.contains("  (nothing ran)"))
        #expect(lines.filter { $0.hasPrefix("  ws1 cpu0") }.last == "  ws1 cpu0  " + String(repeating: "?", count: 50))
        #expect(lines.filter { $0.hasPrefix("  ? not known: slices from 100ms on") }.count == 2)
    }

    @Test func jsonGivesTheDroppedCountAndWhereTheRowsAreComplete() throws {
        let result = ScriptHarness.run(script.replacingOccurrences(of: "show timeline\n", with:
            "show timeline from 99999us to 100ms\n"), options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let line = try #require(result.sink.output.first { $0.contains(#""table":"timeline""#) })
        JSONSchemaTests.expectValid(line)
        #expect(line.contains(#""dropped_slices":100000"#))
        #expect(line.contains(#""complete_until_ns":100000000"#))
    }
}
