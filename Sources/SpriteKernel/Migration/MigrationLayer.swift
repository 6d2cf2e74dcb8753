/// Process migration's state: every migration asked for (the report and the
/// phase it is in), the RPC series each waits on, each process's home and
/// counts, and the costs and default strategy. The scheduler knows only one
/// flag per process (`migrationPending`); everything else is here.
/// Per-process state is a column indexed by process and per-series state a small handle map, so the
/// phase machine hashes nothing per event. Single-threaded, and no access to one of its tables is held
/// across a call that could reach it, so the tables skip the run-time exclusivity checks, as the other
/// layers' do.
final class MigrationLayer {
    @exclusivity(unchecked) var migrations: [MigrationRecord] = []
    /// With ended processes summarised: migrations that ended and whose process has not been summarised
    /// yet, and slots of migrations summarised with their process, free for the next migration.
    var ended: [(id: Int, process: Int32)] = []
    var free: [Int] = []
    /// The migration waiting on each RPC series, by operation.
    @exclusivity(unchecked) var byOperation = HandleMap<Int>()
    /// The migration each process is in (waiting or moving), by process.
    @exclusivity(unchecked) var active = ProcessColumn<Int>()
    /// Each migrated process's home node (where it was created), its migrations and forwarded calls.
    @exclusivity(unchecked) var homes = ProcessColumn<Int32>()
    @exclusivity(unchecked) var counts = ProcessColumn<Int>()
    /// Processes killed because their home crashed, and how many of the last the run has not reported.
    var homeCrashKills: [HomeCrashKill] = []
    var unreportedHomeCrashKills = 0
    /// Processes each node has accepted and not yet taken in (selected, not yet unfrozen there), by node:
    /// a count per node, grown to the highest target so far (read by every probe's load view).
    @exclusivity(unchecked) var incoming: [Int32] = []
    /// Location-dependent calls forwarded home and waiting, by RPC operation: the process and when it asked.
    @exclusivity(unchecked) var forwarded = HandleMap<(process: Int32, since: SimTime)>()
    /// Each process's calls forwarded home so far, and the time it waited for them.
    @exclusivity(unchecked) var forwardedCalls = ProcessColumn<(calls: Int, time: SimTime)>()
    /// Each forwarded call, for the timeline (Simulation+ForwardedCallLog.swift).
    let callLog = ForwardedCallLog()
    /// The step (pc) whose lock, channel or barrier call each process has forwarded home and had answered:
    /// held only while the call is out, so it holds the few processes blocked on one, not every process.
    @exclusivity(unchecked) var synchronisationForwarded = HandleMap<Int32>()
    /// The migration waiting for each process's dirty pages to reach their backing files, by process.
    @exclusivity(unchecked) var flushWaits = ProcessColumn<Int>()
    /// Lazy copy: each migrated segment's source and migration; the page-in each fetch from a source serves.
    @exclusivity(unchecked) var lazySources = HandleMap<(source: Int32, migration: Int)>()
    @exclusivity(unchecked) var lazyFetches = HandleMap<Int32>()
    var costs = MigrationPreset.modern.costs
    var preset: MigrationPreset? = .modern
    var strategy = MigrationStrategyKind.flush
    /// One instance per strategy, made once.
    let strategies = StrategyTable()

    /// Whether any migration waits on an RPC: the RPC layer's up-call costs a check otherwise.
    var waitsOnRPCs: Bool { !byOperation.isEmpty || !forwarded.isEmpty || !lazyFetches.isEmpty }
}

/// Each strategy's instance, found by its kind: a look along a handful of cases, where a dictionary hashed
/// the kind's name twice a migration.
struct StrategyTable {
    private let kinds = MigrationStrategyKind.allCases
    private let instances = MigrationStrategyKind.allCases.map { $0.make() }

    subscript(kind: MigrationStrategyKind) -> (any MigrationStrategy)? {
        kinds.firstIndex(of: kind).map { instances[$0] }
    }
}

extension Simulation {
    /// Migration's tables, as the engine's extensions name them.
    var migration: MigrationLayer { migrationLayer }
}
