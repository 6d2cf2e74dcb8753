/// Process migration's state: every migration asked for (the report and the
/// phase it is in), the RPC series each waits on, each process's home and
/// counts, and the costs and default strategy. The scheduler knows only one
/// flag per process (`migrationPending`); everything else is here.
final class MigrationLayer {
    var migrations: [MigrationRecord] = []
    /// The migration waiting on each RPC series, by operation.
    var byOperation: [Int32: Int] = [:]
    /// The migration each process is in (waiting or moving), by process.
    var active: [Int32: Int] = [:]
    /// Each migrated process's home node (where it was created), its migrations and forwarded calls.
    var homes: [Int32: Int32] = [:]
    var counts: [Int32: Int] = [:]
    /// Location-dependent calls forwarded home and waiting, by RPC operation: the process and when it asked.
    var forwarded: [Int32: (process: Int32, since: SimTime)] = [:]
    /// Each process's calls forwarded home so far, and the time it waited for them.
    var forwardedCalls: [Int32: (calls: Int, time: SimTime)] = [:]
    /// Each forwarded call, for the timeline (Simulation+ForwardedCallLog.swift).
    let callLog = ForwardedCallLog()
    /// The migration waiting for each process's dirty pages to reach their backing files, by process.
    var flushWaits: [Int32: Int] = [:]
    /// Lazy copy: each migrated segment's source and migration; the page-in each fetch from a source serves.
    var lazySources: [Int32: (source: Int32, migration: Int)] = [:]
    var lazyFetches: [Int32: Int32] = [:]
    var costs = MigrationPreset.modern.costs
    var preset: MigrationPreset? = .modern
    var strategy = MigrationStrategyKind.flush
    /// One instance per strategy, made once.
    let strategies: [MigrationStrategyKind: any MigrationStrategy] = Dictionary(
        uniqueKeysWithValues: MigrationStrategyKind.allCases.map { ($0, $0.make()) })

    /// Whether any migration waits on an RPC: the RPC layer's up-call costs a check otherwise.
    var waitsOnRPCs: Bool { !byOperation.isEmpty || !forwarded.isEmpty || !lazyFetches.isEmpty }
}

extension Simulation {
    /// Migration's tables, as the engine's extensions name them.
    var migration: MigrationLayer { migrationLayer }
}
