import Testing
@testable import SpriteScript
import SpriteKernel

/// Steps that take no time still run under the limits: a process takes at most 64 of them an event.
@Suite struct InstantStepLimitTests {
    /// A million signals nobody waits for queue a million messages, each a record. At most 64 are
    /// sent an event and usage is checked every memory/64 = 78 events (5000 / 64), so the run stops
    /// with the memory limit under 5000 + 78 × 64 = 10,000 records, not at the end with status 0.
    @Test func queuedSignalsReachTheMemoryLimit() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 1 }
            program w { repeat 1000000 { signal c } }
            spawn w as W on a
            run
            """, ["memory=5000"])
        #expect(status == .limitReached)
        #expect(error.contains("--limit memory=5000"))
    }

    /// A million uncontended lock/unlock pairs take no simulated time but 3,000,000 steps, at most 64
    /// an event: about 47,000 events, past an events limit of 10,000.
    @Test func aLoopOfInstantStepsCountsEvents() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 1 }
            program w { repeat 1000000 { lock L tas; unlock L } }
            spawn w as W on a
            run
            """, ["events=10000"])
        #expect(status == .limitReached)
        #expect(error.contains("--limit events=10000"))
    }
}
