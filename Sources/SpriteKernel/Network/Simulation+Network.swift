/// Declaring the network: its configuration, loss and partitions, and what
/// the model says a transfer costs between two nodes.
extension Simulation {
    /// The network's part of adding a node: it grows to reach every node.
    func networkAdd(nodeCount: Int) {
        network.resize(nodeCount: nodeCount)
    }

    public func configureNetwork(_ config: NetworkConfig) {
        network.reconfigure(config, nodeCount: nodes.count)
    }

    public var networkConfig: NetworkConfig { network.config }
    public var topology: any Topology { network.topology }

    /// Hops between two nodes in the current topology.
    public func hops(from a: Int, to b: Int) -> Int { network.topology.hopCount(from: a, to: b) }

    /// The least time the model allows for moving `bytes` from `a` to `b`:
    /// idle links, the copies into and out of the interfaces and the
    /// per-packet work at both ends, but no per-message protocol overhead.
    /// Between two processes of one node nothing crosses the network: no penalty.
    public func networkPenalty(bytes: Int64, from a: Int, to b: Int) -> SimTime {
        guard a != b else { return .zero }
        // The cost model is read in place, as on the message path: a copy of it costs a memcpy.
        let work = CostModel.endpointWork(bytes: bytes, packetOverhead: network.config.cost.packetOverhead,
                                          copyBytesPerSecond: network.config.cost.copyBytesPerSecond,
                                          mtuBytes: network.config.cost.mtuBytes)
        let wire = network.penalty(payloadBytes: bytes, from: a, to: b)
        return wire + work.scaled(bySpeed: nodes[a].spec.speed) + work.scaled(bySpeed: nodes[b].spec.speed)
    }

    public func setLoss(_ probability: Double, between a: Int, and b: Int) {
        network.setLoss(probability, between: a, and: b)
    }

    public func lossProbability(between a: Int, and b: Int) -> Double {
        network.lossProbability(between: a, and: b)
    }

    /// Splits the nodes into groups that cannot reach one another; nodes not
    /// named form one more group together.
    public func partition(_ groups: [[Int]]) {
        network.partition(groups: groups)
        record(.partitioned(groups: groups), at: groups.first?.first ?? 0)
    }

    public func heal() {
        network.heal()
        record(.healed, at: 0)
    }

    public var isPartitioned: Bool { network.isPartitioned }
}
