/// Adding a node fans out, like its faults: the cluster declares it, the
/// network grows to reach it, its memory gets a ledger (frames come
/// only with VM).
extension Simulation {
    /// Adds a node; it takes the next position in the topology.
    @discardableResult
    public func addNode(_ spec: NodeSpec) throws(KernelError) -> Int {
        let index = try clusterAdd(spec)
        networkAdd(nodeCount: nodes.count)
        framesAdd(node: index, memory: spec.memoryBytes)
        return index
    }
}
