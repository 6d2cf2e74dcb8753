/// A step of a migration, in the order Sprite takes them.
public enum MigrationPhase: String, Sendable, Equatable, CaseIterable {
    /// Ask the target to accept the process (reserve it).
    case select
    /// The process's state (and, exec-time, a fresh process-table entry) to the target.
    case state
    /// One open file's stream, offset and consistency state moved with its server.
    case openFile = "open-file"
    /// The process's dirty file blocks written to their server.
    case flushFiles = "flush-files"
    /// Dirty VM pages written to their backing files on the server.
    case flushPages = "flush-pages"
    /// Resident pages copied to the target (freeze and copy; pre-copy's last dirty pages).
    case copyPages = "copy-pages"
    /// One of pre-copy's rounds of dirty pages, copied while the process runs.
    case precopyRound = "precopy-round"
    /// An exec-time migration's arguments and environment.
    case execArguments = "exec-args"
    /// Tell the host the reservation is over.
    case release
}

/// How far a migration has come.
public enum MigrationState: String, Sendable, Equatable {
    /// Asked for; the process has not reached a point where it can be frozen.
    case waiting
    /// Frozen (or reserving the host before the freeze): phases under way.
    case moving
    case done
    case failed
}

/// Why a migration gave up.
public enum MigrationFailure: Sendable, Equatable {
    /// The process ended (or died with its node) before it could move.
    case processEnded
    /// It spins on a lock: it cannot be frozen until it has it, and then it holds a node-local lock.
    case spinning
    /// A phase's RPCs failed (the target, a server or the source went down).
    case phaseFailed(MigrationPhase, OperationFailure)
}

/// One phase as it ran: how long, how many bytes, how many RPCs.
public struct MigrationPhaseRecord: Sendable, Equatable {
    public var phase: MigrationPhase
    public var peer: Int
    public var elapsed: SimTime
    public var bytes: Int64
    public var calls: Int
}

/// A migration, as the engine reports it.
public struct MigrationReport: Sendable, Equatable {
    public var id: Int
    public var process: ProcessID
    public var from: Int
    public var to: Int
    /// The node whose kernel answers its location-dependent calls.
    public var home: Int
    public var strategy: MigrationStrategyKind
    /// Exec-time (remote exec): no address space moved.
    public var execTime: Bool
    public var state: MigrationState
    public var requested: SimTime
    public var frozenAt: SimTime?
    public var unfrozenAt: SimTime?
    public var finished: SimTime?
    public var phases: [MigrationPhaseRecord]
    /// Open files moved, and the dirty bytes written back (file blocks, VM pages) or copied.
    public var openFiles: Int
    public var failure: MigrationFailure?
    /// The release RPC failed (the source or the target went down after the unfreeze): the move stands.
    public var releaseFailure: OperationFailure?
    /// Pages left at the source at the unfreeze (lazy copy), those fetched from it since, and those whose
    /// fetch failed (the source crashed, or did not answer): the residual dependency. Pages copied in
    /// pre-copy rounds while it ran, and the rounds.
    public var residualPages = 0
    public var residualFetches = 0
    public var residualLost = 0
    public var precopiedBytes: Int64 = 0
    public var precopyRounds = 0
    /// Copied pages (copy, pre-copy) that found no free frame on the target: written from there to their
    /// backing files, as pages paged out are.
    public var pagesWrittenAtTarget = 0

    /// Time the process could not run: freeze to unfreeze.
    public var freezeTime: SimTime? {
        guard let frozenAt, let unfrozenAt else { return nil }
        return unfrozenAt - frozenAt
    }

    /// Request to the host's release.
    public var totalTime: SimTime? { finished.map { $0 - requested } }

    /// Bytes the phases moved (state, file RPCs, flushed and copied data).
    public var bytes: Int64 { phases.reduce(0) { $0 + $1.bytes } }

    public func time(of phase: MigrationPhase) -> SimTime {
        phases.filter { $0.phase == phase }.reduce(.zero) { $0 + $1.elapsed }
    }
}

/// A migration in the layer's table: its report and what runs now.
struct MigrationRecord {
    var report: MigrationReport
    /// Phases still to run after the current one.
    var planned: [PlannedPhase] = []
    /// The RPC series running for the current phase, or -1.
    var operation: Int32 = -1
    var current: PlannedPhase?
    var phaseStarted: SimTime = .zero
    /// Exec-time: the bytes of arguments it carries.
    var execArgumentBytes: Int64 = 0
    /// Open files whose dirty blocks still go back to their servers before the flush phases.
    var dirtyFiles: [Int] = []
    /// How the process goes on once unfrozen: back on a run queue with the burst it was in (frozen
    /// while running or ready), or taking its next steps (frozen between steps).
    var resumesBurst = false
    /// The flush-pages phase waiting for the process's page-outs to end, and when they began.
    var flushAwaited: PlannedPhase?
    var flushStarted: SimTime = .zero
    var resumeReason: ReadyReason = .woke
    /// Lazy copy: the source crashed after the unfreeze, so the pages still left there are gone.
    var sourceLost = false
    /// Pre-copy: the process's work (CPU time less spinning) when the last round took the dirty set.
    var workAtRound: SimTime = .zero
    /// Summarised with its ended process: the slot is free (`MigrationLayer.free`), no migration now.
    var retired = false
}
