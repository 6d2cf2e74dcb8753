import Testing
@testable import SpriteKernel

/// Guest counts when the host of a foreign process crashes. Network and costs as in BalancingTests: two
/// nodes, sender-initiated, threshold 1; a runs on n0 from 0, b arrives there too, and one probe
/// (1.1524ms) finds n1 idle: b is counted a guest of n1 from then, moves there by exec-time migration and
/// runs its 100ms there, ending at about 120ms.
@Suite("Load balancing guest counts")
struct BalancingGuestTests {
    private func placedOnN1() throws -> Simulation {
        let sim = try makeSimulation(nodes: 2, preset: .zero, topology: .bus)
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
}
