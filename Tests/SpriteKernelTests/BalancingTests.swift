import Foundation
import Testing
@testable import SpriteKernel

/// Load balancing's decisions and their costs, derived by hand.
///
/// Network: the zero-overhead bus (one 500us hop, 10 Mbit/s, no headers), so an RPC of R request and P reply
/// bytes served for S takes 0.5ms + 0.8us·R + S + 0.5ms + 0.8us·P: a probe (64B each way, 50us served)
/// 1.1524ms. Migration costs as in MigrationTests: select and release 2.1024ms each, a running process's
/// state (4096B, 10ms served) 14.2768ms.
@Suite("Load balancing")
struct BalancingTests {
    private func cluster(_ nodes: Int, _ steps: [ProgramStep] = [.compute(.ms(100))]) throws -> Simulation {
        let sim = try makeSimulation(nodes: nodes, preset: .zero, topology: .bus)
        sim.migrationCosts = MigrationTests.costs
        try sim.defineProgram("job", steps: steps)
        return sim
    }

    private func view(queue: Int, threshold: Int = 1, idle: Bool = false, guests: Int = 0,
                      central: Bool = false) -> LoadView {
        LoadView(queue: queue, idle: idle, guests: guests, threshold: threshold, probeLimit: 3, central: central)
    }

    /// Each policy's answers, straight from its rule.
    @Test func decisionsFollowEachRule() {
        let sender = SenderInitiated(), receiver = ReceiverInitiated(), symmetric = Symmetric()
        // Sender: with `threshold` (2) already there, the arrival would make 3 > 2: probe.
        #expect(sender.arrival(view(queue: 2, threshold: 2)) == .lookForHost(probes: 3))
        #expect(sender.arrival(view(queue: 1, threshold: 2)) == .runHere)
        #expect(sender.takes(view(queue: 1, threshold: 2)) && !sender.takes(view(queue: 2, threshold: 2)))
        // Receiver: below the threshold after a departure asks; a node gives only above it.
        #expect(receiver.departure(view(queue: 0)) == 3 && receiver.departure(view(queue: 1)) == 0)
        #expect(receiver.gives(view(queue: 2)) && !receiver.gives(view(queue: 1)))
        #expect(receiver.arrival(view(queue: 5)) == .runHere)
        #expect(symmetric.arrival(view(queue: 1)) == .lookForHost(probes: 3))
        #expect(symmetric.departure(view(queue: 0)) == 3)
        #expect(RandomPlacement().arrival(view(queue: 0)) == .randomNode)
        #expect(NoBalancing().arrival(view(queue: 9)) == .runHere && NoBalancing().departure(view(queue: 0)) == 0)
        // Sprite: every arrival looks for a host (one request with a central server); only an idle host
        // lending to no one takes it.
        let sprite = SpritePolicy()
        #expect(sprite.arrival(view(queue: 0, central: true)) == .lookForHost(probes: 1))
        #expect(sprite.takes(view(queue: 0, idle: true)) && !sprite.takes(view(queue: 0, idle: true, guests: 1)))
        #expect(!sprite.takes(view(queue: 0, idle: false)))
    }

    /// One process runs 1s from 0 with decay 1s: L(1s) = 1 - e^-1 = 0.632121; idle since, L(2s) = L(1s)·e^-1.
    @Test func loadAverageDecaysTheRunQueueLength() throws {
        let sim = try cluster(1, [.compute(.s(1))])
        try sim.setIdleRule(nodes: [0], after: .s(30), load: 0.5, decay: .s(1))
        try sim.spawn(program: "job", name: "a", node: 0)
        _ = sim.run(until: .ms(500))
        #expect(abs(sim.loadAverage(of: 0) - (1 - exp(-0.5))) < 1e-9)
        _ = sim.run(until: .s(2))
        #expect(abs(sim.loadAverage(of: 0) - (1 - exp(-1)) * exp(-1)) < 1e-9)
        // 0.2325 < 0.5 and no input ever: idle. Input at 2s: not idle until 32s.
        #expect(sim.isIdle(0))
        try sim.userInput(on: 0)
        _ = sim.run(until: .s(31))
        #expect(!sim.isIdle(0))
        _ = sim.run(until: .s(32))
        #expect(sim.isIdle(0))
    }

    /// Two nodes, threshold 1: a arrives first and runs; b finds one there, probes n1 (idle: 0 < 1) and is
    /// moved by exec-time migration. One probe, 128 bytes, one transfer.
    @Test func senderInitiatedMovesTheArrivalToTheFirstNodeBelowTheThreshold() throws {
        let sim = try cluster(2)
        try sim.setBalancing(.sender, nodes: [0, 1], threshold: 1, probes: 2)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        sim.runToIdle()
        let stats = sim.balancingStatistics
        #expect(stats.probes == 1 && stats.probeBytes == 128 && stats.placed == 1 && stats.failedRounds == 0)
        #expect(try sim.metrics("a").node == 0 && sim.metrics("b").node == 1)
        let report = try #require(sim.migrationReports.first)
        #expect(report.execTime && report.from == 0 && report.to == 1)
        // b waits the probe, then the move: it starts at 1.1524ms + its migration's total - the release.
        let start = try #require(sim.metrics("b").firstRun)
        #expect(start == .ns(1_152_400) + (report.totalTime ?? .zero) - report.time(of: .release))
    }

    /// The peer already runs c: the round asks it once (the only other node, though the limit is 2), it
    /// refuses, and b runs at home, behind a.
    @Test func senderInitiatedRunsAtHomeWhenEveryProbeFails() throws {
        let sim = try cluster(2)
        try sim.setBalancing(.sender, nodes: [0, 1], threshold: 1, probes: 2)
        try sim.spawn(program: "job", name: "c", node: 1)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        sim.runToIdle()
        let stats = sim.balancingStatistics
        #expect(stats.probes == 1 && stats.placed == 0 && stats.failedRounds == 1)
        #expect(sim.migrationReports.isEmpty)
        #expect(try sim.metrics("b").node == 0 && sim.metrics("b").finish == .ms(200))
    }

    /// Receiver, threshold 1, one probe a round. n0 holds a (running) and b (waiting); c (10ms) ends on n1 at
    /// 10ms: n1 has 0 < 1 and asks n0, which has 2 > 1 and gives b, not started. Later rounds fail: a ends
    /// (n0 asks n1, running b: 1, not > 1), b ends (n1 asks n0: 0). 3 probes, 1 taken, 2 rounds without.
    @Test func receiverInitiatedTakesAWaitingProcess() throws {
        let sim = try cluster(2)
        try sim.defineProgram("short", steps: [.compute(.ms(10))])
        try sim.setBalancing(.receiver, nodes: [0, 1], threshold: 1, probes: 1)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        try sim.spawn(program: "short", name: "c", node: 1)
        sim.runToIdle()
        let stats = sim.balancingStatistics
        #expect(stats.probes == 3 && stats.pulled == 1 && stats.failedRounds == 2 && stats.placed == 0)
        #expect(try sim.metrics("b").node == 1 && sim.metrics("a").node == 0)
        #expect(sim.migrationReports.count == 1 && sim.migrationReports[0].execTime)
    }

    /// Random placement draws from the seeded generator: no probe, every target a balanced node, and the same
    /// seed gives the same placements.
    @Test func randomPlacementProbesNothingAndRepeatsWithTheSeed() throws {
        func placements() throws -> [Int] {
            let sim = try cluster(4)
            try sim.setBalancing(.random, nodes: [0, 1, 2, 3])
            for i in 0..<8 { try sim.spawn(program: "job", name: "p\(i)", node: 0) }
            sim.runToIdle()
            #expect(sim.balancingStatistics.probes == 0)
            return try (0..<8).map { try sim.metrics("p\($0)").node }
        }
        let first = try placements()
        #expect(first == (try placements()))
        #expect(first.allSatisfy { (0..<4).contains($0) })
    }

    /// Sprite with a central server (n2): one request, n1 idle and lending to no one takes the arrival.
    @Test func spriteAsksTheCentralServerForAnIdleHost() throws {
        let sim = try cluster(3)
        try sim.setIdleRule(nodes: [0, 1], after: .s(30), load: 0.5)
        try sim.setBalancing(.sprite, nodes: [0, 1], central: 2)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        sim.runToIdle()
        let stats = sim.balancingStatistics
        // a goes to n1; b's request finds n1 lending and n0 is its own home: it runs at home.
        #expect(stats.centralRequests == 2 && stats.probes == 0 && stats.placed == 1 && stats.failedRounds == 1)
        #expect(try sim.metrics("a").node == 1 && sim.metrics("b").node == 0)
    }

    /// Sprite without a server probes: a's probe finds n1 idle and lending to no one; b's finds it lending to a
    /// and b runs at home. Two probes, one placement, one round without a host.
    @Test func spriteProbesWhenNoServerIsDeclared() throws {
        let sim = try cluster(2)
        try sim.setIdleRule(nodes: [0, 1], after: .s(30), load: 0.5)
        try sim.setBalancing(.sprite, nodes: [0, 1], probes: 1)
        try sim.spawn(program: "job", name: "a", node: 0)
        try sim.spawn(program: "job", name: "b", node: 0)
        sim.runToIdle()
        let stats = sim.balancingStatistics
        #expect(stats.probes == 2 && stats.centralRequests == 0 && stats.placed == 1 && stats.failedRounds == 1)
        #expect(try sim.metrics("a").node == 1 && sim.metrics("b").node == 0)
    }

    /// Receiver, threshold 2, n1 runs c then d (10ms each), n0 nothing. c ends at 10ms leaving 1 < 2: a round,
    /// whose probe of n0 (0, not > 2) fails. d ends at 20ms leaving 0: another round, unless the period (1s)
    /// since the first has not passed. So 2 probes without a period, 1 with.
    @Test(arguments: [(SimTime.zero, 2), (SimTime.s(1), 1)])
    func aPeriodSpacesAReceiversRounds(_ period: SimTime, _ probes: Int) throws {
        let sim = try cluster(2, [.compute(.ms(10))])
        try sim.setBalancing(.receiver, nodes: [0, 1], threshold: 2, probes: 1, period: period)
        try sim.spawn(program: "job", name: "c", node: 1)
        try sim.spawn(program: "job", name: "d", node: 1)
        sim.runToIdle()
        #expect(sim.balancingStatistics.probes == probes && sim.balancingStatistics.failedRounds == probes)
    }

    /// Input on n1 sends a (placed there by remote exec) home: select, state, release of a running process:
    /// 2.1024 + 14.2768 + 2.1024 = 18.4816ms.
    @Test func inputEvictsForeignProcessesHome() throws {
        let sim = try cluster(2)
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        try sim.migrate(a, to: 1, execArgumentBytes: 0)
        _ = sim.run(until: .ms(50))
        #expect(try sim.home(of: a) == 0 && sim.metrics("a").node == 1)
        let eviction = try #require(try sim.userInput(on: 1))
        sim.runToIdle()
        let report = try #require(sim.evictionReports.first)
        #expect(eviction == 0 && report.processes == [a] && report.stayed.isEmpty)
        #expect(report.time == .ns(18_481_600))
        #expect(try sim.metrics("a").node == 0)
        // Input on a node with no foreign process evicts nothing.
        #expect(try sim.userInput(on: 0) == nil)
    }

    /// Two pairs that talk 8 each, one light arc between them: the least cut on 2 nodes of 2 is that arc.
    @Test func exactPartitionCutsTheLightArc() throws {
        let p = try #require(try GraphPartitioner.partition(count: 4, traffic: [(0, 1, 8), (2, 3, 8), (1, 2, 2)],
                                                        parts: 2, capacity: 2))
        #expect(p.exact && p.cut == 2 && p.part[0] == p.part[1] && p.part[2] == p.part[3] && p.part[0] != p.part[2])
        #expect(try GraphPartitioner.partition(count: 5, traffic: [], parts: 2, capacity: 2) == nil)
    }

}
