extension Simulation {
    /// Queues `read` on `node`'s disk once its CPU has asked for it (at
    /// `start`) and returns when the blocks are in memory.
    func readDisk(_ read: DiskRead, on node: Int, after start: SimTime) -> SimTime {
        guard let drive = nodes[node].spec.disk else { return start }
        return nodes[node].arm.book(read, drive: drive, start: start)
    }

    /// Time `node`'s disk arm has been busy, over every read booked on it (since its last crash).
    public func diskBusy(_ node: Int) -> SimTime { nodes.indices.contains(node) ? nodes[node].arm.busy : .zero }
}
