/// What the event core and the engine's callers ask of every subsystem,
/// routed here so the core names none of them.
extension Simulation {
    /// Whether the event, as it comes up, turns out invisible to its subsystem
    /// (a stale slice end or boost, a delayed-write daemon with nothing to
    /// write); if so the subsystem has dropped it, and the run loop neither
    /// moves the clock nor counts it. The one way an event goes stale: every
    /// event is asked, and the others answer from their tag alone.
    @inline(__always) func discardIfInvisible(_ kind: Event) -> Bool {
        switch kind {
        case .files(let e): discardIfInvisible(e)
        case .sched(let e): isInvisible(e)
        case .timer, .net, .ipc, .rpc, .dsm, .mem: false
        }
    }

    /// The records the engine keeps, a measure of its memory: operations,
    /// pending events and undrained trace records, and what each subsystem
    /// keeps (scheduled processes and timeline slices too). Each is a
    /// fixed-size record of at most a few hundred bytes.
    public var recordCount: Int {
        operations.count + queue.count + pendingTrace.count + fileSystem.recordCount
            + scheduler.table.count + scheduler.timeline.count + scheduler.channels.queuedMessages
            + virtualMemory.recordCount + sharedMemory.recordCount
    }
}
