import Testing
import SpriteKernel

/// A simulation with `nodes` nodes named n0, n1, ... on one network.
func makeSimulation(nodes: Int, preset: CostPreset = .zero, topology: TopologyKind = .switched,
                    gridWidth: Int? = nil, loss: Double = 0, seed: UInt64 = 1,
                    cpus: Int = 1, speed: Double = 1) throws -> Simulation {
    let sim = Simulation(seed: seed, network: NetworkConfig(preset: preset, topology: topology,
                                                            gridWidth: gridWidth, lossProbability: loss))
    for index in 0..<nodes {
        try sim.addNode(NodeSpec(name: "n\(index)", role: .workstation, cpus: cpus, speed: speed))
    }
    return sim
}

extension Simulation {
    /// The record of an operation that must exist.
    func op(_ id: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws -> OperationRecord {
        try #require(operation(id), sourceLocation: sourceLocation)
    }

    /// Runs until idle and checks that it did go idle.
    func runToIdle(sourceLocation: SourceLocation = #_sourceLocation) {
        let stop = run()
        #expect(stop == .idle, sourceLocation: sourceLocation)
    }
}

/// Handy exact durations under `CostPreset.zero` (0.5 ms latency, 10 Mbit/s).
enum Zero {
    /// One 32-byte transfer: 0.5 ms + 256 bits / 10 Mbit/s = 525.6 us.
    static let transfer32 = SimTime.ns(525_600)
    /// One ping-pong RPC with 32-byte request and reply, 0.1 ms service.
    static let rpc32 = SimTime.ns(1_151_200)
}
