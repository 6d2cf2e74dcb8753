/// Each node's page frames: a node has none until VM is configured on it.
extension Simulation {
    /// Gives `node` `count` free frames replaced by `replacement`; the pages it held are gone.
    func setFrames(node: Int, count: Int, replacement: ReplacementKind) {
        virtualMemory.configure(node: node, .init(frames: FrameTable(count: count), policy: replacement.makePolicy()))
    }
}
