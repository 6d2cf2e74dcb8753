/// Freezing and unfreezing through the scheduler. A process is frozen where
/// Sprite would: a running or ready one at once (off its CPU or run queue, its
/// burst kept); one blocked in a call, or not yet arrived, when it next goes
/// on (`migrationPending`, seen by `continueOffCPU`). Frozen = blocked(migrating).
extension Simulation {
    func requestFreeze(_ id: Int) {
        let s = scheduler
        let p = migration.migrations[id].report.process.index
        if s.table[p].phase == .blocked, s.table[p].blockKind == .migrating { return migrationFroze(id) }
        switch s.table[p].phase {
        case .running where s.table[p].spinningOn < 0:
            let cpu = Int(s.table[p].cpu)
            settle(cpu)
            if s.table[p].inKernel { leaveKernel(p) }
            leaveCPU(cpu, .blocked)
            chooseLater(cpu)
            freeze(id, resumesBurst: true)
        case .ready:
            s.table[p].waitTime += now - s.table[p].since
            takeOffRunQueue(p)
            freeze(id, resumesBurst: true)
        case .running:
            failMigration(id, .spinning)
        case .new, .blocked:
            s.table[p].migrationPending = true
        case .done:
            failMigration(id, .processEnded)
        }
    }

    /// The process reached a safe point with a freeze pending (it arrives, wakes, or ends a burst):
    /// it freezes instead of going on. Returns whether it froze.
    /// One that has not arrived yet is held from its arrival while the host is being selected (an
    /// exec-time migration: it never runs on its home).
    func freezeAtSafePoint(_ process: Int32, why: ReadyReason) -> Bool {
        scheduler.table[process].migrationPending = false
        guard let id = migration.active[process] else { return false }
        migration.migrations[id].resumeReason = why
        freeze(id, resumesBurst: false)
        return true
    }

    /// A page-in ended mid-burst with a freeze pending: it freezes with the rest of its burst kept (the
    /// fault's CPU included), and goes on with it where it lands. Returns whether it froze.
    func freezeAfterPageIn(_ process: Int32) -> Bool {
        guard scheduler.table[process].migrationPending else { return false }
        scheduler.table[process].migrationPending = false
        guard let id = migration.active[process] else { return false }
        freeze(id, resumesBurst: true)
        return true
    }

    private func freeze(_ id: Int, resumesBurst: Bool) {
        let p = migration.migrations[id].report.process.index
        migration.migrations[id].resumesBurst = resumesBurst
        migration.migrations[id].report.frozenAt = now
        block(p, .migrating, on: -1)
        if migration.migrations[id].report.state == .moving { migrationFroze(id) }
    }

    /// Takes a ready process off its run queue; the others keep their order.
    func takeOffRunQueue(_ process: Int32) {
        let s = scheduler
        let queue = Int(s.table[process].queue)
        guard queue >= 0 else { return }
        let waiting = s.policies[queue].removeAll(table: s.table, now: now)
        changeQueueLength(queue, by: -Int32(waiting.count))
        for other in waiting where other.index != process {
            s.policies[queue].enqueue(other, why: .woke, table: s.table, now: now)
            changeQueueLength(queue, by: 1)
        }
        s.table[process].queue = -1
    }

    /// Every phase is done: the process's files open on the target, it is on the target's scheduler, and it
    /// goes on there; then the host is released.
    func unfreezeMigrated(_ id: Int) {
        let m = migration
        let report = m.migrations[id].report
        let p = report.process.index
        moveSessions(of: Int(p), from: report.from, to: report.to)
        if scheduler.table[p].space >= 0 { relocateMigratingSpace(id) }
        moveToNode(p, report.to)
        m.migrations[id].report.unfrozenAt = now
        migrationArrivedOrGaveUp(id)
        m.counts[p, default: 0] += 1
        resumeAfterFreeze(id, on: report.to)
        runPhase(id, PlannedPhase(phase: .release, client: report.to, peer: report.to == report.from ? report.to
                                  : report.from, requestBytes: 64, replyBytes: 64, service: m.costs.selectCPU,
                                  calls: 1))
    }

    /// The process leaves its node's scheduler for `target`'s; it reloads its cache there.
    private func moveToNode(_ process: Int32, _ target: Int) {
        let s = scheduler
        let sourceSlot = ensureSchedulerNode(Int(s.table[process].node))
        if let place = s.nodes[sourceSlot].processes.firstIndex(of: process) {
            s.nodes[sourceSlot].processes.remove(at: place)
        }
        let targetSlot = ensureSchedulerNode(target)
        s.nodes[targetSlot].processes.append(process)
        s.table[process].node = Int32(target)
        s.table[process].lastCPU = -1
        s.table[process].homeCell = -1
    }

    /// The frozen process goes on where it now is.
    func resumeAfterFreeze(_ id: Int, on node: Int) {
        let s = scheduler
        let p = migration.migrations[id].report.process.index
        guard s.table[p].phase == .blocked, s.table[p].blockKind == .migrating else { return }
        guard nodes[node].isUp else { return kill(p) }
        s.table[p].blockedTime += now - s.table[p].since
        s.table[p].blockKind = .none
        s.table[p].blockedOn = -1
        if migration.migrations[id].resumesBurst {
            makeReady(p, why: .woke)
        } else {
            continueOffCPU(p, why: migration.migrations[id].resumeReason)
        }
    }
}

extension Simulation {
    /// A process with a freeze pending ended (its program ended, or its node crashed): nothing to move.
    func migratingProcessEnded(_ process: Int32) {
        scheduler.table[process].migrationPending = false
        guard let id = migration.active[process] else { return }
        failMigration(id, .processEnded)
    }
}
