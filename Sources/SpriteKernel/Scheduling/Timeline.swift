/// Why a process left the CPU at the end of a timeline slice.
public enum SliceEnding: String, Sendable, Equatable, CaseIterable {
    /// It blocked (sleep, I/O, a lock, a barrier).
    case blocked
    /// A process the policy prefers became ready and took the CPU.
    case preempted
    /// Its quantum ran out while others waited.
    case quantum
    /// It moved to another CPU: master-slave kernel work goes to the master and back.
    case moved
    /// Its program ended.
    case done
    /// It took an `exit` step.
    case exit
    /// Its node crashed: the process died on the CPU.
    case killed
    /// A page fault: it waits for the page.
    case fault
    /// Still on the CPU when the timeline was read (the slice ends "now").
    case running
}

/// One stretch of one process on one CPU. The context switch before it is
/// the gap since the CPU's previous slice; a cache reload is inside it.
public struct TimelineSlice: Sendable, Equatable {
    public var node: Int
    /// CPU index within the node.
    public var cpu: Int
    public var process: ProcessID
    public var start: SimTime
    public var end: SimTime
    public var ending: SliceEnding

    public init(node: Int, cpu: Int, process: ProcessID, start: SimTime, end: SimTime, ending: SliceEnding) {
        self.node = node
        self.cpu = cpu
        self.process = process
        self.start = start
        self.end = end
        self.ending = ending
    }
}

/// A CPU's statistics from time zero to `span`'s end.
public struct CPUStatistics: Sendable, Equatable {
    public var node: Int
    public var cpu: Int
    /// Time processes ran (cache reloads and spinning included).
    public var busy: SimTime
    /// Time spent switching between processes.
    public var switching: SimTime
    /// Part of `busy` spent reloading caches after a change of CPU.
    public var cacheReload: SimTime
    /// Part of `busy` spent spinning on locks.
    public var spinning: SimTime
    /// Time taking processes off run queues, waiting for the queue's lock included.
    public var queueLock: SimTime
    public var contextSwitches: Int
    public var dispatches: Int
    public var preemptions: Int
    /// Time-weighted average length of the run queue this CPU takes work from.
    public var averageRunQueue: Double
    /// The time measured over: from zero to now.
    public var span: SimTime

    /// (busy + switching + queue lock) / span, 0…1: the part of the time the CPU was not idle.
    public var utilisation: Double {
        span > .zero ? Double((busy + switching + queueLock).nanoseconds) / Double(span.nanoseconds) : 0
    }
}
