import Testing
@testable import SpriteKernel

/// Metrics read during a run show a running process's first run at once, under every policy (before, it
/// read "not run yet" until its slice was settled).
@Suite struct SchedulingMidRunMetricsTests {
    // Two CPUs, gang, 10 ms slots: A (one thread) takes row 0, B (two threads) does not fit beside it and
    // takes row 1. Slot 0–10 runs A; 10–20 runs B-1 and B-2. At 15 B-1 has run since 10: first run 10,
    // response 10 (arrival 0), 5 ms of CPU.
    @Test func aGangThreadRunningMidSlotHasItsFirstRun() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        try sim.defineProgram("p", steps: [.compute(.ms(30))])
        try sim.spawn(program: "p", name: "A", node: 0)
        try sim.spawnGang(program: "p", name: "B", node: 0, threads: 2)
        _ = sim.run(until: .ms(15))
        let metrics = try sim.metrics("B-1")
        #expect(metrics.firstRun == .ms(10))
        #expect(metrics.responseTime == .ms(10))
        #expect(metrics.cpuTime == .ms(5))
    }

    // Every policy, one CPU, A and B of 30 ms, both arriving at 0: one of them (the policy's choice) runs
    // from 0 and nobody is switched before 10. At 5 the one running has run since 0: first run 0.
    @Test(arguments: [SchedulerKind.fcfs, .roundRobin(quantum: .ms(10)), .gang(quantum: .ms(10)), .spaceSharing,
                      .lottery(quantum: .ms(10)), .stride(quantum: .ms(10))])
    func theRunningProcessHasAFirstRunUnderEveryPolicy(kind: SchedulerKind) throws {
        let sim = try scheduledJobs(kind, bursts: [30, 30])
        _ = sim.run(until: .ms(5))
        let running = sim.processMetrics(node: 0).filter { if case .running = $0.state { true } else { false } }
        #expect(running.count == 1)
        #expect(running.first?.firstRun == .ms(0))
    }
}
