import Testing
@testable import SpriteScript

/// Eviction when the owner comes back, for processes that are moving or cannot move yet.
///
/// Costs (sprite-1988 network, sparcstation-1991 migration): select and release 18.0002ms each; a remote
/// exec's state 35.0005ms (so `spawn … home ws1` on ws2 lands at 18.0002 + 35.0005 + 18.0002 = 71.0009ms);
/// a running process's state 75.9996ms (a migration of one takes 18.0002 + 75.9996 + 18.0002 = 112.0001ms).
@Suite struct EvictionScriptTests {
    private static let cluster = "cluster { network ethernet preset sprite-1988; server fs1; "
        + "workstation ws1, ws2, ws3 }\nmigration preset sparcstation-1991\n"

    /// Input on ws2 at 50ms while j is still arriving there (its state moves until 53.0007ms): j lands at
    /// 71.0009ms and is sent home at once, arriving at 71.0009 + 112.0001 = 183.001ms; the host is free
    /// 133.001ms after the input. Before, j
    /// landed and kept ws2 for its 5s, and no eviction was recorded.
    @Test func aProcessArrivingWhenTheOwnerReturnsIsSentHomeOnArrival() {
        let script = Self.cluster + """
            program job { compute 5s }
            spawn job as j on ws2 home ws1
            input ws2 at 50ms
            run
            expect j.migrations == 2
            expect stats.evicted == 1
            expect stats.eviction-time == 133.001ms within 1us
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// j is migrating from ws2 to ws3 (asked at 1s, done at 1.112s) when the input comes at 1.01s: the
    /// eviction waits for that move, so the host is free 102.0001ms after the input, and j is not "stuck".
    /// Before: "nothing moved, all home after 0s; could not move: j".
    @Test func evictingAProcessAlreadyLeavingWaitsForThatMove() {
        let script = Self.cluster + """
            program job { compute 5s }
            spawn job as j on ws2 home ws1
            at 1s { migrate j to ws3 }
            at 1010ms { input ws2 }
            run
            show balance
            expect stats.evicted == 1
            expect stats.eviction-time == 102.0001ms within 1us
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        #expect(sink.text.contains("evicted from ws2 at 1.01s: j, host free after 102.0001ms"), "\(sink.text)")
        #expect(!sink.text.contains("could not move"))
    }

    /// s waits for ever on its home's channel C: it freezes only when the call ends, so it never leaves ws2.
    /// It is not counted as evicted (0), and no finished eviction gives a time; show balance says it is
    /// still moving. Before: stats.evicted 1 with an eviction time of 0s.
    @Test func aProcessBlockedForEverIsNotCountedAsEvicted() {
        let script = Self.cluster + """
            program server { compute 10ms; wait C; compute 10ms }
            spawn server as s on ws2 home ws1
            input ws2 at 1s
            run
            show balance
            expect stats.evicted == 0
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        #expect(sink.text.contains("evicted from ws2 at 1s: s, still moving"), "\(sink.text)")
    }
}
