/// Where a process is in its life: new → ready → running → blocked → ready … → done.
public enum ProcessRunState: Sendable, Equatable {
    /// Spawned for a later time: it has not arrived yet.
    case new
    /// Waiting on a run queue for a CPU.
    case ready
    /// On a CPU of its node (index within the node).
    case running(cpu: Int)
    /// Waiting for something other than a CPU.
    case blocked(BlockReason)
    /// Finished: the program ended or it took an `exit` step.
    case done
    /// Died in a crash of its node: it never finished.
    case killed
}

/// What a blocked process waits for. Message and file reasons are reserved
/// for V IPC and file steps run as processes, so those fit the same states.
public enum BlockReason: Sendable, Equatable {
    /// A `sleep` step: a timer wakes it.
    case timer
    /// An `io` step: a device finishes after the step's duration.
    case io
    /// A blocking lock (or a spin-then-block lock past its spin limit).
    case lock(name: String)
    /// A barrier that has not yet gathered its parties.
    case barrier(name: String)
    /// A V receive, or a V send awaiting its reply.
    case message
    /// A file operation in progress.
    case file
    /// A DSM fault, lock or barrier waiting for its messages.
    case dsm
    /// A declared process between steps: it waits for the script's next one.
    case idle
    /// A page fault: a page on its way in (or a victim on its way out).
    case pageFault
    /// Frozen while it migrates to another node.
    case migrating
    /// A location-dependent kernel call forwarded to its home node.
    case forwarded
}

/// The compact state the engine keeps per process (no payload, so a process
/// record stays plain data); the public `ProcessRunState` is built from it.
enum ProcessPhase: UInt8 {
    case new, ready, running, blocked, done
}

/// Why a blocked process waits, as kept in the process record.
enum BlockKind: UInt8 {
    case none, timer, io, lock, barrier, message, file, dsm, pageFault, migrating, forwarded
}
