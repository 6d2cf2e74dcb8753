/// Why each migration happened, for pictures that tell a balancer's moves and evictions from the ones a
/// script asked for. Migration keeps no cause (it cannot name Balancing); the balancer's tables have it.
extension Simulation {
    /// One cause per migration, in Migration's order (`migrationReports`).
    public var migrationCauses: [MigrationCause] {
        var causes = [MigrationCause](repeating: .asked, count: migration.migrations.count)
        for id in balancing.transfers where causes.indices.contains(id) { causes[id] = .balancer }
        for eviction in balancing.evictions {
            for id in eviction.migrations where causes.indices.contains(id) {
                causes[id] = .eviction(node: eviction.node, at: eviction.at)
            }
        }
        // Summarised migrations' slots are not in `migrationReports`.
        return zip(causes, migration.migrations).filter { !$0.1.retired }.map(\.0)
    }
}

/// Who moved a process.
public enum MigrationCause: Sendable, Equatable {
    /// The script: `migrate`, or a spawn with `home` (a remote exec).
    case asked
    /// The declared balancer placed or transferred it.
    case balancer
    /// Its host's owner came back (input on `node` at `at`): it was sent home.
    case eviction(node: Int, at: SimTime)
}
