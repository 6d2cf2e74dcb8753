extension Simulation {
    /// Queues `read` on `node`'s disk once its CPU has asked for it (at
    /// `start`) and returns when the blocks are in memory. The request's
    /// interval goes to the trace at message level (built only then).
    func readDisk(_ read: DiskRead, on node: Int, after start: SimTime, for purpose: DiskPurpose) -> SimTime {
        guard let drive = nodes[node].spec.disk else { return start }
        let service = nodes[node].arm.serve(read, drive: drive, start: start)
        if service.booked { traceDiskRequest(read, on: node, requested: start, service, purpose) }
        return service.ready
    }

    private func traceDiskRequest(_ read: DiskRead, on node: Int, requested: SimTime, _ service: DiskService,
                                  _ purpose: DiskPurpose) {
        guard traceLevel >= .messages else { return }
        let request = DiskRequestSummary(purpose: purpose, path: diskFileName(read.file), firstBlock: read.first,
                                         lastBlock: read.last, blocks: read.blocks, bytes: read.blocks * read.blockSize,
                                         requested: requested, start: service.start, end: service.end,
                                         sequential: service.sequential)
        record(.diskRequest(request), at: node, level: .messages)
    }

    /// Time `node`'s disk arm has been busy, over every read booked on it (since its last crash).
    public func diskBusy(_ node: Int) -> SimTime { nodes.indices.contains(node) ? nodes[node].arm.busy : .zero }
}
