/// Lazy copy on reference (Accent, Zayas 1987): the freeze moves the process's
/// state only; every page it had in memory stays at the source, and the first
/// fault on one on the target is an RPC to the source for it. The freeze is the
/// shortest, but the source must stay up and serve it until the last page is
/// fetched: a residual dependency, counted.
final class LazyCopy: MigrationStrategy {
    var kind: MigrationStrategyKind { .lazy }
    var arrival: PageArrival { .atSource }

    func plan(_ subject: MigrationSubject, costs: MigrationCosts) -> [PlannedPhase] {
        subject.commonPhases(costs)
    }
}
