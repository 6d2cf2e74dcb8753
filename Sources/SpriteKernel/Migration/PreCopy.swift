/// Pre-copy (the V kernel, Theimer 1985; today's VM live migration): while
/// the process still runs, its dirty pages are copied to the target in rounds;
/// pages it dirties meanwhile go again next round. Once the dirty set is small
/// (or after the preset's rounds) it is frozen and only the rest is copied, so
/// the freeze is short; the pages copied in rounds are in the target's memory.
final class PreCopy: MigrationStrategy {
    var kind: MigrationStrategyKind { .precopy }
    var arrival: PageArrival { .resident }
    var copiesWhileRunning: Bool { true }

    func plan(_ subject: MigrationSubject, costs: MigrationCosts) -> [PlannedPhase] {
        var phases = subject.commonPhases(costs)
        if subject.dirtyPageBytes > 0 {
            phases.append(PlannedPhase(phase: .copyPages, client: subject.source, peer: subject.target,
                                       requestBytes: subject.dirtyPageBytes, replyBytes: 0,
                                       service: costs.pageFlushCPU.perKilobyte(subject.dirtyPageBytes), calls: 1))
        }
        return phases
    }
}
