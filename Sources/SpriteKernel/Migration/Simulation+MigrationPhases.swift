/// The phase machine: each phase is a series of real RPCs (through the
/// network, served on the peer's CPU); its end, up-called by the RPC layer,
/// starts the next. Select runs while the process still runs; the freeze
/// waits for a safe point; the strategy's phases run frozen; after the
/// unfreeze the host is released.
extension Simulation {
    /// Starts `phase` for migration `id` as an RPC series from its client to its peer.
    func runPhase(_ id: Int, _ phase: PlannedPhase, startedAt: SimTime? = nil) {
        let m = migration
        m.migrations[id].current = phase
        m.migrations[id].phaseStarted = startedAt ?? now
        let op = kernelRPC(from: phase.client, to: phase.peer, requestBytes: phase.requestBytes,
                           replyBytes: phase.replyBytes, service: phase.service, count: phase.calls)
        switch operations[Int(op)].status {
        case .failed(let failure):
            failMigration(id, .phaseFailed(phase.phase, failure))
        case .done:
            phaseEnded(id)
        case .queued, .running:
            m.migrations[id].operation = op
            m.byOperation[op] = id
        }
    }

    /// An RPC series ended (done or failed): if a migration waits on it, its phase is over.
    func migrationRPCEnded(_ op: Int32) {
        if migration.forwarded[op] != nil { return forwardedCallEnded(op) }
        if migration.lazyFetches[op] != nil { return sourceFetchEnded(op) }
        guard let id = migration.byOperation.removeValue(forKey: op) else { return }
        migration.migrations[id].operation = -1
        // The process is on its new node by the release: a release that fails does not undo the move.
        if case .failed(let failure) = operations[Int(op)].status,
           migration.migrations[id].current?.phase != .release {
            let phase = migration.migrations[id].current?.phase ?? .select
            return failMigration(id, .phaseFailed(phase, failure))
        }
        if case .failed(let failure) = operations[Int(op)].status {
            migration.migrations[id].report.releaseFailure = failure
        }
        phaseEnded(id)
    }

    /// The current phase is over: recorded, then the next one (or the freeze, the unfreeze, the end).
    func phaseEnded(_ id: Int) {
        let m = migration
        guard let phase = m.migrations[id].current else { return }
        m.migrations[id].current = nil
        let bytes = (phase.requestBytes + phase.replyBytes) * Int64(phase.calls) + phase.movedBytes
        let done = MigrationPhaseRecord(phase: phase.phase, peer: phase.peer,
                                        elapsed: now - m.migrations[id].phaseStarted, bytes: bytes, calls: phase.calls)
        m.migrations[id].report.phases.append(done)
        let process = m.migrations[id].report.process.index
        record(.migrationPhase(process: Int(process), phase: phase.phase.rawValue, peer: phase.peer,
                               elapsed: done.elapsed, bytes: bytes, calls: phase.calls),
               at: phase.client, level: .messages)
        switch phase.phase {
        case .select:
            guard scheduler.table[process].phase != .done else { return failMigration(id, .processEnded) }
            m.migrations[id].report.state = .moving
            if startPreCopyRound(id) { return }
            requestFreeze(id)
        case .precopyRound:
            guard scheduler.table[process].phase != .done else { return failMigration(id, .processEnded) }
            if startPreCopyRound(id) { return }
            requestFreeze(id)
        case .release:
            finishMigration(id)
        default:
            guard scheduler.table[process].phase != .done else { return failMigration(id, .processEnded) }
            runNextFrozenPhase(id)
        }
    }

    /// The process is frozen: the strategy plans what moves, and the phases begin.
    func migrationFroze(_ id: Int) {
        let m = migration
        let report = m.migrations[id].report
        let process = Int(report.process.index)
        let sessions = openSessions(of: process, on: report.from)
        m.migrations[id].report.openFiles = sessions.count
        settleWritesSinceRound(id)
        let space = spaceFigures(of: Int32(process))
        let subject = MigrationSubject(
            source: report.from, target: report.to, openFiles: sessions.map { ($0.server, $0.dirtyBytes) },
            residentBytes: space.resident, dirtyPageBytes: space.dirty,
            backingServer: space.server >= 0 ? space.server : report.to,
            execArgumentBytes: report.execTime ? m.migrations[id].execArgumentBytes : nil)
        let strategy = m.strategies[report.strategy] ?? FlushToServer()
        m.migrations[id].planned = strategy.plan(subject, costs: m.costs)
        m.migrations[id].dirtyFiles = sessions.filter { $0.dirtyBytes > 0 }.map(\.file)
        runNextFrozenPhase(id)
    }

    /// The next planned phase, or the unfreeze once none is left. Dirty file blocks go back through the
    /// file system's own write-back first, so the server's versions (and the history) are right.
    func runNextFrozenPhase(_ id: Int) {
        let m = migration
        guard !m.migrations[id].planned.isEmpty else { return unfreezeMigrated(id) }
        let next = m.migrations[id].planned.removeFirst()
        if next.phase == .flushFiles, let file = m.migrations[id].dirtyFiles.first {
            m.migrations[id].dirtyFiles.removeFirst()
            let source = m.migrations[id].report.from
            let started = now
            return writeBackForMigration(file: file, node: source) { sim in sim.runPhase(id, next, startedAt: started) }
        }
        if next.phase == .flushPages { return flushPagesForMigration(id, next) }
        runPhase(id, next)
    }

    func finishMigration(_ id: Int) {
        let m = migration
        m.migrations[id].report.state = .done
        m.migrations[id].report.finished = now
        let report = m.migrations[id].report
        m.active[report.process.index] = nil
        record(.migrationDone(process: Int(report.process.index), from: report.from, to: report.to,
                              freeze: report.freezeTime ?? .zero, total: report.totalTime ?? .zero,
                              bytes: report.bytes, openFiles: report.openFiles), at: report.to)
        balancingMigrationEnded(id)
        migrationEnded(id)
    }

    /// The migration gives up: the process stays (or goes on) where it is.
    func failMigration(_ id: Int, _ why: MigrationFailure) {
        let m = migration
        if m.migrations[id].report.unfrozenAt == nil { migrationArrivedOrGaveUp(id) }
        m.migrations[id].report.state = .failed
        m.migrations[id].report.failure = why
        m.migrations[id].report.finished = now
        m.migrations[id].current = nil
        let report = m.migrations[id].report
        let process = report.process.index
        m.active[process] = nil
        scheduler.table[process].migrationPending = false
        if scheduler.table[process].phase == .blocked, scheduler.table[process].blockKind == .migrating {
            // It was frozen until now: the freeze is reported, though the move failed.
            m.migrations[id].report.unfrozenAt = now
            resumeAfterFreeze(id, on: report.from)
        }
        record(.migrationFailed(process: Int(process), from: report.from, to: report.to, reason: why), at: report.from)
        balancingMigrationEnded(id)
        migrationEnded(id)
    }
}
