import SpriteKernel
import Testing
@testable import SpriteScript

/// The timeline's legend letters never read as another process's name, and an empty or late window says
/// what to write instead, never a reversed or empty range.
@Suite struct TimelineLegendTests {
    private func slice(_ process: String, _ order: Int, _ row: Int = 0) -> ChartSlice {
        ChartSlice(row: row, process: process, start: .ms(Int64(order)), end: .ms(Int64(order) + 1),
                   ending: "quantum", order: order)
    }

    // Gang jobs A and B (B-1, B-2), started in that order. Before, A-2 was drawn 'B' (the name
    // of job B). Now A-1 and B-1 keep their jobs' letters, and A-2, B-2 take the next letters that name
    // nothing: C and D.
    @Test func threadsOfOneLetterJobsKeepTheirLetters() {
        let chart = TimelineChart(rowLabels: ["a cpu0", "a cpu1"],
                                  slices: [slice("A-1", 0), slice("A-2", 1, 1), slice("B-1", 2), slice("B-2", 3, 1)],
                                  from: .zero, to: .ms(4))
        #expect(chart.lines.contains("  legend: A A-1   B B-1   C A-2   D B-2"))
    }

    // Jobs list L then s1, s2 (mlfq-boost): L keeps L, and s11 (the 11th after it) passes over L.
    @Test func aOneLetterProcessIsNeverAnotherOnesLetter() {
        let names = ["L"] + (1...12).map { "s\($0)" }
        let chart = TimelineChart(rowLabels: ["ws1 cpu0"],
                                  slices: names.enumerated().map { slice($0.element, $0.offset) },
                                  from: .zero, to: .ms(13))
        let legend = chart.lines.filter { $0.hasPrefix("  legend:") || $0.hasPrefix("         ") }.joined()
        #expect(legend.contains("A s1 "))
        #expect(legend.contains("K s11   L L   M s12"))
    }

    // Names like x1 or server are not one letter: letters go in order.
    @Test func longerNamesTakeLettersInOrder() {
        #expect(TimelineChart.ownLetter("x1") == nil)
        #expect(TimelineChart.ownLetter("J-12") == "J")
        #expect(TimelineChart.ownLetter("a-b") == nil)
        #expect(TimelineChart.ownLetter("b") == "b")
    }

    // `from 10ms to 10ms` is empty, not reversed: the help gives a later end (twice the start).
    @Test func anEmptyWindowAsksForALaterEnd() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 1 }
            show timeline from 10ms to 10ms
            """)
        #expect(status == .malformed)
        #expect(error.contains("2:20: error: the window is empty: it starts and ends at 10ms"))
        #expect(error.contains("help: give 'to' a later time: from 10ms to 20ms"))
    }

    // `from 0s to 0s`: 'to' must be past zero, and that one error says it (no second one for the empty
    // window, whose help would have offered `from 0s to 0s` again).
    @Test func aZeroWindowIsOneError() {
        let diagnostics = ScriptHarness.diagnostics("cluster { server a cpus 1 }\nshow timeline from 0s to 0s")
        #expect(diagnostics.map(\.message) == ["to must be greater than zero"])
    }

    // The run ended at 30ms: a window from 1000s has nothing, and the message says where the clock is.
    @Test func aWindowPastTheClockSaysWhereTheClockIs() throws {
        let (status, _, sink) = try LimitTests.run("""
            cluster { server a cpus 1 }
            program w { compute 30ms }
            spawn w as x on a
            run
            show timeline from 1000s
            """)
        #expect(status == .ok)
        let text = sink.output.joined(separator: "\n")
        #expect(text.contains("timeline: nothing to draw from 1000s on: the simulation is at 30ms; "
                              + "give an earlier 'from'"))
        #expect(!text.contains("to 30ms"))
    }
}

/// `show processes` keeps a process's state beside its name on one line, whatever the state.
@Suite struct ProcessTableStateTests {
    // A crash kills worker-2 and helper on n2. With "worker-2 killed" the full headings make the table
    // 87 columns wide: they shorten (sw, pre) rather than the name cell breaking "killed" onto a line of its
    // own (as it did, while "x1 ready" stayed on one line).
    @Test func aKilledProcessKeepsItsStateOnItsLine() {
        var options = ScriptHarness.options()
        options.width = 80
        let (status, sink, _) = ScriptHarness.run("""
            cluster { server n1 cpus 1; server n2 cpus 1 }
            scheduler n1,n2 rr quantum 10ms
            program w { compute 30ms }
            spawn w as worker on n1,n2 threads 2
            spawn w as helper on n2
            advance 15ms
            crash n2
            show processes n2
            """, options: options)
        #expect(status == .ok)
        let lines = sink.output.flatMap { $0.split(separator: "\n").map(String.init) }
        #expect(lines.contains { $0.hasPrefix("  worker-2 killed 0s") })
        #expect(lines.contains { $0.hasPrefix("  helper killed   0s") })
        #expect(!lines.contains("  killed"))
        #expect(lines.contains("  sw: switches; pre: preempted"))
    }

    // The same 30ms run, windows reaching past the clock: one behaviour, clipped to 30ms and said. `from 40ms
    // to 50ms` lies wholly past it: the same message as `from 1000s`. `to 1000s` draws 0–30ms (500us a
    // column, 60 columns) and notes the clip.
    @Test func aWindowPastTheClockIsClippedToIt() throws {
        let (status, _, sink) = try LimitTests.run("""
            cluster { server a cpus 1 }
            program w { compute 30ms }
            spawn w as x on a
            run
            show timeline from 40ms to 50ms
            show timeline from 0s to 1000s
            """)
        #expect(status == .ok)
        let text = sink.output.joined(separator: "\n")
        #expect(text.contains("timeline: nothing to draw from 40ms on: the simulation is at 30ms"))
        #expect(text.contains("timeline from 0s to 30ms (1 slice)"))
        #expect(text.contains("  the window ends at 30ms, the simulation's time now (asked to 1000s)"))
        #expect(text.contains("one column = 500us"))
    }

    // Tick labels carry the digits their spacing needs: ticks 20us apart at 8.1014s need five decimals of a
    // second (the readable four would repeat 8.1014s); ticks 10 days apart are whole days, not 11574.0741d.
    @Test func tickLabelsTellTheTicksApart() {
        #expect(TimelineChart.tickLabel(8_101_420_000, spacing: 20_000) == "8.10142s")
        #expect(TimelineChart.tickLabel(8_101_400_000, spacing: 20_000) == "8.1014s")
        let day: Int64 = 86_400_000_000_000
        #expect(TimelineChart.tickLabel(11_574 * day + day * 741 / 10_000, spacing: 10 * day) == "11574d")
        #expect(TimelineChart.tickLabel(2_000_000_000, spacing: 1_000_000_000) == "2s")
    }
}
