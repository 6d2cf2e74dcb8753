import SpriteKernel
import Testing
@testable import SpriteScript

/// Tables too wide for 80 columns shorten headings, then leave columns out; JSON keeps them all.
@Suite struct TableFittingTests {
    private let context = RenderContext(simulation: Simulation(), labels: [:])

    private func text(_ table: Table) -> [String] {
        TextRenderer(width: 80).render(.table(table), context: context).map(\.0)
    }

    /// Ten process columns: widths 8 (name), 9 (arrival), 10 × 6 (times), 8 (switches), 9 (preempted) = 94;
    /// even with gaps of 1: 2 + 94 + 9 = 105 > 80. Short headings sw, pre: 2 + 82 + 9 = 93, still too wide;
    /// without first: 2 + 72 + 8 = 82; without finish too: 2 + 62 + 7·2 = 78 with gaps of 2.
    @Test func processTableLeavesOutFirstAndFinish() {
        let time = Cell.time(SimTime(nanoseconds: 158_811_500))
        let row: [Cell] = [.text("worker12"), .time(SimTime(nanoseconds: 24_840_600)), time, time, time, time, time,
                           time, .count(10), .count(7)]
        let table = Table(name: "process-metrics", title: "processes", columns: [
            "name", "arrival", Column("first", dropRank: 1), Column("finish", dropRank: 2), "cpu", "wait",
            "response", "turnaround", Column("switches", short: "sw"), Column("preempted", short: "pre")],
            rows: [row])
        let lines = text(table)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
        #expect(lines.contains("  name      arrival    cpu         wait        response    turnaround  sw  pre"))
        #expect(lines.contains("  sw: switches; pre: preempted"))
        #expect(lines.contains("  left out to fit 80 columns: first, finish (JSON has them)"))
        let json = JSONRenderer().render(.table(table), context: context).map(\.0).joined()
        #expect(json.contains(#""first":"#) && json.contains(#""finish":"#))
    }

    /// A table that fits is left as it is: no short headings, nothing left out, no note.
    @Test func aTableThatFitsKeepsEverything() {
        let table = Table(name: "t", title: "t", columns: ["name", Column("switches", short: "sw", dropRank: 1)],
                          rows: [[.text("A"), .count(1)]])
        #expect(text(table) == ["t", "  name  switches", "  A     1"])
    }
}

/// show outcomes with a process column: 10 columns whose least widths (event 5, time 7, node 4, process 13,
/// path 15, returned 8, unix 5, session 7, immutable 9, transaction 11) make 2 + 84 + 9 = 95 > 80 even with
/// gaps of 1; short headings (#, ret, sess, imm, txn over values '"draft', 'fresh') make 2 + 66 + 9 = 77.
@Suite struct OutcomesFittingTests {
    @Test func outcomesWithAProcessFit80Columns() {
        let result = ScriptHarness.run("""
            cluster { server fs1; workstation jack diskless; process editorprocess on jack }
            domain / on fs1
            on jack { open /home-notes.txt w; write "draft 1"; close }
            at 1s { on editorprocess { open /home-notes.txt r; read; close } }
            run
            show outcomes
            """, options: {
                var options = ScriptHarness.options()
                options.width = 80
                return options
            }())
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let lines = result.sink.output
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  # ") && $0.contains(" ret ") && $0.hasSuffix(" txn") })
        #expect(lines.contains("  #: event; ret: returned; sess: session; imm: immutable; txn: transaction"))
    }
}
