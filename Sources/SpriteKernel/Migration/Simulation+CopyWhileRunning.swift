/// Pre-copy's rounds, which copy pages while the process still runs: a round
/// is one RPC carrying the pages dirty when it starts. (Lazy copy's fetches,
/// the other pages moved outside the freeze: Simulation+ResidualDependency.swift.)
extension Simulation {
    /// Starts pre-copy's next round if the strategy copies while running, the preset's rounds are not used
    /// up and more than its stop set of pages is dirty; false: the process is to be frozen now.
    func startPreCopyRound(_ id: Int) -> Bool {
        let m = migration
        let report = m.migrations[id].report
        guard m.strategies[report.strategy]?.copiesWhileRunning == true,
              report.precopyRounds < m.costs.precopyRounds else { return false }
        let process = report.process.index
        let figures = spaceFigures(of: process)
        guard figures.dirty > m.costs.precopyStopPages * max(1, figures.pageSize) else { return false }
        let bytes = takeDirtyPagesForCopy(process)
        m.migrations[id].report.precopyRounds += 1
        m.migrations[id].report.precopiedBytes += bytes
        runPhase(id, PlannedPhase(phase: .precopyRound, client: report.from, peer: report.to, requestBytes: bytes,
                                  replyBytes: 0, service: m.costs.pageFlushCPU.perKilobyte(bytes), calls: 1))
        return true
    }
}
