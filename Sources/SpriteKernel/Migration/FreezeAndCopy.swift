/// Freeze and copy everything: every resident page goes to the target while
/// the process is frozen (as Charlotte and LOCUS did). The freeze grows with
/// the resident set, but the target needs nothing from the server afterwards.
final class FreezeAndCopy: MigrationStrategy {
    var kind: MigrationStrategyKind { .copy }
    var arrival: PageArrival { .resident }

    func plan(_ subject: MigrationSubject, costs: MigrationCosts) -> [PlannedPhase] {
        var phases = subject.commonPhases(costs)
        if subject.residentBytes > 0 {
            phases.append(PlannedPhase(phase: .copyPages, client: subject.source, peer: subject.target,
                                       requestBytes: subject.residentBytes, replyBytes: 0,
                                       service: costs.pageFlushCPU.perKilobyte(subject.residentBytes), calls: 1))
        }
        return phases
    }
}
