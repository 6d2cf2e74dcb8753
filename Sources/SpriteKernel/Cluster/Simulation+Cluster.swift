/// Declaring the cluster and the faults that strike it.
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
        let work = network.config.cost.endpointWork(bytes: bytes)
        return network.penalty(payloadBytes: bytes, from: a, to: b) + work.scaled(bySpeed: nodes[a].spec.speed)
            + work.scaled(bySpeed: nodes[b].spec.speed)
    }

    public func setLoss(_ probability: Double, between a: Int, and b: Int) {
        network.setLoss(probability, between: a, and: b)
    }

    public func lossProbability(between a: Int, and b: Int) -> Double {
        network.lossProbability(between: a, and: b)
    }

    /// The node stops: its processes die, its in-flight messages are lost,
    /// and operations waiting on it give up after the retransmission budget.
    public func crash(_ node: Int) {
        guard nodes[node].isUp else { return }
        nodes[node].crash()
        // The crash is traced before the failures it causes: at one instant,
        // trace lines come in the order they are recorded, so a cause first.
        var lost = 0
        for index in processes.indices where processes[index].node == node { lost += processes[index].inbox.count }
        record(.nodeCrashed(node: node, lostMessages: lost), at: node)
        for index in processes.indices where processes[index].node == node {
            if let current = processes[index].current { fail(current, .nodeDown(node: node)) }
            for step in processes[index].steps { fail(step.operation, .nodeDown(node: node)) }
            processes[index].reset()
            processes[index].state = .dead
        }
        let giveUp = now + network.config.cost.retransmitTimeout * Int64(network.config.cost.maxRetransmits + 1)
        for index in processes.indices where processes[index].node != node {
            guard let current = processes[index].current else { continue }
            if case .awaitingReply(let peer) = processes[index].state, processes[peer].node == node {
                schedule(.ipc(.peerTimeout(operation: current)), at: giveUp)
            } else if processes[index].state == .busy, let peer = operations[Int(current)].peer,
                      operations[Int(current)].kind == .moveTo || operations[Int(current)].kind == .moveFrom,
                      processes[peer].node == node {
                // A bulk move whose data or acknowledgement the crashed node was to send.
                schedule(.ipc(.peerTimeout(operation: current)), at: giveUp)
            }
        }
        for (operation, series) in rpcSeries.sorted(by: { $0.key < $1.key }) {
            if series.client == node {
                fail(operation, .nodeDown(node: node))
                rpcSeries[operation] = nil
            } else if series.server == node {
                schedule(.rpc(.serverTimeout(operation: operation)), at: giveUp)
            }
        }
        fileSystemCrash(node)
    }

    /// The node comes back with empty memory; its processes start afresh.
    public func restart(_ node: Int) {
        guard !nodes[node].isUp else { return }
        nodes[node].isUp = true
        for index in processes.indices where processes[index].node == node {
            processes[index].reset()
        }
        record(.nodeRestarted(node: node), at: node)
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
