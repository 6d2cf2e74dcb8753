import Testing
@testable import SpriteScript

private let cluster = """
    cluster {
      network lan preset zero-overhead topology switched
      workstation ws1, ws2
      server fs1
    }
    dsm S pages 2 on ws1, ws2 manager central on fs1 consistency sequential fault-cpu 0s service 0s

    """

/// Compute bursts over a shared segment (`pattern … over dsm S`): each touch the node's copy does not allow is a
/// DSM fault, served as an explicit `dsm read|write` step's.
@Suite struct DSMPatternTests {
    /// zero-overhead, switched: a 32B control message 0.5256ms, a page message (4128B) 3.8024ms; the central
    /// manager fs1 owns both pages at first and holds no copy. touch 1ms, compute 10ms: touches at 0, 1 … 9ms of
    /// work, pages 0 1 0 1 …
    /// r on ws1 reads: page 0 faults at once (request 0.5256 + page 3.8024 = 4.328ms, then a confirm to fs1);
    ///   the next touch, 1ms later (5.328ms), faults on page 1: served at 9.656ms; the 8 touches after hit;
    ///   r ends at 9.656 + 9ms = 18.656ms. 2 read faults, 2 transfers, 6 messages (request, page, confirm).
    /// w on ws2 then writes (spawned at 18.656ms): page 0's request reaches fs1 (0.5256), fs1 sends the page
    ///   (3.8024), ws2 invalidates ws1's copy and waits for its acknowledgement (2 × 0.5256): 5.3792ms, and
    ///   confirms. Page 1 the same, 1ms later: served at 5.3792 + 1 + 5.3792 = 11.7584ms; w ends 9ms later,
    ///   turnaround 20.7584ms. 2 write faults, 2 transfers, 2 invalidations, 10 messages.
    /// Totals: 4 faults, 4 transfers, 2 invalidations, 16 messages; bytes 12 × 32 + 4 × 4128 = 16896B.
    @Test func aLoopOverTwoPagesFaultsOncePerPageAndNode() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            program r { pattern loop 2 pages over dsm S touch 1ms; compute 10ms }
            program w { pattern loop 2 pages over dsm S touch 1ms writes 100%; compute 10ms }
            spawn r as r on ws1
            run
            spawn w as w on ws2
            run
            expect r.finish == 18.656ms
            expect w.turnaround == 20.7584ms
            expect dsm S read-faults == 2
            expect dsm S write-faults == 2
            expect dsm S transfers == 4
            expect dsm S invalidations == 2
            expect dsm S messages == 16
            expect dsm S bytes == 16896B
            expect dsm S page 0 ping-pongs == 0
            """)
        #expect(status == .ok, "\(sink.output.joined(separator: "\n"))\n\(sink.errorText)")
    }

    /// The same run's fault log: r's faults begin at 0 and at 5.328ms (4.328 + the 1ms touch), w's at its
    /// spawn (18.656ms) and 5.3792 + 1ms later (25.0352ms). A read fault waits for request and page (2
    /// messages); a write fault for request, page, invalidation and acknowledgement (4); the confirm to the
    /// manager comes after. Each ended its slice: the timeline marks them as faults.
    @Test func theFaultLogListsEachFault() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            program r { pattern loop 2 pages over dsm S touch 1ms; compute 10ms }
            program w { pattern loop 2 pages over dsm S touch 1ms writes 100%; compute 10ms }
            spawn r as r on ws1
            run
            spawn w as w on ws2
            run
            show faults ws2 from 20ms
            show timeline
            """)
        #expect(status == .ok, "\(sink.errorText)")
        let text = sink.output.joined(separator: "\n")
        #expect(text.contains("faults on ws2 from 20ms (1 fault)"), "\(text)")
        let row = "25.0352ms  ws2   w        S        1     write   dsm-write  fs1   5.3792ms  4"
        #expect(text.contains(row), "\(text)")
        #expect(!text.contains("18.656ms   ws2"), "\(text)")
        #expect(text.contains("! a page fault"), "\(text)")
    }

    /// Without writes, a page each node already reads costs nothing: a second run of r faults on nothing.
    @Test func copiesStayForTheNextBurst() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            program r { pattern sequential over dsm S touch 1ms; compute 10ms; compute 10ms }
            spawn r as r on ws1
            run
            expect dsm S faults == 2
            expect r.turnaround == 28.656ms
            """)
        #expect(status == .ok, "\(sink.output.joined(separator: "\n"))\n\(sink.errorText)")
    }

    /// A later `pattern` over the space's own segments ends the pattern over the segment.
    @Test func aPatternOverTheSpaceEndsIt() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            space sp { data 8KB }
            program r space sp { pattern loop 2 pages over dsm S touch 1ms; compute 1ms
                                 pattern loop 2 pages over data; compute 10ms }
            spawn r as r on ws1
            run
            expect dsm S faults == 1
            """)
        #expect(status == .ok, "\(sink.output.joined(separator: "\n"))\n\(sink.errorText)")
    }
}

private let D = "cluster { workstation ws1, ws2 }\n"

let dsmPatternCases: [DiagnosticCase] = [
    .init(D + "dsm Seg pages 2 on ws1\nprogram p { pattern random over dsm Sg; compute 1ms }",
          "unknown segment 'Sg'; did you mean 'Seg'?", line: 3, column: 37, help: "declared segments: Seg"),
    .init(D + "dsm S pages 2 on ws1\nprogram p { pattern loop 3 pages over dsm S }",
          "the loop of 3 pages is longer than S's 2 pages", line: 3, column: 26, help: "at most 2 pages"),
    // 2 pages of the default 4KB: 8KB.
    .init(D + "dsm S pages 2 on ws1\nprogram p { pattern random over dsm S working-set 1TB }",
          "the working set of 1TB is larger than S's 8KB (2 pages)", line: 3, column: 51, help: "at most 8KB"),
    .init(D + "dsm S pages 2 on ws1\nprogram p { pattern trace \"0 2\" over dsm S }",
          "trace page 2 is past S's 2 pages", line: 3, column: 27, help: "0 to 1"),
    .init(D + "dsm S pages 2 on ws1\nprogram p { pattern random over dsm S writes 120% }",
          "writes is a share from 0% to 100%", line: 3, column: 46, help: "writes 10%"),
    .init(D + "dsm S pages 2 on ws1\nprogram p { pattern random over dsm S touch 0s }",
          "touch must be more than 0", line: 3, column: 45, help: "touched every T"),
    .init(D + "dsm S pages 2 on ws1\nspace sp { data 8KB; pattern random over dsm S }",
          "a space's pattern runs over its own segments", line: 3, column: 42, help: "over dsm S; compute 10ms"),
]

@Suite struct DSMPatternDiagnosticTests {
    @Test(arguments: dsmPatternCases)
    func reports(_ c: DiagnosticCase) throws {
        try c.checkFirstDiagnostic(category: false, requiresHelp: false)
    }
}

/// Completion offers `dsm` after `over`, the declared segments after it, and `show faults`.
@Suite struct DSMPatternCompletionTests {
    private func complete(_ line: String) -> [String] {
        let session = Session(options: ScriptHarness.options(), sink: BufferSink())
        let setup = D + "dsm Shared pages 4 on ws1, ws2\n"
        #expect(session.evaluate(SourceFile(name: "<input>", text: setup)) == .done)
        return session.completions(for: line, cursor: line.utf8.count, context: "")
    }

    @Test func overDSMAndItsSegments() {
        #expect(complete("program p { pattern random over ").contains("dsm"))
        #expect(complete("program p { pattern random over dsm ") == ["Shared"])
        #expect(complete("program p { pattern random over dsm Shared wr") == ["writes"])
        #expect(complete("show fa") == ["faults"])
    }
}
