import Testing
import SpriteKernel

/// A cycle in the wait-for graph over locks is found when the process that closes it starts to wait.
@Suite struct SchedulingDeadlockTests {
    private func crossed(_ second: LockKind) throws -> Simulation {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.defineProgram("ab", steps: [.lock("L1", .blocking), .compute(.ms(1)), .lock("L2", .blocking),
                                            .unlock("L2"), .unlock("L1")])
        try sim.defineProgram("ba", steps: [.lock("L2", .blocking), .compute(.ms(1)), .lock("L1", second),
                                            .unlock("L1"), .unlock("L2")])
        try sim.spawn(program: "ab", name: "A", node: 0)
        try sim.spawn(program: "ba", name: "B", node: 0)
        return sim
    }

    /// Two CPUs, FCFS. At 0 A takes L1 on CPU 0 and B takes L2 on CPU 1. Both bursts end at 1ms; A's end
    /// was posted first: A blocks on L2 (held by B, who runs: no cycle yet). B then waits for L1, held by
    /// A, who waits for L2, held by B: the cycle closes at 1ms, from B: B → L1 → A → L2 → B.
    @Test func twoProcessesCrossingTwoLocks() throws {
        let sim = try crossed(.blocking)
        sim.runToIdle()
        let deadlock = try #require(sim.deadlocks.first)
        #expect(sim.deadlocks.count == 1)
        #expect(deadlock.time == .ms(1))
        #expect(deadlock.processes.compactMap { sim.processMetrics($0)?.name } == ["B", "A"])
        #expect(deadlock.locks == ["L1", "L2"])
        #expect(try sim.metrics("A").finish == nil && sim.metrics("B").finish == nil)
    }

    /// B spins (tas) for L1 instead: a spinner waits too, so the same cycle closes at 1ms. B spins on its CPU
    /// forever; the run is stopped at 5ms.
    @Test func aSpinnerClosesACycleToo() throws {
        let sim = try crossed(.spin)
        _ = sim.run(until: .ms(5))
        #expect(sim.deadlocks.count == 1)
        #expect(sim.deadlocks.first?.time == .ms(1))
    }

    /// No cycle: A takes L1 then L2, B takes L1 then L2 (same order). B waits for L1 at 0 until A is done at
    /// 1ms, and nothing is reported.
    @Test func sameOrderIsNoDeadlock() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.defineProgram("ab", steps: [.lock("L1", .blocking), .compute(.ms(1)), .lock("L2", .blocking),
                                            .unlock("L2"), .unlock("L1")])
        try sim.spawn(program: "ab", name: "A", node: 0)
        try sim.spawn(program: "ab", name: "B", node: 0)
        sim.runToIdle()
        #expect(sim.deadlocks.isEmpty)
        #expect(try sim.metrics("B").finish == .ms(2))
    }
}
