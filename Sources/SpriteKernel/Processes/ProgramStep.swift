/// One step of a program, as the language declares it. Names (programs,
/// locks, barriers) are resolved when the program is defined.
public indirect enum ProgramStep: Sendable, Equatable {
    /// A CPU burst of `duration` (at speed 1); `memoryShare` (0…1) is the part
    /// of it spent on memory accesses, for interconnect models to slow down.
    case compute(SimTime, memoryShare: Double = 0)
    /// Kernel work on the process's behalf (runs as a compute burst for now;
    /// the node's OS organisation will decide where it runs).
    case syscall(SimTime)
    /// A location-dependent kernel call of `cpu` kernel work: made where the process runs while it is at
    /// home, forwarded by RPC to its home node (Migration/) once it has migrated away.
    case locationCall(LocationCall, cpu: SimTime)
    /// An I/O burst: the process is blocked on a device for `duration`.
    case io(SimTime)
    /// The process sleeps for `duration` (blocked on a timer).
    case sleep(SimTime)
    /// Acquires the node-local lock `name`, waiting as `kind` says.
    case lock(String, LockKind)
    /// Releases the node-local lock `name`; a waiter takes it at once.
    case unlock(String)
    /// Waits at the node-local barrier `name` until `parties` processes are there.
    case barrier(String, parties: Int)
    /// Sends a message on the node-local channel `name`; the sender goes on.
    case signal(String)
    /// Waits for a message on the node-local channel `name` from another process.
    case wait(String)
    /// Starts a child process running `program` on the same node. A shared fork
    /// (Sprite's) makes a thread in the parent's sharing group (one address space).
    case fork(program: String, shared: Bool)
    /// Starts a process running `program` on another node (by index).
    case spawn(program: String, node: Int)
    /// Ends the process now.
    case exit
    /// Runs `body` `count` times (count ≥ 0; the language bounds it).
    case `repeat`(Int, [ProgramStep])
    /// V Send to the process called `to`: with `wait` it blocks until that
    /// process replies; without, the message is copied out and the process goes on.
    case send(to: String, text: String?, wait: Bool)
    /// V Receive: the oldest message delivered, else blocks until one arrives.
    case receive
    /// V Reply to `to`, which must be blocked awaiting our reply; does not block.
    case reply(to: String, text: String?)
    /// V MoveTo: copies `bytes` into `peer`, blocked awaiting our reply; blocks until acknowledged.
    case moveTo(peer: String, bytes: Int64)
    /// V MoveFrom: copies `bytes` out of `peer`, blocked awaiting our reply; blocks until they arrive.
    case moveFrom(peer: String, bytes: Int64)
    /// A file operation through the node's client: the process is blocked(file) until it ends.
    case file(FileRequest)
    /// A read or write of `size` bytes at `offset` in the shared segment: a fault blocks the process (dsm).
    case dsmAccess(segment: String, offset: Int64, size: Int64, write: Bool)
    /// Acquires or releases the DSM lock `name` (through its manager; a release ends the write interval).
    case dsmAcquire(String)
    case dsmRelease(String)
    /// Waits at the DSM barrier `name` until `parties` processes, on any nodes, are there.
    case dsmBarrier(String, parties: Int)
    /// The process's later compute bursts touch pages as `pattern` says (its space's pattern until then).
    case pattern(AccessPattern)
    /// The process's later compute bursts touch a shared segment's pages as `pattern` says.
    case dsmPattern(DSMAccessPattern)
}

/// Kernel calls whose answer depends on where they are made: Sprite forwards them to the home node.
public enum LocationCall: String, Sendable, Equatable, CaseIterable {
    case gettimeofday, getpid, signal, device
}

/// How a process waits for a lock another process holds.
public enum LockKind: Sendable, Equatable {
    /// Gives up the CPU and sleeps until the lock is handed over: two context switches.
    case blocking
    /// Keeps the CPU spinning until the lock is free (test-and-set): every
    /// try is a bus write, even while the lock is held.
    case spin
    /// Spins reading its cached copy of the lock (test-and-test-and-set): no
    /// bus traffic while the lock is held; one miss per spinner when it is released.
    case testAndTestAndSet
    /// Spins for at most `limit`, then blocks.
    case spinThenBlock(limit: SimTime)
}
