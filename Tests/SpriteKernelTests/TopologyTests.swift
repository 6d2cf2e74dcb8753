import Testing
import SpriteKernel

@Suite struct TopologyTests {
    private func hops(_ kind: TopologyKind, nodes: Int, width: Int? = nil, _ a: Int, _ b: Int) -> Int {
        kind.make(nodeCount: nodes, width: width).hopCount(from: a, to: b)
    }

    @Test func everyTopologyHasZeroHopsToItself() {
        for kind in TopologyKind.allCases {
            for node in 0..<8 { #expect(hops(kind, nodes: 8, node, node) == 0, "\(kind) \(node)") }
        }
    }

    @Test func busIsOneHopBetweenDistinctNodes() {
        for a in 0..<6 { for b in 0..<6 where a != b { #expect(hops(.bus, nodes: 6, a, b) == 1) } }
    }

    @Test func switchedIsOneHopBetweenDistinctNodes() {
        for a in 0..<6 { for b in 0..<6 where a != b { #expect(hops(.switched, nodes: 6, a, b) == 1) } }
    }

    @Test func ringTakesTheShorterWay() {
        #expect(hops(.ring, nodes: 8, 0, 4) == 4)
        #expect(hops(.ring, nodes: 8, 0, 7) == 1)
        #expect(hops(.ring, nodes: 8, 7, 0) == 1)
        #expect(hops(.ring, nodes: 8, 0, 1) == 1)
        #expect(hops(.ring, nodes: 8, 1, 6) == 3)
        #expect(hops(.ring, nodes: 8, 6, 1) == 3)
        #expect(hops(.ring, nodes: 8, 2, 6) == 4)
        for a in 0..<8 {
            for b in 0..<8 {
                let d = abs(a - b)
                #expect(hops(.ring, nodes: 8, a, b) == min(d, 8 - d))
            }
        }
    }

    @Test func gridRoutesXThenYWithoutWrapping() {
        // 3 x 3: node i at (i % 3, i / 3).
        #expect(hops(.grid, nodes: 9, 0, 8) == 4)
        #expect(hops(.grid, nodes: 9, 8, 0) == 4)
        #expect(hops(.grid, nodes: 9, 0, 2) == 2)
        #expect(hops(.grid, nodes: 9, 0, 6) == 2)
        #expect(hops(.grid, nodes: 9, 4, 1) == 1)
        #expect(hops(.grid, nodes: 9, 2, 6) == 4)
        for a in 0..<9 {
            for b in 0..<9 {
                #expect(hops(.grid, nodes: 9, a, b) == abs(a % 3 - b % 3) + abs(a / 3 - b / 3))
            }
        }
        // An explicit width: 2 columns, 4 rows for 8 nodes.
        #expect(hops(.grid, nodes: 8, width: 2, 0, 7) == 4)
        #expect(hops(.grid, nodes: 8, width: 2, 1, 6) == 4)
    }

    @Test func torusWrapsAround() {
        // 4 x 4: (0,0) -> (3,3) is one wrap-around hop in each dimension.
        #expect(hops(.torus, nodes: 16, 0, 15) == 2)
        #expect(hops(.torus, nodes: 16, 15, 0) == 2)
        #expect(hops(.torus, nodes: 16, 0, 3) == 1)
        #expect(hops(.torus, nodes: 16, 0, 12) == 1)
        #expect(hops(.torus, nodes: 16, 0, 10) == 4)
        #expect(hops(.torus, nodes: 16, 5, 15) == 4)
        #expect(hops(.grid, nodes: 16, 0, 15) == 6)
        for a in 0..<16 {
            for b in 0..<16 {
                let dx = abs(a % 4 - b % 4), dy = abs(a / 4 - b / 4)
                #expect(hops(.torus, nodes: 16, a, b) == min(dx, 4 - dx) + min(dy, 4 - dy))
            }
        }
    }

    @Test func hypercubeHopsArePopcountOfXor() {
        #expect(hops(.hypercube, nodes: 8, 0, 7) == 3)
        #expect(hops(.hypercube, nodes: 8, 5, 6) == 2)
        #expect(hops(.hypercube, nodes: 8, 3, 4) == 3)
        #expect(hops(.hypercube, nodes: 8, 2, 3) == 1)
        for a in 0..<8 {
            for b in 0..<8 { #expect(hops(.hypercube, nodes: 8, a, b) == (a ^ b).nonzeroBitCount) }
        }
        // Fewer nodes than a full cube still route over the unused corners.
        #expect(hops(.hypercube, nodes: 6, 0, 5) == 2)
        #expect(hops(.hypercube, nodes: 6, 1, 4) == 2)
    }

    @Test func simulationHopsFollowTheConfiguredTopology() throws {
        let sim = try makeSimulation(nodes: 16, topology: .torus)
        #expect(sim.hops(from: 0, to: 15) == 2)
        sim.configureNetwork(NetworkConfig(preset: .zero, topology: .hypercube))
        #expect(sim.hops(from: 0, to: 15) == 4)
        #expect(sim.networkConfig.topology == .hypercube)
        // The topology grows with the cluster.
        let ring = try makeSimulation(nodes: 4, topology: .ring)
        #expect(ring.hops(from: 0, to: 2) == 2)
        for index in 4..<8 { try ring.addNode(NodeSpec(name: "m\(index)", role: .workstation)) }
        #expect(ring.hops(from: 0, to: 4) == 4)
        #expect(ring.hops(from: 0, to: 7) == 1)
    }

    /// Two RPCs between disjoint pairs, issued at the same instant, with free service.
    private func disjointPairs(_ topology: TopologyKind) throws -> (Simulation, SimTime, SimTime) {
        let sim = try makeSimulation(nodes: 4, preset: .zero, topology: topology)
        let a = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .zero)
        let b = sim.rpc(from: 2, to: 3, requestBytes: 32, replyBytes: 32, service: .zero)
        sim.runToIdle()
        return (sim, try #require(sim.op(a).elapsed), try #require(sim.op(b).elapsed))
    }

    @Test func busSerializesSimultaneousMessagesOfDifferentPairs() throws {
        let (_, a, b) = try disjointPairs(.bus)
        // One 32 B frame holds the medium for 25.6 us. Request 0->1 goes first;
        // request 2->3 waits for it. Reply 1->0 leaves at 525.6 us and holds the
        // medium until 551.2 us, exactly when reply 3->2 wants it.
        #expect(a == .ns(1_051_200))
        #expect(b == .ns(1_051_200 + 25_600))
    }

    @Test func switchedDoesNotSerializeDifferentPairs() throws {
        let (_, a, b) = try disjointPairs(.switched)
        #expect(a == .ns(1_051_200))
        #expect(b == .ns(1_051_200))
    }

    @Test func switchedSerializesTheSamePairAndDirection() throws {
        let sim = try makeSimulation(nodes: 3, preset: .zero, topology: .switched)
        let a = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .zero)
        let b = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .zero)
        let c = sim.rpc(from: 2, to: 1, requestBytes: 32, replyBytes: 32, service: .zero)
        sim.runToIdle()
        #expect(try sim.op(a).elapsed == .ns(1_051_200))
        #expect(try sim.op(b).elapsed == .ns(1_051_200 + 25_600))
        #expect(try sim.op(c).elapsed == .ns(1_051_200))
    }

    @Test func ringLinksAreSharedByRoutesThatOverlap() throws {
        // On a ring of 4, requests 0->2 and 0->1 both start on link 0->1.
        let sim = try makeSimulation(nodes: 4, preset: .zero, topology: .ring)
        let a = sim.rpc(from: 0, to: 2, requestBytes: 32, replyBytes: 32, service: .zero)
        let b = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .zero)
        let c = sim.rpc(from: 3, to: 2, requestBytes: 32, replyBytes: 32, service: .zero)
        sim.runToIdle()
        // Two hops each way for a; its reply goes 2->3->0 (clockwise on the tie).
        #expect(try sim.op(a).elapsed == Zero.transfer32 * 4)
        // b waits one frame time behind a's request on link 0->1.
        #expect(try sim.op(b).elapsed == Zero.transfer32 * 2 + .ns(25_600))
        // c's request 3->2 uses a link nobody else does; its reply 2->3 is done with
        // that link long before a's reply needs it, so c is unhindered.
        #expect(try sim.op(c).elapsed == Zero.transfer32 * 2)
    }
}
