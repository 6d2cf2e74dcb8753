import Testing
import SpriteKernel

/// A blocking lock costs two context switches (CSE 513: switch away when it blocks, back when it is
/// woken), also when the lock is the first step the process ever takes.
@Suite struct SchedulingBlockingLockTests {
    /// One CPU, RR q = 5 ms, switch 1 ms. H: lock L, compute 10 ms, unlock; W: lock L (its first step).
    /// 0-5 H (holds L). 5-6 switch to W, which blocks on L at 6: W has run (first run 6) but nothing of a
    /// burst. 6-7 switch back to H (the block's first switch), H 7-12 done, releasing L to W. 12-13 switch
    /// to W (the second), W 13-14. Switches: CPU 3 (5, 6, 12), W 2 (in at 5 and at 12), H 1 (at 6).
    @Test func aFirstStepLockThatBlocksCostsItsSwitches() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        try sim.setScheduler(.roundRobin(quantum: .ms(5)), on: 0, contextSwitch: .ms(1))
        try sim.defineProgram("h", steps: [.lock("L", .blocking), .compute(.ms(10)), .unlock("L")])
        try sim.defineProgram("w", steps: [.lock("L", .blocking), .compute(.ms(1)), .unlock("L")])
        try sim.spawn(program: "h", name: "H", node: 0)
        try sim.spawn(program: "w", name: "W", node: 0)
        sim.runToIdle()
        #expect(sim.gantt() == ["H@0 0-5 quantum", "W@0 6-6 blocked", "H@0 7-12 done", "W@0 13-14 done"])
        #expect(try sim.metrics("W").contextSwitches == 2)
        #expect(try sim.metrics("H").contextSwitches == 1)
        #expect(try sim.metrics("W").firstRun == .ms(6))
        #expect(try sim.metrics("W").finish == .ms(14))
        let cpu = try #require(sim.cpuStatistics(node: 0).first)
        #expect(cpu.contextSwitches == 3)
        #expect(cpu.switching == .ms(3))
        #expect(sim.lockStatistics(node: 0).first?.blocks == 1)
    }
}
