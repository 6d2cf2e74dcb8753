/// Why a process joins a run queue; some policies place it by the reason.
public enum ReadyReason: Sendable, Equatable {
    /// It arrived (spawned, forked, or a job list's arrival time came).
    case arrived
    /// It was blocked and can run again.
    case woke
    /// A process the policy prefers took its CPU.
    case preempted
    /// Its quantum ran out while others were waiting.
    case quantumExpired
}

/// A CPU-scheduling strategy: one run queue's order. The engine owns the
/// CPUs, the clock and all accounting; a policy only keeps its queue in order,
/// says how long a process may run, and whether a newcomer preempts.
///
/// Class-bound, so the engine holds each queue's policy as one reference and
/// a dispatch is a couple of witness calls with no allocation: implementations
/// keep their queues in storage that, once grown, is reused.
public protocol SchedulingPolicy: AnyObject {
    /// Processes waiting on this queue.
    var count: Int { get }
    /// Whether a process that becomes ready may take a CPU from a running one
    /// (then the engine asks `shouldPreempt`).
    var isPreemptive: Bool { get }
    /// A process becomes ready on this queue.
    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime)
    /// The next process to run, removed from the queue; `nil` when empty.
    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID?
    /// A process for an idle CPU of the node to take from this queue (work
    /// stealing); by default the one `dequeue` would give.
    func steal(table: ProcessTable, now: SimTime) -> ProcessID?
    /// How long `process` may run before the engine takes the CPU back if
    /// others wait: `.never` runs it until its burst ends or it blocks.
    func quantum(for process: ProcessID, table: ProcessTable) -> SimTime
    /// The process ran `ran` (cache reload included) in the slice that just
    /// ended or was settled; policies that account usage update it here.
    func charge(_ process: ProcessID, ran: SimTime, table: ProcessTable)
    /// Whether `candidate`, just ready, should take the CPU from `running`.
    func shouldPreempt(running: ProcessID, by candidate: ProcessID, table: ProcessTable, now: SimTime) -> Bool
    /// Takes every waiting process out, in the order they would have run (the
    /// engine moves them to a new policy when the scheduler changes).
    func removeAll(table: ProcessTable, now: SimTime) -> [ProcessID]
    /// A periodic priority boost (MLFQ): the engine has already reset every
    /// process's level; the policy reorders what waits.
    func boost(table: ProcessTable)
    /// For a policy whose waiting processes get better as they wait (aging):
    /// the first instant after `now` at which one of them would beat `running`,
    /// so the engine can look again then; nil when none ever will.
    func nextPreemptionCheck(running: ProcessID, table: ProcessTable, now: SimTime) -> SimTime?
    /// The process `dequeue` would give, left on the queue.
    func peek(table: ProcessTable, now: SimTime) -> ProcessID?
    /// The priority `process`, waiting on this queue, has now (aged); nil: its own.
    func currentPriority(of process: ProcessID, table: ProcessTable, now: SimTime) -> Int?
}

extension SchedulingPolicy {
    public var isPreemptive: Bool { false }
    public func steal(table: ProcessTable, now: SimTime) -> ProcessID? { dequeue(table: table, now: now) }
    public func quantum(for process: ProcessID, table: ProcessTable) -> SimTime { .never }
    public func charge(_ process: ProcessID, ran: SimTime, table: ProcessTable) {}
    public func shouldPreempt(running: ProcessID, by candidate: ProcessID, table: ProcessTable,
                              now: SimTime) -> Bool { false }
    public func removeAll(table: ProcessTable, now: SimTime) -> [ProcessID] {
        var out: [ProcessID] = []
        while let next = dequeue(table: table, now: now) { out.append(next) }
        return out
    }
    public func boost(table: ProcessTable) {}
    public func nextPreemptionCheck(running: ProcessID, table: ProcessTable, now: SimTime) -> SimTime? { nil }
    public func peek(table: ProcessTable, now: SimTime) -> ProcessID? { nil }
    public func currentPriority(of process: ProcessID, table: ProcessTable, now: SimTime) -> Int? { nil }
}
