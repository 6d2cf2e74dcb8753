/// A process with an address space: its dirty pages written to their backing
/// files on the server (the pager signals when the last page-out ends), and
/// the space moved to the target at the unfreeze (Memory/Simulation+MigrationSupport.swift).
extension Simulation {
    /// The flush-pages phase: the process's dirty pages go to their backing files through the pager's real
    /// page-outs; once the last has ended, one RPC to the server carries the kernels' bookkeeping.
    func flushPagesForMigration(_ id: Int, _ phase: PlannedPhase) {
        let process = migration.migrations[id].report.process.index
        let started = now
        guard startMigrationFlush(process) > 0 else { return runFlushBookkeeping(id, phase, startedAt: started) }
        migration.migrations[id].flushAwaited = phase
        migration.migrations[id].flushStarted = started
        migration.flushWaits[process] = id
    }

    /// The pager's up-call: the process's awaited page-outs have all ended.
    func migrationFlushEnded(_ process: Int32) {
        guard let id = migration.flushWaits.removeValue(forKey: process),
              let phase = migration.migrations[id].flushAwaited else { return }
        migration.migrations[id].flushAwaited = nil
        guard migration.migrations[id].report.state == .moving else { return }
        runFlushBookkeeping(id, phase, startedAt: migration.migrations[id].flushStarted)
    }

    private func runFlushBookkeeping(_ id: Int, _ phase: PlannedPhase, startedAt: SimTime) {
        var phase = phase
        let server = backingServer(of: migration.migrations[id].report.process.index)
        if server >= 0 { phase.peer = server }
        runPhase(id, phase, startedAt: startedAt)
    }

    /// At the unfreeze: the space belongs to the target's VM now.
    func relocateMigratingSpace(_ id: Int) {
        let report = migration.migrations[id].report
        let arrival = migration.strategies[report.strategy]?.arrival ?? .backing
        let moved = relocateSpace(of: report.process.index, to: report.to, arrival: arrival)
        guard arrival == .atSource, moved > 0 else { return }
        migration.migrations[id].report.residualPages = moved
        let space = Int(scheduler.table[report.process.index].space)
        for segment in [virtualMemory.spaces[space].data, virtualMemory.processes[Int(report.process.index)].stack]
        where segment >= 0 {
            migration.lazySources[segment] = (Int32(report.from), id)
        }
    }
}
