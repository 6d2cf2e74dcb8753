import Testing
@testable import SpriteKernel

/// A probe round's choices: distinct nodes (Eager, Lazowska and Zahorjan), and hosts that count what they
/// have accepted (Sprite's "select and reserve a host"). Zero-overhead bus, MigrationTests' costs.
@Suite("Load balancing: probe rounds")
struct BalancingProbeRoundTests {
    private func cluster(_ nodes: Int) throws -> Simulation {
        let sim = try makeSimulation(nodes: nodes, preset: .zero, topology: .bus)
        sim.migrationCosts = MigrationTests.costs
        try sim.defineProgram("job", steps: [.compute(.ms(100))])
        return sim
    }

    /// n1 runs c and n2 runs d, so no node is below threshold 1. b arrives at n0 behind a: its round of up to
    /// 3 probes can ask only the 2 other nodes, each once: 2 probes, both refuse, 1 failed round. (Drawing
    /// with replacement sent 3, one of them to a node that had just said no.)
    @Test func aRoundAsksEachOtherNodeAtMostOnce() throws {
        let sim = try cluster(3)
        try sim.setBalancing(.sender, nodes: [0, 1, 2], threshold: 1, probes: 3)
        try sim.spawn(program: "job", name: "c", node: 1)
        try sim.spawn(program: "job", name: "d", node: 2)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        sim.runToIdle()
        let stats = sim.balancingStatistics
        #expect(stats.probes == 2 && stats.failedRounds == 1 && stats.placed == 0)
        #expect(try sim.metrics("b").node == 0)
    }

    /// Four nodes, threshold 1, 3 probes; a..e arrive at n0 at once. a runs there; b, c, d, e each start a
    /// round at 0. A node that has accepted one (its transfer selected, the process not there yet) counts it
    /// in its queue (0 + 1 = 1, not < 1), so no second round lands on it: b..e go to n1, n2, n3 one each and
    /// the round that finds all three taken leaves its process at n0. Nodes: {0, 0, 1, 2, 3}, 3 placed.
    /// (Counting only the run queue, every first probe finds its node empty: 4 placed, two on one node.)
    @Test func anAcceptedTransferCountsTowardTheHostsLoad() throws {
        let sim = try cluster(4)
        try sim.setBalancing(.sender, nodes: [0, 1, 2, 3], threshold: 1, probes: 3)
        let names = ["a", "b", "c", "d", "e"]
        for name in names { try sim.spawn(program: "job", name: name, node: 0) }
        sim.runToIdle()
        let nodes = try names.map { try sim.metrics($0).node }.sorted()
        #expect(nodes == [0, 0, 1, 2, 3])
        #expect(sim.balancingStatistics.placed == 3 && sim.balancingStatistics.failedRounds == 1)
        #expect((0..<4).allSatisfy { sim.incomingMigrations(to: $0) == 0 })
    }

    /// n1 and n2 are down; a (1s) and b (1s) arrive at n0, threshold 1, 3 probes. b is held while its round
    /// probes n1 then n2, each RPC giving up after 6 × 100ms = 600ms (zero-overhead preset): the round would
    /// end at 1.2s. a ends at 1s, leaving n0 empty: b joins its own run queue then and runs 1s to 2s. Its
    /// wait is the 1s it was held (it was ready to run, not blocked). The second probe's answer is ignored.
    /// (Held to the round's end, b started at 1.2s with a wait of 0.)
    @Test func aHeldArrivalRunsAtHomeWhenItsNodeFrees() throws {
        let sim = try makeSimulation(nodes: 3, preset: .zero, topology: .bus)
        sim.migrationCosts = MigrationTests.costs
        try sim.defineProgram("job", steps: [.compute(.s(1))])
        try sim.setBalancing(.sender, nodes: [0, 1, 2], threshold: 1, probes: 3)
        sim.crash(1)
        sim.crash(2)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        sim.runToIdle()
        let b = try sim.metrics("b")
        #expect(b.node == 0 && b.firstRun == .s(1) && b.finish == .s(2) && b.waitTime == .s(1))
        #expect(sim.balancingStatistics.probes == 2 && sim.balancingStatistics.placed == 0)
        #expect(sim.migrationReports.isEmpty)
    }
}
