/// Sprite's migration: the process's dirty VM pages are written to their
/// backing files on the server (so the freeze moves no address space), and
/// the target demand-pages them from there after the unfreeze.
final class FlushToServer: MigrationStrategy {
    var kind: MigrationStrategyKind { .flush }

    func plan(_ subject: MigrationSubject, costs: MigrationCosts) -> [PlannedPhase] {
        var phases = subject.commonPhases(costs)
        if subject.dirtyPageBytes > 0 {
            phases.append(PlannedPhase(phase: .flushPages, client: subject.source, peer: subject.backingServer,
                                       requestBytes: 64, replyBytes: 0,
                                       service: costs.pageFlushCPU.perKilobyte(subject.dirtyPageBytes), calls: 1,
                                       movedBytes: subject.dirtyPageBytes))
        }
        return phases
    }
}
