/// Summarising ended processes (`EndedProcessRecords.summary`): a long stream of short programs keeps the
/// live processes in memory, not every one ever made. A process that ends waits in a list; at the next
/// `spawn` (between runs: no event is being handled, so no caller holds the id) each one that nothing
/// else names is folded into the totals `balanceOutcome()` reads, its migrations with it, and its slot is
/// freed for the next process. Nothing that names the old id may outlive this, or a later process taking
/// the slot would be mistaken for it; so a process is summarised only when:
/// - its program only computes and waits on timers (no fork, lock, message, file, memory or DSM step: no
///   other table holds it), it has no parent, child, thread, address space or gang;
/// - it was not killed while blocked (its timer's wake may still be pending);
/// - no CPU remembers it as the last process it ran or as a held slice (a later process with its id would
///   skip the context switch): it waits until each such CPU has run another;
/// - it has no migration under way and counts as no node's guest; every ended migration of it goes too;
/// - the run keeps no trace, no timeline, no eviction record and no pmake build (those name ids).
/// Ids are then no longer in spawn order: a policy that breaks ties by id may break them differently.
extension Simulation {
    /// What the engine keeps of an ended process (default `.full`). Set it before the first spawn.
    public var endedProcessRecords: EndedProcessRecords {
        get { scheduler.table.ended.records }
        set { scheduler.table.ended.records = newValue }
    }

    /// Processes summarised so far (their slots reused).
    public var summarisedProcessCount: Int { scheduler.table.ended.summary.recycled }

    /// Folds every ended process that nothing names into the totals and frees its slot (see above).
    /// Called between runs only.
    func summariseEndedProcesses() {
        let s = scheduler
        guard s.table.ended.records == .summary, !s.table.ended.waiting.isEmpty, traceLevel == .off,
              s.timelineLimit == 0, s.timeline.isEmpty, balancing.evictions.isEmpty, !pmakeLayer.listens
        else { return }
        // Marks by slot, cleared again below: a pass hashes nothing (it runs before every batch of spawns).
        if s.table.ended.marks.count < s.table.count {
            s.table.ended.marks += repeatElement(0, count: s.table.count - s.table.ended.marks.count)
        }
        // The processes CPUs remember (last run, held slice): a later process with one's id would skip a switch.
        markRemembered(EndedProcesses.remembered)
        let candidates = s.table.ended.later + s.table.ended.waiting
        var later: [Int32] = []
        for process in candidates {
            switch summarisability(of: process) {
            case .now: s.table.ended.marks[Int(process)] = EndedProcesses.ready
            case .later: later.append(process)
            case .never: break
            }
        }
        // A process goes only with all its ended migrations; one it cannot take with it keeps it. The marks
        // are read first: most ended migrations are of processes still running, whose records need no read.
        for (id, process) in migration.ended where s.table.ended.marks[Int(process)] == EndedProcesses.ready
            && !migrationSummarisable(id) {
            s.table.ended.marks[Int(process)] = 0
            later.append(process)
        }
        var keptMigrations: [(id: Int, process: Int32)] = []
        var retiredAny = false
        for (id, process) in migration.ended {
            if s.table.ended.marks[Int(process)] == EndedProcesses.ready {
                retireMigration(id)
                retiredAny = true
            } else {
                keptMigrations.append((id, process))
            }
        }
        migration.ended = keptMigrations
        if retiredAny { balancing.transfers.removeAll { migration.migrations[$0].retired } }
        // In the order they ended (those looked at again first), so the totals add up in one fixed order.
        for process in candidates where s.table.ended.marks[Int(process)] == EndedProcesses.ready {
            summarise(process)
        }
        for process in candidates { s.table.ended.marks[Int(process)] = 0 }
        markRemembered(0)
        s.table.ended.waiting.removeAll(keepingCapacity: true)
        s.table.ended.later = later
    }

    /// Marks the processes CPUs remember (the last each ran, its held slice's) with `mark`.
    private func markRemembered(_ mark: UInt8) {
        let s = scheduler
        for cpu in 0..<s.cpus.count {
            if s.cpus[cpu].lastProcess >= 0 { s.table.ended.marks[Int(s.cpus[cpu].lastProcess)] = mark }
            if s.cpus[cpu].heldProcess >= 0 { s.table.ended.marks[Int(s.cpus[cpu].heldProcess)] = mark }
        }
    }

    /// Notes an ended migration: it goes when its process is summarised.
    func migrationEnded(_ id: Int) {
        guard scheduler.table.ended.records == .summary else { return }
        migration.ended.append((id, migration.migrations[id].report.process.index))
    }

    private enum Summarisability { case now, later, never }

    private func summarisability(of process: Int32) -> Summarisability {
        let s = scheduler
        // First the dense marks: most processes looked at again are still some CPU's last one, and their
        // records, scattered over the table, need not be read for that.
        if s.table.ended.marks[Int(process)] == EndedProcesses.remembered { return .later }
        let p = s.table[process]
        guard p.kind == .program, p.phase == .done, s.programs[Int(p.program)].summarisable, p.parent < 0,
              p.children == 0, p.root == process, p.group == process, !s.threadedGroups.contains(process),
              p.space < 0, p.gang < 0, p.blockKind == .none
        else { return .never }
        if migration.active[process] != nil || balancing.guestHost[process] != nil
            || balancing.evictOnArrival[process] != nil {
            return .later
        }
        return .now
    }

    /// An ended migration nothing else names: no RPC, flush or lazy copy's source page waits on it.
    private func migrationSummarisable(_ id: Int) -> Bool {
        let m = migration
        let state = m.migrations[id].report.state
        return (state == .done || state == .failed) && m.migrations[id].operation < 0
            && (m.migrations[id].report.execTime || m.migrations[id].report.strategy != .lazy)
    }

    /// Frees the migration's slot: its arrays go, it leaves `migrationReports`, the next migration takes it.
    private func retireMigration(_ id: Int) {
        let m = migration
        m.migrations[id].report.phases = []
        m.migrations[id].planned = []
        m.migrations[id].dirtyFiles = []
        m.migrations[id].retired = true
        m.free.append(id)
    }

    /// Adds the ended process to the totals, clears what other layers kept for it, and frees its slot.
    private func summarise(_ process: Int32) {
        let s = scheduler
        let p = s.table[process]
        s.table.ended.summary.recycled += 1
        if p.killed {
            s.table.ended.summary.killed += 1
        } else if p.finish != .never {
            let turnaround = p.finish - p.arrival
            s.table.ended.summary.finished += 1
            s.table.ended.summary.turnaroundSum += turnaround.nanoseconds
            s.table.ended.summary.turnarounds.add(Double(turnaround.nanoseconds))
            if p.cpuTime > .zero {
                let slowdown = turnaround.seconds / p.cpuTime.seconds
                s.table.ended.summary.slowdownSum += slowdown
                s.table.ended.summary.slowdowns += 1
                s.table.ended.summary.slowdownBuckets.add(slowdown)
            }
        }
        migration.homes[process] = nil
        migration.counts[process] = nil
        migration.forwardedCalls[process] = nil
        migration.flushWaits[process] = nil
        if let slot = schedulerSlot(Int(p.node)), let place = s.nodes[slot].processes.firstIndex(of: process) {
            s.nodes[slot].processes.remove(at: place)
        }
        s.table.free(process)
    }
}

extension Simulation {
    /// `balanceOutcome()` with summarised processes: counts, mean turnaround and mean slowdown from the
    /// totals and the records still kept (`turnarounds` in nanoseconds, `slowdowns`); the percentiles and the
    /// median slowdown from buckets (each the lower bound of its bucket, at most 0.8% below the exact value).
    func outcomeWithSummary(_ turnarounds: [Int64], _ slowdowns: [Double]) -> BalanceOutcome {
        let summary = scheduler.table.ended.summary
        var turnaroundBuckets = summary.turnarounds
        var slowdownBuckets = summary.slowdownBuckets
        for turnaround in turnarounds { turnaroundBuckets.add(Double(turnaround)) }
        for slowdown in slowdowns { slowdownBuckets.add(slowdown) }
        let finished = summary.finished + turnarounds.count
        let sum = turnarounds.reduce(summary.turnaroundSum, +)
        let ratios = summary.slowdowns + slowdowns.count
        let slowdownSum = slowdowns.reduce(summary.slowdownSum, +)
        func rank(_ q: Double) -> SimTime {
            guard finished > 0 else { return .zero }
            let rank = max(1, min(finished, Int((q * Double(finished)).rounded(.up))))
            return .ns(Int64(turnaroundBuckets.value(ofRank: rank)))
        }
        // The middle ratio, or the mean of the two middle ones, as the full records give it.
        let median = ratios == 0 ? 0 : ratios % 2 == 1 ? slowdownBuckets.value(ofRank: ratios / 2 + 1)
            : (slowdownBuckets.value(ofRank: ratios / 2) + slowdownBuckets.value(ofRank: ratios / 2 + 1)) / 2
        let mean = ratios == 0 ? 0 : slowdownSum / Double(ratios)
        return BalanceOutcome(finished: finished, meanTurnaround: finished == 0 ? .zero : .ns(sum / Int64(finished)),
                              p95: rank(0.95), p99: rank(0.99), meanSlowdown: mean, medianSlowdown: median,
                              slowdowns: ratios)
    }
}
