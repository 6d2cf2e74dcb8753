/// Lazy copy's residual dependency: a page left at the source is fetched by
/// one RPC to the source at its first fault on the target, serving that
/// page-in. Its only copy is in the source's memory, so a crash of the source
/// loses it for good: a later fault on it fails (the process is killed, as
/// for any page that cannot be had), even once the source is back up.
extension Simulation {
    /// A page-in on the target for a page left at the source: one RPC asks the source for it.
    func fetchFromSource(_ io: Int32) {
        let vm = virtualMemory
        let transfer = vm.pager.slots[Int(io)]
        let entry = Int(transfer.entry)
        let segment = vm.entries[entry].segment
        // Fetched, it lives here only: if it leaves memory again it goes to its backing file.
        vm.entries[entry].set(PageEntry.atSource, false)
        vm.entries[entry].set(PageEntry.dirty, true)
        guard let (source, id) = migration.lazySources[segment] else { return pageIODone(io, failure: nil) }
        if migration.migrations[id].sourceLost {
            migration.migrations[id].report.residualLost += 1
            return pageIODone(io, failure: .sourcePageLost(node: Int(source)))
        }
        let pageSize = vm.paging[Int(transfer.node)]?.config.pageSize ?? 4096
        let op = kernelRPC(from: Int(transfer.node), to: Int(source), requestBytes: 64, replyBytes: pageSize,
                           service: migration.costs.pageFlushCPU.perKilobyte(pageSize))
        switch operations[Int(op)].status {
        case .failed(let failure): fetchEnded(io, segment: segment, failure: failure)
        case .done: fetchEnded(io, segment: segment, failure: nil)
        case .queued, .running: migration.lazyFetches[op] = io
        }
    }

    /// A fetch from a source ended: its page-in ends with it.
    func sourceFetchEnded(_ op: Int32) {
        guard let io = migration.lazyFetches.removeValue(forKey: op) else { return }
        let segment = virtualMemory.entries[Int(virtualMemory.pager.slots[Int(io)].entry)].segment
        if case .failed(let failure) = operations[Int(op)].status {
            return fetchEnded(io, segment: segment, failure: failure)
        }
        fetchEnded(io, segment: segment, failure: nil)
    }

    /// Counts the fetch as done or lost; one whose source crashed meanwhile lost the page with it.
    private func fetchEnded(_ io: Int32, segment: Int32, failure: OperationFailure?) {
        guard let (source, id) = migration.lazySources[segment] else { return pageIODone(io, failure: failure) }
        guard let failure else {
            migration.migrations[id].report.residualFetches += 1
            return pageIODone(io, failure: nil)
        }
        migration.migrations[id].report.residualLost += 1
        let lost = migration.migrations[id].sourceLost
        pageIODone(io, failure: lost ? .sourcePageLost(node: Int(source)) : failure)
    }

    /// `node` crashed: the pages lazy-copy migrations left in its memory are gone.
    func residualSourceCrashed(_ node: Int) {
        let m = migration
        guard !m.lazySources.isEmpty else { return }
        for id in m.migrations.indices where m.migrations[id].report.from == node
            && m.migrations[id].report.residualPages > 0 {
            m.migrations[id].sourceLost = true
        }
    }
}
