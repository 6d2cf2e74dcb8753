import Testing
@testable import SpriteKernel

/// Guest counts when the host of a foreign process crashes, or the process leaves. Network and costs as in
/// BalancingTests: two balanced nodes (a third, n2, outside the balancer when asked), sender-initiated,
/// threshold 1; a runs on n0 from 0, b arrives there too, and one probe (1.1524ms) finds n1 idle: b is
/// counted a guest of n1 from then, moves there by exec-time migration and runs its 100ms there, ending at
/// about 120ms.
@Suite("Load balancing guest counts")
struct BalancingGuestTests {
    private func placedOnN1(nodes: Int = 2) throws -> Simulation {
        let sim = try makeSimulation(nodes: nodes, preset: .zero, topology: .bus)
        sim.migrationCosts = MigrationTests.costs
        try sim.defineProgram("job", steps: [.compute(.ms(100))])
        try sim.setBalancing(.sender, nodes: [0, 1], threshold: 1, probes: 2)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        return sim
    }

    /// At 50ms b runs on n1 (its migration ended by about 20ms): one guest. n1 crashes: b dies with it, and
    /// n1 hosts nothing, so it counts no guest, and none after its restart either (it was 1 for ever before).
    @Test func aCrashedHostCountsNoDeadGuest() throws {
        let sim = try placedOnN1()
        _ = sim.run(until: .ms(50))
        #expect(try sim.metrics("b").node == 1)
        #expect(sim.guests(on: 1) == 1)
        sim.crash(1)
        #expect(try sim.metrics("b").killed)
        #expect(sim.guests(on: 1) == 0)
        sim.restart(1)
        sim.runToIdle()
        #expect(sim.guests(on: 1) == 0 && sim.guests(on: 0) == 0)
    }

    /// At 2ms b's move is in its select phase (1.1524ms + 2.1024ms not reached): counted on n1 already. n1
    /// crashes: the move will fail, so n1 counts nothing; b runs at home after a, and no count is left.
    @Test func aMoveToACrashedHostIsNotCounted() throws {
        let sim = try placedOnN1()
        _ = sim.run(until: .ms(2))
        #expect(sim.guests(on: 1) == 1)
        sim.crash(1)
        #expect(sim.guests(on: 1) == 0)
        sim.runToIdle()
        #expect(sim.migrationReports.first?.state == .failed)
        #expect(try sim.metrics("b").node == 0 && !sim.metrics("b").killed)
        #expect(sim.guests(on: 1) == 0 && sim.guests(on: 0) == 0)
    }

    /// At 50ms the script moves b, running on n1, to n2: select 2.1024ms, state 14.2768ms, release 2.1024ms,
    /// 18.4816ms in all, so the move ends at 68.4816ms. Until then b is n1's guest; from then n1 hosts
    /// nothing and counts nothing (it counted b for ever before), and n2, where no balancer put b, counts none.
    @Test func aGuestTheScriptMovesAwayStopsCountingOnItsHost() throws {
        let sim = try placedOnN1(nodes: 3)
        _ = sim.run(until: .ms(50))
        #expect(try sim.metrics("b").node == 1 && sim.guests(on: 1) == 1)
        try sim.migrate(try #require(sim.processID(named: "b")), to: 2)
        _ = sim.run(until: .ms(68))
        #expect(sim.guests(on: 1) == 1)
        _ = sim.run(until: .ms(69))
        let moved = try #require(sim.migrationReports.last)
        #expect(moved.state == .done && moved.finished == .ns(68_481_600))
        #expect(try sim.metrics("b").node == 2)
        #expect(sim.guests(on: 1) == 0 && sim.guests(on: 2) == 0)
        sim.runToIdle()
        #expect(sim.guests(on: 0) == 0 && sim.guests(on: 1) == 0 && sim.guests(on: 2) == 0)
    }

    /// c (40ms, home n2) runs on n2 from 0; at 20ms, b being n1's guest, the script moves c to n1 too. c has
    /// 20ms left there and shares n1's CPU with b (round robin, 10ms quanta), so it ends by 20 + 18.4816 +
    /// 2·20 = 78.4816ms, and b (100ms of
    /// CPU from about 20ms, 20ms of it shared) not before 120ms. At 100ms c has finished on n1 and b runs
    /// there: n1 still counts its one guest (c's end used to take b's count with it).
    @Test func aForeignProcessTheScriptPlacedTakesNoGuestsCountWithIt() throws {
        let sim = try placedOnN1(nodes: 3)
        try sim.setScheduler(.roundRobin(quantum: .ms(10)), on: 1)
        try sim.defineProgram("visitor", steps: [.compute(.ms(40))])
        let c = try sim.spawn(program: "visitor", name: "c", node: 2)
        _ = sim.run(until: .ms(20))
        #expect(try sim.metrics("b").node == 1 && sim.guests(on: 1) == 1)
        try sim.migrate(c, to: 1)
        _ = sim.run(until: .ms(100))
        #expect(try sim.metrics("c").finish != nil && sim.metrics("c").node == 1)
        #expect(try sim.metrics("b").finish == nil && sim.metrics("b").node == 1)
        #expect(sim.guests(on: 1) == 1)
        sim.runToIdle()
        #expect(sim.guests(on: 1) == 0)
    }
}
