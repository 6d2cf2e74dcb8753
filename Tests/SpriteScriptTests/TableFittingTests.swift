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
