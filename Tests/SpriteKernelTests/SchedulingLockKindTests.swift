import Testing
import SpriteKernel

/// Lock kinds on a multiprocessor and their statistics.
@Suite struct SchedulingLockKindTests {
    /// Two CPUs on a bus of capacity 1. H takes L and computes 10 ms, half of it memory; S computes
    /// 1 ms (no memory), then waits for L as `kind` says, then computes 2 ms.
    private func race(_ kind: LockKind) throws -> Simulation {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setMultiprocessor(MultiprocessorOptions(interconnect: .bus()), on: 0)
        try sim.defineProgram("holder", steps: [.lock("L", .blocking), .compute(.ms(10), memoryShare: 0.5),
                                                .unlock("L")])
        try sim.defineProgram("waiter", steps: [.compute(.ms(1)), .lock("L", kind), .compute(.ms(2)),
                                                .unlock("L")])
        try sim.spawn(program: "holder", name: "H", node: 0)
        try sim.spawn(program: "waiter", name: "S", node: 0)
        sim.runToIdle()
        return sim
    }

    // Test-and-test-and-set spins in its cache: H is not slowed and ends at 10; S spins 1–10 and takes L.
    // Bus transactions: H's acquisition, S's miss at the release, S's acquisition = 3.
    @Test func testAndTestAndSetLeavesTheBusAlone() throws {
        let sim = try race(.testAndTestAndSet)
        #expect(try sim.metrics("H").finish == .ms(10))
        #expect(try sim.metrics("S").finish == .ms(12))
        let lock = try #require(sim.lockStatistics(node: 0).first)
        #expect(lock.name == "L")
        #expect(lock.acquisitions == 2)
        #expect(lock.contended == 1)
        #expect(lock.spinTime == .ms(9))
        #expect(lock.busTransactions == 3)
        #expect(lock.blocks == 0)
    }

    // Test-and-set: from 1 ms the spinner puts demand 1 on the bus. H (m = 0.5) slowed by s puts
    // 0.5/(0.5 + 0.5s), the spinner 1/s: 1/(1+s) + 1/s = 1 → s² − s − 1 = 0 → s = 1.6180340 (φ).
    // H did 1 ms alone; its other 9 ms take 9·(0.5 + 0.5·φ) = 11.781153 ms: H ends at 12.781153 ms.
    // S spun 11.781153 ms: one write per 100 ns = 117,811, plus two acquisitions.
    @Test func testAndSetSlowsTheHolder() throws {
        let sim = try race(.spin)
        let finish = try #require(try sim.metrics("H").finish)
        #expect(finish.nanoseconds / 1_000 == 12_781)
        let lock = try #require(sim.lockStatistics(node: 0).first)
        #expect(lock.spinTime.nanoseconds / 1_000 == 11_781)
        #expect(lock.busTransactions / 10 == 11_781)
    }

    // Blocking: S sleeps from 1 to 10 (CPU 1 idles); one block, no spinning.
    @Test func blockingCountsTheBlock() throws {
        let sim = try race(.blocking)
        #expect(try sim.metrics("S").finish == .ms(12))
        let lock = try #require(sim.lockStatistics(node: 0).first)
        #expect(lock.blocks == 1)
        #expect(lock.spinTime == .zero)
        #expect(lock.busTransactions == 2)
    }
}
