import Testing
@testable import SpriteScript

/// A migrated process's locks and channels are its home node's, reached by an RPC to home: the migrated run
/// gives the same results as the local one.
///
/// Costs (modern migration preset, default network): a 64-byte message takes 60.832us, so an RPC of 64 bytes
/// both ways with no service (a forwarded lock or channel call) takes 121.664us; the select and release
/// phases serve 50us more (171.664us), and a process's state takes 354.048us. A
/// process migrated while it runs or waits for a CPU is frozen once the select ends and resumes on the
/// target when the state has arrived: 171.664us + 354.048us = 525.712us after the request. A message on a
/// channel arrives after the local message cost, 1us. The release's 50us of service runs on the source's
/// CPU, so a process running there loses 50us to it.
@Suite struct MigrationTransparencyScriptTests {
    private static let cluster = "cluster { server fs1; workstation ws1, ws2 }\n"

    /// c computes 50.171664ms on ws1 (until the select ends), resumes on ws2 at 50.525712ms with 49.828336ms
    /// left, so reaches `wait C` at 100.354048ms; the wait goes home (121.664us) and finds no message, so c
    /// waits on ws1's C. p has ws1 from 50.171664ms, less the release's 50us, and signals after 300ms of
    /// compute, at 350.221664ms; the message reaches c 1us later and c computes 10ms more: it ends at
    /// 360.222664ms, with cpu 110ms, one call
    /// forwarded. Before, c waited on ws2's C and never ended.
    @Test func aMigratedWaitGetsItsPartnersSignal() {
        let script = Self.cluster + """
            program consumer { compute 100ms; wait C; compute 10ms }
            program producer { compute 300ms; signal C }
            spawn consumer as c on ws1
            spawn producer as p on ws1
            at 50ms { migrate c to ws2 }
            run
            expect c.cpu == 110ms
            expect c.turnaround == 360.222664ms
            expect c.forwarded == 1
            expect p.turnaround == 350.221664ms
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// a runs first on ws1 (losing 50us to the release served there) and holds L from 100.05ms to 300.05ms.
    /// b, still queued, is migrated at 1ms and resumes on ws2 at 1.525712ms; after 150ms of compute
    /// (151.525712ms) its lock goes home (121.664us) and finds L held by a: b waits. a's unlock at 300.05ms
    /// hands L to b, which computes 10ms on ws2 (310.05ms) and sends its unlock home: b ends at 310.171664ms.
    /// Mutual exclusion holds as on one node; before, b took ws2's own L at 151.5ms while a held ws1's.
    @Test func aMigratedLockerWaitsForTheHomeLock() {
        let script = Self.cluster + """
            program a { compute 100ms; lock L; compute 200ms; unlock L }
            program b { compute 150ms; lock L; compute 10ms; unlock L }
            spawn a as pa on ws1
            spawn b as pb on ws1
            at 1ms { migrate pb to ws2 }
            run
            show locks
            expect pa.turnaround == 300.05ms
            expect pb.turnaround == 310.171664ms
            expect pb.forwarded == 2
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        #expect(sink.text.contains("ws1   L     2             1"), "\(sink.text)")
        #expect(!sink.text.contains("ws2   L"), "\(sink.text)")
    }
}

/// `expect read PROCESS PATH` reads what a program process read, so a migrated run's results can be checked
/// against a local run's; it used to be a check error for a program process.
@Suite struct MigratedReadScriptTests {
    /// Both processes write "draft one" to their own file, compute 1s and read it back; `moved` is migrated
    /// to ws3 halfway. Each read returns its own write, so the two reads are equal.
    @Test func aMigratedProcessReadsWhatALocalOneReads() {
        let script = """
            cluster { network ethernet preset sprite-1988; server fs1; workstation ws1, ws2, ws3 }
            domain / on fs1
            migration preset sparcstation-1991
            program eda { open /a rw; write "draft one"; compute 1s; read; close }
            program edb { open /b rw; write "draft one"; compute 1s; read; close }
            spawn eda as local on ws1
            spawn edb as moved on ws2
            at 500ms { migrate moved to ws3 }
            run
            expect moved.migrations == 1
            expect read moved /b == "draft one"
            expect read moved /b == read local /a
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }
}
