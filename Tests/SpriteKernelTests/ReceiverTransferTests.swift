import Testing
@testable import SpriteKernel

/// A receiver takes work that has already run, by a full (preemptive) migration, and pays for it.
///
/// Network and costs as in BalancingTests: the zero-overhead bus, a probe (64B each way, 50us served)
/// 1.1524ms, select 2.1024ms (1ms served on the target), a running process's state (4096B, 10ms served on
/// the target, no reply) 0.5 + 3.2768 + 10 + 0.5 = 14.2768ms, release (1ms served on the source).
@Suite("Receiver-initiated preemptive transfer")
struct ReceiverTransferTests {
    /// n0 time-shares a and b (100ms each, round robin, quantum 10ms): a 0-10, b 10-20, a from 20. c (25ms)
    /// ends on n1 at 25ms: n1 asks n0 (2 > 1), served 50us there, and hears at 26.1524ms; b waits, has run
    /// 10ms, so it moves by a full migration: select to 28.2548ms (b frozen), state to 42.5316ms, then b runs
    /// on n1 its 90ms left, plus the 50us of n0's probe served on n1 at 111.6ms: it ends at 132.5816ms.
    /// a, alone from 28.2548ms, loses 50us to the probe and 1ms to the release: 100 + 10 + 1.05 = 111.05ms.
    @Test func aReceiverTakesAProcessThatHasRunByAFullMigration() throws {
        let sim = try makeSimulation(nodes: 2, preset: .zero, topology: .bus)
        sim.migrationCosts = MigrationTests.costs
        try sim.defineProgram("job", steps: [.compute(.ms(100))])
        try sim.defineProgram("short", steps: [.compute(.ms(25))])
        try sim.setScheduler(.roundRobin(quantum: .ms(10)), on: 0)
        try sim.setBalancing(.receiver, nodes: [0, 1], threshold: 1, probes: 1)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        try sim.spawn(program: "short", name: "c", node: 1)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(sim.migrationReports.count == 1 && !report.execTime && report.from == 0 && report.to == 1)
        #expect(report.time(of: .state) == .ns(14_276_800))
        #expect(report.frozenAt == .ns(28_254_800) && report.unfrozenAt == .ns(42_531_600))
        let b = try sim.metrics("b")
        #expect(b.node == 1 && b.cpuTime == .ms(100) && b.finish == .ns(132_581_600))
        #expect(try sim.metrics("a").finish == .ns(111_050_000))
        // c's round takes b; a's end (n1 runs b: 1, not > 1) and b's (n0: 0) find nothing.
        let stats = sim.balancingStatistics
        #expect(stats.probes == 3 && stats.pulled == 1 && stats.failedRounds == 2 && stats.placed == 0)
    }

    /// With nothing waiting, a receiver takes a running process: n0 has two CPUs running a and b (2 > 1,
    /// none waiting); n1 asks when c ends at 25ms and b, the newest, is preempted and moved.
    @Test func aReceiverTakesARunningProcessWhenNoneWaits() throws {
        let sim = try makeSimulation(nodes: 2, preset: .zero, topology: .bus, cpus: 2)
        sim.migrationCosts = MigrationTests.costs
        try sim.defineProgram("job", steps: [.compute(.ms(100))])
        try sim.defineProgram("short", steps: [.compute(.ms(25))])
        try sim.setBalancing(.receiver, nodes: [0, 1], threshold: 1, probes: 1)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        try sim.spawn(program: "short", name: "c", node: 1)
        sim.runToIdle()
        let b = try sim.metrics("b")
        #expect(b.node == 1 && b.cpuTime == .ms(100) && sim.migrationReports.first?.execTime == false)
        #expect(try sim.metrics("a").node == 0)
    }
}
