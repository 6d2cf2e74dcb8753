/// A node-local barrier: the processes waiting for the rest of the parties.
struct SimBarrier {
    var node: Int32
    var waiting: [Int32] = []
    /// Times it opened.
    var generations = 0
}

/// Every barrier, created on first use, keyed by node and interned name.
struct BarrierTable {
    private var index: [Int64: Int32] = [:]
    var barriers: [SimBarrier] = []

    mutating func barrier(node: Int32, name: Int32) -> Int {
        let key = Int64(node) << 32 | Int64(name)
        if let id = index[key] { return Int(id) }
        index[key] = Int32(barriers.count)
        barriers.append(SimBarrier(node: node))
        return barriers.count - 1
    }

    /// The node crashed: nobody waits at its barriers.
    mutating func forgetNode(_ node: Int32) {
        for id in barriers.indices where barriers[id].node == node { barriers[id].waiting.removeAll() }
    }
}
