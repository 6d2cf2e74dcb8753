/// A process with an address space: its dirty pages written to their backing
/// files on the server (the pager signals when the last page-out ends), and
/// the space moved to the target at the unfreeze (Memory/Simulation+MigrationSupport.swift).
extension Simulation {
    /// The flush-pages phase: the process's dirty pages go to their backing files through the pager's real
    /// page-outs; once the last has ended, one RPC to the server carries the kernels' bookkeeping.
    func flushPagesForMigration(_ id: Int, _ phase: PlannedPhase) {
        let process = migration.migrations[id].report.process.index
        let started = now
        let (space, stack) = spaceAndStack(of: process)
        guard startMigrationFlush(space: space, stack: stack, process: process) > 0 else {
            return runFlushBookkeeping(id, phase, startedAt: started)
        }
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
        let server = spaceFigures(of: migration.migrations[id].report.process.index).server
        if server >= 0 { phase.peer = server }
        runPhase(id, phase, startedAt: startedAt)
    }

    /// At the unfreeze: the space belongs to the target's VM now.
    func relocateMigratingSpace(_ id: Int) {
        let report = migration.migrations[id].report
        let arrival = migration.strategies[report.strategy]?.arrival ?? .backing
        let process = report.process.index
        let (space, stack) = spaceAndStack(of: process)
        let (moved, written) = relocateSpace(space: space, stack: stack, process: process, to: report.to,
                                             arrival: arrival)
        migration.migrations[id].report.pagesWrittenAtTarget = written
        // Its references were planned over the source's memory: it plans again on the target.
        scheduler.table[process].untilFault = .never
        scheduler.table[process].faultEntry = -1
        guard arrival == .atSource, moved > 0 else { return }
        migration.migrations[id].report.residualPages = moved
        for segment in [virtualMemory.spaces[Int(space)].data, stack] where segment >= 0 {
            migration.lazySources[segment] = (Int32(report.from), id)
        }
    }
}

extension Simulation {
    /// The process's space and its own stack segment (-1, -1 without a space).
    func spaceAndStack(of process: Int32) -> (space: Int32, stack: Int32) {
        let space = scheduler.table[process].space
        guard space >= 0 else { return (-1, -1) }
        return (space, virtualMemory.processes[Int(process)].stack)
    }

    func spaceFigures(of process: Int32) -> (resident: Int64, dirty: Int64, pageSize: Int64, server: Int) {
        let (space, stack) = spaceAndStack(of: process)
        return space < 0 ? (0, 0, 0, -1) : spaceFigures(space: space, stack: stack)
    }

    func takeDirtyPagesForCopy(_ process: Int32) -> Int64 {
        let (space, stack) = spaceAndStack(of: process)
        return space < 0 ? 0 : takeDirtyPagesForCopy(space: space, stack: stack)
    }
}
