import Testing
@testable import SpriteScript

/// Zero-overhead switched LAN, free traps and service: only the protocol's messages count.
private func cluster(_ workstations: String) -> String {
    "cluster { workstation \(workstations); server fs1; network lan preset zero-overhead topology switched }\n"
}

private let free = "fault-cpu 0s service 0s"

/// Lazy release's write notices travel by vector time, through any chain of locks and barriers; eager
/// release updates the page's home; a diff is the byte runs an interval changed; DSM locks and barriers
/// are misused only with a runtime error.
@Suite struct DSMSynchronisationTests {
    private func output(_ sink: BufferSink) -> String { sink.output.joined(separator: "\n") }

    /// Four workers meet at a 2-party barrier 30 times each: 120 arrivals, 60 episodes of 2. A release
    /// of one episode may reach its waiter after the barrier's next episode has released (two workers
    /// that write end intervals, the others do not): each release carries its own episode's vector time,
    /// so every worker passes its 30 barriers and finishes.
    @Test func aBarrierReleaseDeliveredAfterTheNextEpisodeIsItsOwn() {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2, ws3, ws4") + """
            dsm S pages 4 on ws1, ws2, ws3, ws4 manager central on fs1 consistency lazy-release \(free)
            program p1 { repeat 30 { dsm write S 0B; dsm barrier B parties 2 } }
            program p2 { repeat 30 { dsm write S 4096B; dsm barrier B parties 2 } }
            program p3 { repeat 30 { dsm barrier B parties 2 } }
            program p4 { repeat 30 { dsm barrier B parties 2 } }
            spawn p1 on ws1
            spawn p2 on ws2
            spawn p3 on ws3
            spawn p4 on ws4
            run
            expect p1.finish >= 0s
            expect p2.finish >= 0s
            expect p3.finish >= 0s
            expect p4.finish >= 0s
            """)
        #expect(status == .ok, "\(sink.errorText)\n\(output(sink))")
    }

    /// The same with the release lost to a partition: a (ws1) and b (ws2) meet at episode 1 at about
    /// 5.9ms; its release to ws2 is cut off at 6ms; a and c (12ms) make episode 2. The retransmission
    /// after the heal at 20ms still brings episode 1's time: b finishes.
    @Test func aBarrierReleaseRetransmittedAfterAPartitionIsItsOwn() {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2, ws3") + """
            dsm S pages 2 on ws1, ws2, ws3 manager central on fs1 consistency lazy-release \(free)
            program a { dsm write S 0B; dsm barrier B parties 2; dsm barrier B parties 2 }
            program b { compute 1ms; dsm write S 4096B; dsm barrier B parties 2 }
            program c { compute 12ms; dsm barrier B parties 2 }
            spawn a on ws1
            spawn b on ws2
            spawn c on ws3
            at 6ms { partition ws2 | fs1, ws1, ws3 }
            at 20ms { heal }
            run
            expect a.finish >= 0s
            expect b.finish > 20ms
            expect c.finish >= 0s
            """)
        #expect(status == .ok, "\(sink.errorText)\n\(output(sink))")
    }

    /// Everyone holds page 0. w (ws1) writes 8B under A at 50ms; m (ws2) takes A at 100ms (w's interval
    /// happens-before), then releases B; z (ws3) takes B at 150ms. w's release -> m's acquire of A -> m's
    /// release of B -> z's acquire of B: z's grant carries w's notice though w never touched B, z's copy
    /// is invalidated and its read fetches w's diff. m reads nothing after its invalidation, so 1 diff in
    /// all: 8B run header + 8B = 16B.
    @Test func aWriteNoticeTravelsThroughAChainOfLocks() {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2, ws3") + """
            trace faults
            dsm S pages 1 on ws1, ws2, ws3 manager central on fs1 consistency lazy-release \(free)
            program r { dsm read S 0B }
            program w { compute 50ms; dsm acquire A; dsm write S 0B size 8B; dsm release A }
            program m { compute 100ms; dsm acquire A; dsm release A; dsm acquire B; dsm release B }
            program z { compute 150ms; dsm acquire B; dsm read S 0B; dsm release B }
            spawn r as r1 on ws1
            spawn r as r2 on ws2
            spawn r as r3 on ws3
            spawn w as w1 on ws1
            spawn m as m2 on ws2
            spawn z as z3 on ws3
            run
            expect dsm S diffs == 1
            expect stats.dsm-diff-bytes == 16B
            """)
        #expect(status == .ok, "\(output(sink))")
        let invalidations = sink.output.filter { $0.contains("dsm invalidate S page 0 (for ws1)") }
        #expect(invalidations.count == 2, "ws2 by m's grant of A, ws3 by z's grant of B")
        #expect(invalidations.contains { $0.contains("ws3") })
    }

    /// The same chain through a barrier: m (ws2) takes A after w's release, then meets z (ws3) at barrier
    /// B parties 2. m's arrival carries a time that includes w's interval; the episode's release gives it
    /// to z, who is invalidated and fetches w's diff: 1 diff.
    @Test func aWriteNoticeTravelsThroughALockThenABarrier() {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2, ws3") + """
            trace faults
            dsm S pages 1 on ws1, ws2, ws3 manager central on fs1 consistency lazy-release \(free)
            program r { dsm read S 0B }
            program w { compute 50ms; dsm acquire A; dsm write S 0B size 8B; dsm release A }
            program m { compute 100ms; dsm acquire A; dsm release A; dsm barrier B parties 2 }
            program z { compute 150ms; dsm barrier B parties 2; dsm read S 0B }
            spawn r as r1 on ws1
            spawn r as r2 on ws2
            spawn r as r3 on ws3
            spawn w as w1 on ws1
            spawn m as m2 on ws2
            spawn z as z3 on ws3
            run
            expect dsm S diffs == 1
            """)
        #expect(status == .ok, "\(output(sink))")
        #expect(sink.output.contains { $0.contains("ws3") && $0.contains("dsm invalidate S page 0 (for ws1)") })
    }

    /// Eager release with the central manager on fs1, off the segment: fs1 owns and serves page 0. ws1
    /// holds the only participant copy; w's release has no other holder, and pushes its diff (one 8B run:
    /// 8 + 8 = 16B) to the home fs1, so z's later fault on ws4 gets a current page. 1 diff, 16B.
    @Test func eagerReleaseUpdatesAHomeOffTheSegment() {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2, ws3, ws4") + """
            dsm S pages 1 on ws1, ws2, ws3, ws4 manager central on fs1 consistency release \(free)
            program r { dsm read S 0B }
            program w { compute 50ms; dsm acquire L; dsm write S 0B size 8B; dsm release L }
            program z { compute 150ms; dsm acquire L; dsm read S 0B; dsm release L }
            spawn r as r1 on ws1
            spawn w as w1 on ws1
            spawn z as z4 on ws4
            run
            expect dsm S diffs == 1
            expect stats.dsm-diff-bytes == 16B
            """)
        #expect(status == .ok, "\(output(sink))")
    }

    /// A diff is the byte runs the interval changed. 10 writes of bytes 0..7, then 8..15 and 16..23:
    /// one run of 24B (adjacent runs merge): 8 + 24 = 32B. 1000 writes of one word: one run, 8 + 8 = 16B.
    @Test(arguments: [("repeat 10 { dsm write S 0B size 8B }; dsm write S 8B size 8B; dsm write S 16B size 8B",
                       32), ("repeat 1000 { dsm write S 0B size 8B }", 16)])
    func aDiffIsTheChangedRuns(_ writes: String, _ bytes: Int) {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2") + """
            dsm S pages 1 on ws1, ws2 manager central on fs1 consistency lazy-release \(free)
            program r { dsm read S 0B }
            program w { compute 50ms; dsm acquire L; \(writes); dsm release L }
            program a { compute 100ms; dsm acquire L; dsm read S 0B; dsm release L }
            spawn r as r1 on ws1
            spawn r as r2 on ws2
            spawn w as w1 on ws1
            spawn a as a2 on ws2
            run
            expect stats.dsm-diffs == 1
            expect stats.dsm-diff-bytes == \(bytes)B
            """)
        #expect(status == .ok, "\(output(sink))")
    }

    /// A diff never outgrows its page: on a 64B page, 1-byte writes at every other byte make 32 runs,
    /// 32 x 8 + 32 = 288B; the whole page as one run is smaller: 8 + 64 = 72B.
    @Test func aDiffIsNeverLargerThanThePage() {
        let writes = stride(from: 0, to: 64, by: 2).map { "dsm write S \($0)B size 1B" }.joined(separator: "; ")
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2") + """
            dsm S pages 1 page 64B on ws1, ws2 manager central on fs1 consistency lazy-release \(free)
            program r { dsm read S 0B }
            program w { compute 50ms; dsm acquire L; \(writes); dsm release L }
            program a { compute 100ms; dsm acquire L; dsm read S 0B; dsm release L }
            spawn r as r1 on ws1
            spawn r as r2 on ws2
            spawn w as w1 on ws1
            spawn a as a2 on ws2
            run
            expect stats.dsm-diff-bytes == 72B
            """)
        #expect(status == .ok, "\(output(sink))")
    }

    /// Like a local lock, a DSM lock is not reentrant: status 3.
    @Test func reacquiringAHeldDSMLockIsARuntimeError() {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2") + """
            dsm S pages 1 on ws1, ws2 \(free)
            program p { dsm acquire L; dsm acquire L; dsm write S 0B }
            spawn p on ws1
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errorText.contains("took 'dsm acquire L' at 0s while holding L"), "\(sink.errorText)")
    }

    /// A process that ends holding a DSM lock releases it, as with local locks: the second acquirer gets
    /// it and both finish. Released in a loop, the lock may be acquired again before the manager has the
    /// release: no error then.
    @Test func aProcessEndingWithADSMLockReleasesIt() {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2") + """
            dsm S pages 1 on ws1, ws2 consistency lazy-release \(free)
            program p { repeat 3 { dsm acquire L; dsm write S 0B; dsm release L }; dsm acquire L; dsm write S 0B }
            spawn p as p1 on ws1
            spawn p as p2 on ws2
            run
            expect p1.finish >= 0s
            expect p2.finish >= 0s
            """)
        #expect(status == .ok, "\(sink.errorText)\n\(output(sink))")
    }

    /// The holder's node crashes at 20ms: the lock is freed, and q, waiting since 10ms, gets it.
    @Test func aCrashedHoldersDSMLockIsFreed() {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2") + """
            dsm S pages 1 on ws1, ws2 manager central on fs1 \(free)
            program h { dsm acquire L; compute 50ms; dsm release L }
            program q { compute 10ms; dsm acquire L; dsm release L }
            spawn h on ws1
            spawn q on ws2
            at 20ms { crash ws1 }
            run
            expect q.finish > 20ms
            """)
        #expect(status == .ok, "\(sink.errorText)\n\(output(sink))")
    }

    /// p waits at B with parties 2; q arrives naming 3: an error, not a silent hang.
    @Test func aBarrierWithMismatchedPartiesIsARuntimeError() {
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2") + """
            dsm S pages 1 on ws1, ws2 \(free)
            program p { dsm barrier B parties 2 }
            program q { compute 1ms; dsm barrier B parties 3 }
            spawn p on ws1
            spawn q on ws2
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errorText.contains("arrived at dsm barrier B with parties 3"), "\(sink.errorText)")
        #expect(sink.errorText.contains("named parties 2"), "\(sink.errorText)")
    }

    /// Logged notices are records: 1 page + 2 copies, then one notice per release, eight a record. No
    /// other node ever acquires, so none can be dropped: 100000 releases would hold 12500 records, and
    /// the memory limit of 2000 stops the run (status 4) instead.
    @Test func writeNoticesCountAgainstTheMemoryLimit() {
        var options = ScriptHarness.options()
        options.limits[.memory] = 2_000
        let (status, sink, _) = ScriptHarness.run(cluster("ws1, ws2") + """
            dsm S pages 1 on ws1, ws2 consistency lazy-release \(free)
            program p { compute 10ms; repeat 100000 { dsm acquire L; dsm write S 0B; dsm release L } }
            program r { dsm read S 0B }
            spawn p on ws1
            spawn r on ws2
            run
            """, options: options)
        #expect(status == .limitReached, "\(sink.errorText)")
    }
}

/// The checker's words for DSM misuse: one error each, exact sizes.
let dsmMisuseCases: [DiagnosticCase] = [
    .init(cluster("ws1, ws2") + "dsm S pages 2 on ws1\ndsm S pages 3 on ws2", "segment 'S' is already declared",
          line: 3, column: 5, help: "give the new one another name"),
    .init(cluster("ws1") + "dsm S pages 2 on ws1\nprogram p { dsm read S 0B size 0B }",
          "size must be greater than zero", line: 3, column: 32, help: "size 8B"),
    .init(cluster("ws1") + "dsm S pages 2 on ws1\nprogram p { dsm write S 8190B size 4B }",
          "the access of 4B at 8190B crosses a page boundary of S", line: 3, column: 36, help: "split it"),
    .init(cluster("ws1") + "dsm S pages 1000000000000 on ws1", "pages must be between 1 and 1000000",
          line: 2, column: 13, help: "from 1 to 1000000"),
]

@Suite struct DSMMisuseDiagnosticTests {
    @Test(arguments: dsmMisuseCases)
    func reports(_ c: DiagnosticCase) throws {
        let first = try #require(ScriptHarness.diagnostics(c.script).first, "no diagnostic for:\n\(c.script)")
        #expect(first.message.contains(c.message), "message: \(first.message)")
        let span = try #require(first.span)
        #expect(span.line == c.line, "line of '\(first.message)'")
        #expect(span.column == c.column, "column of '\(first.message)'")
        if let help = c.help { #expect(first.help?.contains(help) == true, "help: \(first.help ?? "none")") }
    }

    /// A segment refused by its own statement gives one error, not one more per step on it.
    @Test(arguments: ["dsm S pages 0 on ws1", "dsm S pages 2 page 0B on ws1"])
    func aRefusedSegmentGivesOneError(_ declaration: String) {
        let script = cluster("ws1") + declaration + "\nprogram p { dsm write S 0B; dsm read S 8B }"
        #expect(ScriptHarness.diagnostics(script).count == 1)
    }
}
