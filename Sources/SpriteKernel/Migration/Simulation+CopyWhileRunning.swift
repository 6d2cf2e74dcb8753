/// Pre-copy's rounds, which copy pages while the process still runs: a round
/// is one RPC carrying the pages dirty when it starts. (Lazy copy's fetches,
/// the other pages moved outside the freeze: Simulation+ResidualDependency.swift.)
extension Simulation {
    /// Starts pre-copy's next round if the strategy copies while running, the preset's rounds are not used
    /// up and more than its stop set of pages is dirty; false: the process is to be frozen now.
    func startPreCopyRound(_ id: Int) -> Bool {
        let m = migration
        let report = m.migrations[id].report
        guard m.strategies[report.strategy]?.copiesWhileRunning == true else { return false }
        settleWritesSinceRound(id)
        guard report.precopyRounds < m.costs.precopyRounds else { return false }
        let process = report.process.index
        let figures = spaceFigures(of: process)
        guard figures.dirty > m.costs.precopyStopPages * max(1, figures.pageSize) else { return false }
        let bytes = takeDirtyPagesForCopy(process)
        m.migrations[id].workAtRound = workDone(by: process)
        m.migrations[id].report.precopyRounds += 1
        m.migrations[id].report.precopiedBytes += bytes
        runPhase(id, PlannedPhase(phase: .precopyRound, client: report.from, peer: report.to, requestBytes: bytes,
                                  replyBytes: 0, service: m.costs.pageFlushCPU.perKilobyte(bytes), calls: 1))
        return true
    }

    /// After a round, before the next one or the freeze reads the dirty set: the pages the process wrote
    /// since the round took it count as dirty (Memory/Simulation+WritesSinceRound.swift).
    func settleWritesSinceRound(_ id: Int) {
        let m = migration
        let report = m.migrations[id].report
        guard report.precopyRounds > 0, m.strategies[report.strategy]?.copiesWhileRunning == true else { return }
        let process = report.process.index
        let work = workDone(by: process)
        let space = scheduler.table[process].space
        markWritesSinceRound(process, space: space, work: work - m.migrations[id].workAtRound)
        m.migrations[id].workAtRound = work
    }

    /// The process's time on a CPU not spent spinning, charged up to now if it runs.
    private func workDone(by process: Int32) -> SimTime {
        let s = scheduler
        let cpu = Int(s.table[process].cpu)
        if cpu >= 0, s.cpus[cpu].current == process { settle(cpu) }
        return s.table[process].cpuTime - s.table[process].spinTime
    }
}
