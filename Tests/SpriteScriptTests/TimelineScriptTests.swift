import Foundation
import Testing
@testable import SpriteScript

/// `show timeline` across hosts from scripts: the width option's checks, the node subset, the JSON of the
/// moves and calls, and the same bytes on every run.
///
/// The scenario, on the sprite-1988 wire with the SPARCstation 1 preset (Examples/forwarded-calls.sprite):
/// `clock` is held 53.0007ms by a remote exec from ws1 to ws2, then asks the time of day 5 times, each an
/// RPC home to ws1.
private let scenario = """
    cluster { network ethernet preset sprite-1988; server fs1; workstation ws1, ws2 }
    migration preset sparcstation-1991
    trace off
    program clock { repeat 5 { compute 10ms; syscall gettimeofday 100us } }
    spawn clock as clock on ws2 home ws1
    run

    """

private let C = "cluster { workstation ws1 }\n"

private let widthCases: [DiagnosticCase] = [
    .init(C + "show timeline width 30", "the chart's width must be between 40 and 240, not 30", line: 2, column: 21,
          help: "give a whole number from 40 to 240"),
    .init(C + "show timeline ws1 from 1s width 100.5", "the chart's width must be a whole number", line: 2,
          column: 33),
    .init(C + "show timeline width 10ms", "expected a plain number like 3, found a duration '10ms'", line: 2,
          column: 21),
]

@Suite struct TimelineScriptTests {
    @Test(arguments: widthCases)
    func widthIsChecked(_ c: DiagnosticCase) throws {
        let first = try #require(ScriptHarness.diagnostics(c.script).first, "no diagnostic for:\n\(c.script)")
        #expect(first.message.contains(c.message), "message: \(first.message)")
        #expect(first.category == c.category, "category of '\(first.message)'")
        let span = try #require(first.span)
        #expect(span.line == c.line && span.column == c.column, "place of '\(first.message)'")
        if let help = c.help { #expect(first.help?.contains(help) == true, "help: \(first.help ?? "none")") }
    }

    @Test func everyFormChecksCleanly() {
        let script = C + "show timeline width 120\nshow timeline ws1 width 40\nshow timeline from 0s to 1s width 240\n"
        #expect(ScriptHarness.diagnostics(script).isEmpty)
    }

    /// The remote exec is drawn from ws1's row down to ws2's in the column of its unfreeze. The run ends at
    /// 122.9922ms: 2ms a column would take 62 of the default width's 60, so 5ms (25 columns); the unfreeze
    /// at 53.0007ms (select 18.0002 + the remote exec's state 35.0005) is column 10, frozen from column 0.
    /// The 5 calls are counted on ws2's row.
    @Test func theTextChartShowsTheMoveAndTheCalls() throws {
        let (status, sink, _) = FSScript.run(scenario + "show timeline\n")
        #expect(status == .ok)
        let lines = sink.output
        let ws1 = try #require(lines.firstIndex { $0.hasPrefix("  ws1 cpu0") })
        #expect(lines[ws1 + 1] == String(repeating: " ", count: 12) + String(repeating: "-", count: 10) + "v")
        #expect(lines[ws1 + 2].hasPrefix("  ws2 cpu0"))
        let calls = try #require(lines.first { $0.hasPrefix("     calls  ") })
        #expect(calls.filter(\.isNumber).compactMap(\.wholeNumberValue).reduce(0, +) == 5)
        #expect(lines.contains { $0.hasPrefix("    A clock  ws1 -> ws2  53.0007ms, frozen 53.0007ms  remote exec") })
    }

    /// Only ws2 drawn: no row for ws1, so no arrow, but the move is listed and the calls still counted.
    @Test func aNodeSubsetListsMovesItCannotDraw() throws {
        let (_, sink, _) = FSScript.run(scenario + "show timeline ws2\n")
        #expect(!sink.output.contains { $0.hasPrefix("  ws1 cpu0") })
        #expect(!sink.output.contains { $0.contains("v") && $0.hasPrefix("            ") })
        #expect(sink.output.contains("  1 move:") && sink.output.contains { $0.hasPrefix("     calls  ") })
    }

    /// JSON carries the same moves and calls (validated against the schema): the remote exec asked at 0s,
    /// unfrozen at 53.0007ms (53,000,728ns: 91,551,728 before, less the 38.551ms of state CPU the remote exec
    /// no longer pays), on ws2's CPU 0; the 5 calls on ws2, CPU 0, home ws1.
    @Test func jsonHasTheMovesAndCalls() throws {
        let (_, sink, _) = FSScript.run(scenario + "show timeline\n", format: .json)
        let objects = try FSScript.objects(sink)
        let timeline = try #require(objects.first { $0["table"] as? String == "timeline" })
        let moves = try #require(timeline["moves"] as? [[String: Any]])
        #expect(moves.count == 1)
        #expect(moves.first?["cause"] as? String == "script" && moves.first?["strategy"] as? String == "exec")
        #expect(moves.first?["unfrozen_ns"] as? Int == 53_000_728 && moves.first?["to_cpu"] as? Int == 0)
        let calls = try #require(timeline["forwarded_calls"] as? [[String: Any]])
        #expect(calls.count == 5)
        #expect(calls.allSatisfy { $0["node"] as? String == "ws2" && $0["home"] as? String == "ws1" })
    }

    /// On a 2-CPU node whose CPU 0 runs busy (200ms), clock goes on CPU 1: its arrow crosses the CPU 0 row
    /// (| under ws1, v under mp1 cpu0, just above mp1 cpu1) in column 10 (53.0007ms at 5ms a column), and its
    /// calls are counted under CPU 1. busy ends at 215.128ms, its 200ms and the select's 15.128ms of kernel
    /// work served on mp1's CPU 0 (2ms a column would take 108 columns): its x is in column 43.
    @Test func aMoveToAMultiprocessorEndsAtTheCPUItRanOn() throws {
        let script = """
            cluster { network ethernet preset sprite-1988; server fs1; workstation ws1; server mp1 cpus 2 }
            migration preset sparcstation-1991
            trace off
            program busy { compute 200ms }
            program clock { repeat 5 { compute 10ms; syscall gettimeofday 100us } }
            spawn busy as busy on mp1
            spawn clock as clock on mp1 home ws1
            run
            show timeline

            """
        let lines = FSScript.run(script).sink.output
        let ws1 = try #require(lines.firstIndex { $0.hasPrefix("  ws1 cpu0") })
        let blank = String(repeating: " ", count: 12)
        #expect(lines[ws1 + 1] == blank + String(repeating: "-", count: 10) + "|")
        #expect(lines[ws1 + 2].hasPrefix("  mp1 cpu0"))
        #expect(lines[ws1 + 3] == blank + String(repeating: " ", count: 10) + "v"
                + String(repeating: " ", count: 32) + "x")
        #expect(lines[ws1 + 4].hasPrefix("  mp1 cpu1") && lines[ws1 + 6].hasPrefix("     calls"))
        let objects = try FSScript.objects(FSScript.run(script, format: .json).sink)
        let timeline = try #require(objects.first { $0["table"] as? String == "timeline" })
        let moves = try #require(timeline["moves"] as? [[String: Any]])
        #expect(moves.first?["to_cpu"] as? Int == 1 && moves.first?["from_cpu"] is NSNull)
        let calls = try #require(timeline["forwarded_calls"] as? [[String: Any]])
        #expect(calls.count == 5 && calls.allSatisfy { $0["cpu"] as? Int == 1 })
    }

    @Test func theSameScriptDrawsTheSameBytes() {
        let text = scenario + "show timeline width 100\n"
        #expect(FSScript.run(text).sink.text == FSScript.run(text).sink.text)
    }
}
