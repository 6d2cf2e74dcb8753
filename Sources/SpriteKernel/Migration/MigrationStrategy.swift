/// How a process's memory reaches its new node: one file per strategy, and a
/// case here. A strategy only plans the phases after the freeze; the
/// migration layer runs them (each a series of real RPCs) and unfreezes.
protocol MigrationStrategy: AnyObject {
    var kind: MigrationStrategyKind { get }
    /// The phases between the freeze and the unfreeze, in order, for `subject`.
    func plan(_ subject: MigrationSubject, costs: MigrationCosts) -> [PlannedPhase]
    /// Where the pages it had in memory are once it runs on the target.
    var arrival: PageArrival { get }
    /// Its dirty pages are copied in rounds while it still runs, before the freeze.
    var copiesWhileRunning: Bool { get }
}

extension MigrationStrategy {
    var arrival: PageArrival { .backing }
    var copiesWhileRunning: Bool { false }
}

/// Every migration strategy, by the word the language uses for it.
public enum MigrationStrategyKind: String, Sendable, Equatable, CaseIterable {
    /// Sprite's: dirty file blocks and dirty VM pages go to their server; the target demand-pages them.
    case flush
    /// Every resident page moves to the target inside the freeze.
    case copy
    /// Dirty pages copied in rounds while it runs; a short freeze for the rest.
    case precopy
    /// Only its state moves; each page is fetched from the source when first touched there.
    case lazy

    func make() -> any MigrationStrategy {
        switch self {
        case .flush: FlushToServer()
        case .copy: FreezeAndCopy()
        case .precopy: PreCopy()
        case .lazy: LazyCopy()
        }
    }
}

/// What a strategy knows of the process it plans for, read at the freeze.
struct MigrationSubject {
    var source: Int
    var target: Int
    /// Its open files' servers, one entry per open session, with the file's dirty bytes cached at the source.
    var openFiles: [(server: Int, dirtyBytes: Int64)]
    /// Resident and dirty bytes of its address space (0 without one), and where its backing files live.
    var residentBytes: Int64
    var dirtyPageBytes: Int64
    var backingServer: Int
    /// Exec-time migration: the new program's arguments and environment; nil for a running process.
    var execArgumentBytes: Int64?
}

/// One phase a strategy plans: `calls` sequential RPCs from the source (or target) to `peer`.
struct PlannedPhase {
    var phase: MigrationPhase
    var client: Int
    var peer: Int
    var requestBytes: Int64
    var replyBytes: Int64
    /// Kernel CPU the peer spends serving each call, at speed 1.
    var service: SimTime
    var calls: Int
    /// Data the phase moves by other means (the file system's own write-back), reported as its bytes;
    /// its RPCs then carry only the kernels' bookkeeping.
    var movedBytes: Int64 = 0
}

extension MigrationSubject {
    /// The phases every strategy shares: the process's state, its open files' streams moved with their
    /// servers (about three RPCs each), and its dirty file blocks written to their servers.
    func commonPhases(_ costs: MigrationCosts) -> [PlannedPhase] {
        var phases: [PlannedPhase] = []
        if let arguments = execArgumentBytes {
            phases.append(PlannedPhase(phase: .state, client: source, peer: target, requestBytes: costs.execStateBytes,
                                       replyBytes: 0, service: costs.execStateCPU, calls: 1))
            if arguments > 0 {
                phases.append(PlannedPhase(phase: .execArguments, client: source, peer: target,
                                           requestBytes: arguments, replyBytes: 0,
                                           service: costs.execArgumentCPU.perKilobyte(arguments), calls: 1))
            }
            return phases
        }
        phases.append(PlannedPhase(phase: .state, client: source, peer: target, requestBytes: costs.stateBytes,
                                   replyBytes: 0, service: costs.stateCPU, calls: 1))
        for file in openFiles {
            phases.append(PlannedPhase(phase: .openFile, client: source, peer: file.server,
                                       requestBytes: costs.fileRPCBytes, replyBytes: costs.fileRPCBytes,
                                       service: costs.perFileCPU, calls: costs.fileRPCs))
        }
        for file in openFiles where file.dirtyBytes > 0 {
            phases.append(PlannedPhase(phase: .flushFiles, client: source, peer: file.server,
                                       requestBytes: 64, replyBytes: 0,
                                       service: costs.fileFlushCPU.perKilobyte(file.dirtyBytes), calls: 1,
                                       movedBytes: file.dirtyBytes))
        }
        return phases
    }
}
