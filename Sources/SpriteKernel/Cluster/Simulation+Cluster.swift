/// Declaring the cluster, its network and partitions; crashes fan out from Kernel/Simulation+Faults.
extension Simulation {
    /// Adds a node; it takes the next position in the topology.
    @discardableResult
    public func addNode(_ spec: NodeSpec) throws(KernelError) -> Int {
        guard nodeIndex[spec.name] == nil else { throw .duplicateNode(spec.name) }
        guard spec.cpus >= 1, spec.speed > 0, spec.memoryBytes > 0 else {
            throw .invalidValue("node \(spec.name)")
        }
        let index = nodes.count
        nodes.append(Node(spec: spec))
        nodeIndex[spec.name] = index
        network.resize(nodeCount: nodes.count)
        return index
    }

    public func configureNetwork(_ config: NetworkConfig) {
        network.reconfigure(config, nodeCount: nodes.count)
    }

    public var networkConfig: NetworkConfig { network.config }
    public var topology: any Topology { network.topology }

    public var nodeCount: Int { nodes.count }
    public func node(named name: String) -> Int? { nodeIndex[name] }
    public func nodeSpec(_ node: Int) -> NodeSpec { nodes[node].spec }
    public func nodeName(_ node: Int) -> String { nodes.indices.contains(node) ? nodes[node].spec.name : "?" }
    public func isUp(_ node: Int) -> Bool { nodes[node].isUp }
    public func cpuBusy(_ node: Int) -> SimTime { nodes[node].cpuBusyTotal }

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
        let wire = Network.penalty(payloadBytes: bytes, from: a, to: b, cost: network.config.cost.wire,
                                   topology: network.topology)
        return wire + work.scaled(bySpeed: nodes[a].spec.speed) + work.scaled(bySpeed: nodes[b].spec.speed)
    }

    public func setLoss(_ probability: Double, between a: Int, and b: Int) {
        network.setLoss(probability, between: a, and: b)
    }

    public func lossProbability(between a: Int, and b: Int) -> Double {
        network.lossProbability(between: a, and: b)
    }

    /// The cluster's part of a crash: the node is down, its CPUs and disk idle.
    func clusterCrash(_ node: Int) {
        nodes[node].crash()
    }

    /// The cluster's part of a restart: the node is up again.
    func clusterRestart(_ node: Int) {
        nodes[node].isUp = true
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

    /// Draws from the engine's seeded generator (for later strategies).
    public func randomUnit() -> Double { random.nextUnit() }
}
