import SpriteKernel
import Testing
@testable import SpriteScript

/// The text Gantt chart of `show timeline`, drawn from slices given by hand.
@Suite struct TimelineChartTests {
    private func ms(_ value: Double) -> SimTime { SimTime(nanoseconds: Int64(value * 1_000_000)) }

    /// FCFS on A 24ms, B 3ms, C 3ms arriving together: 30ms over at most 60
    /// columns is 500us a column, so A fills columns 0–47, B 48–53, C 54–59,
    /// and each ends in the last column it fills.
    @Test func theConvoyDrawnAtFiveHundredMicrosecondsAColumn() {
        let chart = TimelineChart(
            rowLabels: ["ws1 cpu0"],
            slices: [ChartSlice(row: 0, process: "A", start: .zero, end: ms(24), ending: "done"),
                     ChartSlice(row: 0, process: "B", start: ms(24), end: ms(27), ending: "done"),
                     ChartSlice(row: 0, process: "C", start: ms(27), end: ms(30), ending: "done")],
            from: .zero, to: ms(30))
        let lines = chart.lines
        #expect(lines[0] == "  time      0s        5ms       10ms      15ms      20ms      25ms")
        #expect(lines[1] == "  ws1 cpu0  " + String(repeating: "A", count: 48) + "BBBBBBCCCCCC")
        #expect(lines[2] == String(repeating: " ", count: 12) + String(repeating: " ", count: 47) + "x"
                + String(repeating: " ", count: 5) + "x" + String(repeating: " ", count: 5) + "x")
        #expect(lines[3] == "  legend: A A   B B   C C")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
    }

    /// Round robin with a 4ms quantum: A's first slice ends with its quantum (q), and a
    /// column the CPU spends less than half busy is idle.
    @Test func quantumEndsAndIdleColumns() {
        let chart = TimelineChart(
            rowLabels: ["ws1 cpu0", "ws1 cpu1"],
            slices: [ChartSlice(row: 0, process: "job1", start: .zero, end: ms(4), ending: "quantum"),
                     ChartSlice(row: 1, process: "job2", start: ms(1), end: ms(2), ending: "blocked"),
                     ChartSlice(row: 0, process: "job1", start: ms(4.2), end: ms(6), ending: "preempted")],
            from: .zero, to: ms(6))
        // 6ms in at most 60 columns: 100us a column.
        let lines = chart.lines
        #expect(lines[1] == "  ws1 cpu0  " + String(repeating: "A", count: 40) + ".."
                + String(repeating: "A", count: 18))
        #expect(lines[2].hasSuffix("q" + String(repeating: " ", count: 19) + "p"))
        #expect(lines[3] == "  ws1 cpu1  " + String(repeating: ".", count: 10) + String(repeating: "B", count: 10)
                + String(repeating: ".", count: 40))
        #expect(lines[4].hasSuffix("b"))
        #expect(lines[5] == "  legend: A job1   B job2")
        #expect(lines[6].hasPrefix("  one column = 100us"))
    }

    /// W is switched in (4-5ms) only to block on its first step at 5ms: a slice of no time, whose switch
    /// is drawn (columns 20-24 of 200us) and whose 'b' falls in the column before 5ms (24). Named by one
    /// letter each, H and W are drawn with their own letters.
    @Test func aSliceOfNoTimeShowsItsSwitchAndMark() {
        let chart = TimelineChart(
            rowLabels: ["ws1 cpu0"],
            slices: [ChartSlice(row: 0, process: "H", start: .zero, end: ms(4), ending: "quantum"),
                     ChartSlice(row: 0, process: "W", start: ms(5), end: ms(5), ending: "blocked", switchFrom: ms(4)),
                     ChartSlice(row: 0, process: "H", start: ms(6), end: ms(7), ending: "done", switchFrom: ms(5))],
            from: .zero, to: ms(7))
        #expect(chart.lines[1] == "  ws1 cpu0  " + String(repeating: "H", count: 20) + "~~~~~~~~~~HHHHH")
        #expect(chart.lines[2] == String(repeating: " ", count: 12) + String(repeating: " ", count: 19) + "q"
                + String(repeating: " ", count: 4) + "b" + String(repeating: " ", count: 9) + "x")
        #expect(chart.lines[3] == "  legend: H H   W W")
    }

    /// A context switch of 1ms before B's slice: five columns of 200us drawn '~'.
    @Test func switchesAreDrawn() {
        let chart = TimelineChart(
            rowLabels: ["ws1 cpu0"],
            slices: [ChartSlice(row: 0, process: "A", start: .zero, end: ms(4), ending: "quantum"),
                     ChartSlice(row: 0, process: "B", start: ms(5), end: ms(7), ending: "done", switchFrom: ms(4))],
            from: .zero, to: ms(7))
        // 7ms in at most 60 columns: 200us a column (100us would take 70).
        #expect(chart.lines[1] == "  ws1 cpu0  " + String(repeating: "A", count: 20) + "~~~~~"
                + String(repeating: "B", count: 10))
        #expect(chart.lines.contains { $0.hasPrefix("  one column = 200us; ~ switching") })
    }

    /// 1, 2 or 5 times a power of ten: the smallest that fits.
    @Test func columnTimes() {
        #expect(TimelineChart.columnTime(span: 30_000_000, columns: 60) == 500_000)
        #expect(TimelineChart.columnTime(span: 30_000_001, columns: 60) == 1_000_000)
        #expect(TimelineChart.columnTime(span: 100, columns: 60) == 2)
        #expect(TimelineChart.columnTime(span: 1, columns: 60) == 1)
    }
}

/// Letters follow the order processes were started, not the order they first ran.
@Suite struct TimelineLetterOrderTests {
    /// SRTF: A (8) at 0, B (4) at 1, C (9) at 2, D (5) at 3. B preempts A at 1; then D (5 < A's 7
    /// left < C's 9) runs before A and C. By first run the letters would be A A, B B, C D, D C.
    @Test func lettersFollowTheJobList() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster { workstation ws1 }
            scheduler ws1 srtf
            jobs ws1 { A burst 8ms; B at 1ms burst 4ms; C at 2ms burst 9ms; D at 3ms burst 5ms }
            run
            show timeline
            """)
        #expect(status == .ok)
        #expect(sink.output.contains("  legend: A A   B B   C C   D D"))
        #expect(sink.output.contains("  ws1 cpu0  AABBBBBBBBDDDDDDDDDDAAAAAAAAAAAAAACCCCCCCCCCCCCCCCCC"))
    }
}
