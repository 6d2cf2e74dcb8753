/// Each node's page frames: made with the node (none), sized when VM is
/// configured on it.
extension Simulation {
    /// A new node has no frames, and the default policy (the clock).
    func memoryAdd(node: Int) {
        precondition(node == virtualMemory.frameTables.count, "nodes are added in order")
        virtualMemory.frameTables.append(FrameTable(count: 0))
        virtualMemory.policies.append(ReplacementKind.clock.makePolicy())
    }

    /// Gives `node` `count` free frames replaced by `replacement`; the pages it held are gone.
    func setFrames(node: Int, count: Int, replacement: ReplacementKind) {
        virtualMemory.frameTables[node] = FrameTable(count: count)
        virtualMemory.policies[node] = replacement.makePolicy()
    }
}
