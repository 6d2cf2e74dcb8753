/// Pre-copy's rounds and lazy copy's fetches: the two strategies whose pages
/// move outside the freeze. A round is one RPC carrying the pages dirty when
/// it starts; a fetch is one RPC to the source for one page, serving a page-in.
extension Simulation {
    /// Rounds at most, and the dirty set small enough to stop at, in pages.
    static let preCopyRounds = 4
    static let preCopySmallSet: Int64 = 4

    /// Starts pre-copy's next round if the strategy copies while running and the dirty set is still large;
    /// false: the process is to be frozen now.
    func startPreCopyRound(_ id: Int) -> Bool {
        let m = migration
        let report = m.migrations[id].report
        guard m.strategies[report.strategy]?.copiesWhileRunning == true,
              report.precopyRounds < Self.preCopyRounds else { return false }
        let process = report.process.index
        let figures = spaceFigures(of: process)
        guard figures.dirty > Self.preCopySmallSet * max(1, figures.pageSize) else { return false }
        let bytes = takeDirtyPagesForCopy(process)
        m.migrations[id].report.precopyRounds += 1
        m.migrations[id].report.precopiedBytes += bytes
        runPhase(id, PlannedPhase(phase: .precopyRound, client: report.from, peer: report.to, requestBytes: bytes,
                                  replyBytes: 0, service: m.costs.pageFlushCPU.perKilobyte(bytes), calls: 1))
        return true
    }

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
        migration.migrations[id].report.residualFetches += 1
        let pageSize = vm.paging[Int(transfer.node)]?.config.pageSize ?? 4096
        let op = rpc(from: Int(transfer.node), to: Int(source), requestBytes: 64, replyBytes: pageSize,
                     service: migration.costs.pageFlushCPU.perKilobyte(pageSize))
        switch operations[Int(op)].status {
        case .failed(let failure): pageIODone(io, failure: failure)
        case .done: pageIODone(io, failure: nil)
        case .queued, .running: migration.lazyFetches[op] = io
        }
    }

    /// A fetch from a source ended: its page-in ends with it.
    func sourceFetchEnded(_ op: Int32) {
        guard let io = migration.lazyFetches.removeValue(forKey: op) else { return }
        if case .failed(let failure) = operations[Int(op)].status { return pageIODone(io, failure: failure) }
        pageIODone(io, failure: nil)
    }
}
