import SpriteKernel
import Testing
@testable import SpriteScript

/// `show timeline` across hosts: migrations drawn as arrows between host rows, frozen stretches,
/// evictions and forwarded calls, from moves given by hand.
@Suite struct TimelineMoveTests {
    private func ms(_ value: Double) -> SimTime { SimTime(nanoseconds: Int64((value * 1_000_000).rounded())) }
    private let labels = ["ws1 cpu0", "ws2 cpu0", "ws3 cpu0"]

    private func move(_ from: Int, _ to: Int, frozen: Double, unfrozen: Double, evicted: Bool = false,
                      process: String = "A") -> ChartMove {
        ChartMove(process: process, from: "ws\(from + 1)", to: "ws\(to + 1)", fromRow: from, toRow: to,
                  frozen: ms(frozen), unfrozen: ms(unfrozen), cause: evicted ? "evicted at 1ms" : "migrate",
                  evicted: evicted, how: nil, unfinished: nil)
    }

    /// A chart of three idle rows over 30ms: 500us a column (60 columns), so the rows are lines 1, 2… and
    /// each row's gap (its mark line) follows it.
    private func chart(_ moves: [ChartMove], evictions: [ChartEviction] = [], calls: [ChartCall] = [],
                       width: Int = TimelineChart.defaultWidth) -> TimelineChart {
        let slice = ChartSlice(row: 0, process: "A", start: .zero, end: ms(10), ending: "blocked")
        var chart = TimelineChart(rowLabels: labels, slices: [slice], from: .zero, to: ms(30))
        (chart.moves, chart.evictions, chart.calls, chart.lineWidth) = (moves, evictions, calls, width)
        return chart
    }

    /// The mark line under row `row` of a chart whose every row has one: 12 columns of label, then cells.
    private func gap(_ lines: [String], _ row: Int) -> String { String(lines[2 + 2 * row].dropFirst(12)) }

    /// ws1 → ws2, frozen at 10ms and unfrozen at 12.3ms: the unfreeze falls in column 24 (12.3 / 0.5 = 24.6);
    /// A's slice ended blocked at its freeze, in column 19 ((10 − 0.0005) / 0.5); frozen from column 20
    /// (10 / 0.5) up to the arrow. The rows are adjacent: the head alone, on ws1's gap, just above ws2.
    @Test func aMoveDownIsItsHeadAboveTheTarget() {
        let lines = chart([move(0, 1, frozen: 10, unfrozen: 12.3)]).lines
        #expect(lines[2] == String(repeating: " ", count: 12 + 19) + "b----v")
        #expect(lines[3].hasPrefix("  ws2 cpu0  "), "ws2's chart line follows at once: \(lines)")
    }

    /// ws3 → ws1 unfrozen at 20ms, column 40: the head on ws1's gap (just under ws1), the shaft on ws2's;
    /// ws3's own gap (under ws3) has nothing. An eviction's shaft is ':'.
    @Test func aMoveUpCrossesTheRowsBetween() {
        let lines = chart([move(2, 0, frozen: 19.9, unfrozen: 20), move(2, 0, frozen: 4, unfrozen: 4.1, evicted: true)])
            .lines
        let first = gap(lines, 0), second = gap(lines, 1)
        #expect(Array(first)[40] == "^" && Array(second)[40] == "|")
        #expect(Array(first)[8] == "^" && Array(second)[8] == ":")
        #expect(lines[5] == "  ws3 cpu0  " + String(repeating: ".", count: 60))
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
    }

    /// Two moves ws1 → ws2 unfrozen in the same column (12.1 and 12.4ms, both in column 24): both heads are
    /// in that cell, so it shows their count, 2; nothing is drawn in column 25. Frozen from 12ms, column 24.
    @Test func headsSharingACellAreCounted() {
        let lines = chart([move(0, 1, frozen: 12, unfrozen: 12.1), move(0, 1, frozen: 12, unfrozen: 12.4)]).lines
        #expect(lines[2].hasSuffix("b    2") && lines[2].count == 12 + 25)
    }

    /// ws1 → ws2 and ws1 → ws3 both unfrozen at 12.3ms (column 24): each head is in column 24, next to its
    /// own target (ws1's gap for ws2, ws2's gap for ws3); the longer shaft passes behind the first head.
    /// ws3 → ws1 at 12.2ms, the same column, shares the shaft: its head ^ is on ws1's gap... which the
    /// first move's v has: two heads there, so 2; ws2's gap keeps the second move's v.
    @Test func movesInOneColumnStayInIt() {
        let two = chart([move(0, 1, frozen: 12, unfrozen: 12.3), move(0, 2, frozen: 12, unfrozen: 12.3)]).lines
        #expect(Array(gap(two, 0))[24] == "v" && Array(gap(two, 1))[24] == "v")
        #expect(gap(two, 0).count == 25 && gap(two, 1).count == 25, "nothing right of column 24: \(two)")
        let three = chart([move(0, 1, frozen: 12, unfrozen: 12.3), move(0, 2, frozen: 12, unfrozen: 12.3),
                           move(2, 0, frozen: 12, unfrozen: 12.2)]).lines
        #expect(Array(gap(three, 0))[24] == "2" && Array(gap(three, 1))[24] == "v")
    }

    /// An eviction at 7ms: E on ws2's gap in column 14; the arrow home from ws2 to ws1 unfrozen in the same
    /// column finds it free (its head is on ws1's gap, beside the b of A's slice ending at 10ms, column 19).
    @Test func evictionsAreMarkedOnTheirNode() {
        let lines = chart([move(1, 0, frozen: 7, unfrozen: 7.2, evicted: true)],
                          evictions: [ChartEviction(row: 1, at: ms(7))]).lines
        #expect(gap(lines, 0) == String(repeating: " ", count: 14) + "^    b")
        #expect(gap(lines, 1) == String(repeating: " ", count: 14) + "E")
        #expect(lines.contains("  E input on the node: its owner is back and its guests are evicted"))
    }

    /// Calls on ws2: 3 in column 2 (1–1.5ms), 12 in column 10 (5–5.5ms): "3", then "*" for ten or more, on a
    /// line labelled calls under ws2's row. The label is right-aligned to the 8 columns of the row labels.
    @Test func forwardedCallsAreCountedPerColumn() throws {
        let calls = (0..<3).map { ChartCall(row: 1, at: ms(1 + Double($0) * 0.1)) }
            + (0..<12).map { ChartCall(row: 1, at: ms(5 + Double($0) * 0.01)) }
        let lines = chart([], calls: calls).lines
        let row = lines.firstIndex { $0.hasPrefix("  ws2 cpu0") }
        let index = try #require(row)
        #expect(lines[index + 1] == "     calls  " + "  3" + String(repeating: " ", count: 7) + "*")
        #expect(lines.contains { $0.hasPrefix("  calls: location-dependent calls forwarded home") })
    }

    /// Outside the window (unfrozen after its end) or between rows not drawn: listed, never drawn.
    @Test func movesOutsideTheChartAreOnlyListed() {
        var late = move(0, 1, frozen: 29, unfrozen: 31)
        late.process = "late"
        var away = move(0, 1, frozen: 5, unfrozen: 6)
        away.toRow = nil
        let lines = chart([late, away]).lines
        #expect(!lines.contains { $0.contains("v") && $0.hasPrefix("            ") })
        #expect(lines.contains("  2 moves:"))
        #expect(lines.contains { $0.hasPrefix("    late  ws1 -> ws2  31ms, frozen 2ms") })
    }

    /// 1001 moves all unfrozen at 1ms (column 2): the first 1000 are drawn, every head in column 2, so the
    /// cell reads * (10 or more); frozen from 0.5ms, column 1; A's b stays in column 19. The last move is
    /// past the 1000 drawn at most.
    @Test func arrowsAreBounded() {
        let lines = chart((0...1000).map { _ in move(0, 1, frozen: 0.5, unfrozen: 1) }).lines
        #expect(gap(lines, 0) == " -*" + String(repeating: " ", count: 16) + "b")
        #expect(lines.contains("  not drawn: 1 move past the first 1000"))
    }

    /// Frozen at 25ms (column 50), unfrozen at 40ms, after the window: dashes to the window's end, no arrow.
    @Test func aMoveFrozenPastTheWindowIsDashesToTheEnd() {
        let lines = chart([move(0, 1, frozen: 25, unfrozen: 40)]).lines
        #expect(gap(lines, 0) == String(repeating: " ", count: 19) + "b" + String(repeating: " ", count: 30)
                + String(repeating: "-", count: 10))
        #expect(lines[3].hasPrefix("  ws2 cpu0"))
    }

    /// The list stops at 20 moves and counts the rest.
    @Test func theListIsBounded() {
        let many = (0..<25).map { move(0, 1, frozen: Double($0), unfrozen: Double($0) + 0.5) }
        let lines = chart(many).lines
        #expect(lines.filter { $0.hasPrefix("    A  ws1 -> ws2") }.count == TimelineMoveNotes.mostListed)
        #expect(lines.last == "    and 5 more (show migrations lists every one)")
    }

    /// width 120 over 100ms: 120 − 4 − 8 = 108 columns of room, so 1ms a column (100 columns; the default
    /// width's 60 would need 2ms). The move unfrozen at 50.7ms is drawn in column 50; no line passes 120.
    @Test func widthGivesMoreColumns() {
        var wide = chart([move(0, 1, frozen: 50, unfrozen: 50.7)], width: 120)
        wide = TimelineChart(rowLabels: labels, slices: wide.slices, from: .zero, to: ms(100), moves: wide.moves,
                             lineWidth: 120)
        let lines = wide.lines
        #expect(lines[1].count == 12 + 100)
        #expect(gap(lines, 0).hasSuffix(String(repeating: " ", count: 10) + "v") && gap(lines, 0).count == 51)
        #expect(lines.allSatisfy { $0.count <= 120 }, "\(lines)")
    }
}
