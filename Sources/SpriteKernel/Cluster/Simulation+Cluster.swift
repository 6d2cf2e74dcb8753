/// Declaring the cluster; adding a node and crashes fan out from Kernel/.
extension Simulation {
    /// The cluster's part of adding a node: checked, then given the next position.
    func clusterAdd(_ spec: NodeSpec) throws(KernelError) -> Int {
        let index = nodes.count
        guard spec.cpus >= 1, spec.speed > 0, spec.memoryBytes > 0 else {
            // A duplicate name is the error to report, even if the rest is invalid too.
            if nodeIndex[spec.name] != nil { throw .duplicateNode(spec.name) }
            throw .invalidValue("node \(spec.name)")
        }
        // One hash of the name to check and claim it: a cluster of thousands adds a node per call.
        if nodeIndex.claim(spec.name) != nil { throw .duplicateNode(spec.name) }
        nodes.append(Node(spec: spec))
        return index
    }

    public var nodeCount: Int { nodes.count }
    public func node(named name: String) -> Int? { nodeIndex[name] }
    public func nodeSpec(_ node: Int) -> NodeSpec { nodes[node].spec }
    public func nodeName(_ node: Int) -> String { nodes.indices.contains(node) ? nodes[node].spec.name : "?" }
    public func isUp(_ node: Int) -> Bool { nodes[node].isUp }
    public func cpuBusy(_ node: Int) -> SimTime { nodes[node].cpuBusyTotal }

    /// The cluster's part of a crash: the node is down, its CPUs and disk idle.
    func clusterCrash(_ node: Int) {
        nodes[node].crash()
    }

    /// The cluster's part of a restart: the node is up again.
    func clusterRestart(_ node: Int) {
        nodes[node].isUp = true
    }

    /// Draws from the engine's seeded generator (for later strategies).
    public func randomUnit() -> Double { random.nextUnit() }
}
