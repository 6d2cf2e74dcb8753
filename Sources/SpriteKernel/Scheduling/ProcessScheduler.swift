/// The process and CPU-scheduling subsystem's state: processes, programs,
/// each node's CPUs and run queues, locks and barriers, the timeline. The
/// logic lives in the `Simulation` extensions of this folder and
/// Processes/; nothing outside them reads this state.
final class ProcessScheduler {
    let table = ProcessTable()
    @exclusivity(unchecked) var programs: [Program] = []
    var programIndex: [String: Int32] = [:]
    /// Jobs' programs, under keys no script can write.
    var hiddenPrograms: [String: Int32] = [:]
    /// Lock, barrier and peer names and message texts, interned: a handle
    /// names the same thing on every node; a lock or barrier is keyed by (node, handle).
    var syncNames: [String] = []
    var syncIndex: [String: Int32] = [:]

    /// Each node's slot in `nodes`, or -1 until it gets a scheduler or a process.
    @exclusivity(unchecked) var nodeSlot: [Int32] = []
    @exclusivity(unchecked) var nodes: [NodeCPUs] = []
    let cpus = PlainArray<CPUState>()
    let queues = PlainArray<RunQueueState>()
    /// One policy per run queue, apart from the plain data above.
    @exclusivity(unchecked) var policies: ContiguousArray<any SchedulingPolicy> = []
    /// Each node slot's memory interconnect, nil when none is modelled.
    @exclusivity(unchecked) var interconnects: [(any MemoryInterconnect)?] = []
    /// Each CPU's memory demand now (memory share of its burst; 1 for a
    /// test-and-set spinner), by global CPU index.
    @exclusivity(unchecked) var memoryDemand: ContiguousArray<Double> = []
    /// Each node slot's gang matrix, under gang scheduling or space sharing.
    var gangMatrices: [GangMatrix?] = []
    /// Each parallel job's threads, and the jobs by name.
    var gangs: [[Int32]] = []
    var gangIndex: [String: Int32] = [:]

    /// Idle CPUs waiting to pick a process at the end of this instant, in the order they freed.
    let choosing = PlainArray<Int32>()
    /// Processes that became ready at this instant while a CPU of theirs was idle: under a
    /// preemptive policy, one still waiting once the CPUs have chosen may take a running one's CPU.
    let newcomers = PlainArray<Int32>()
    /// Processes whose I/O or sleep ended at this instant, made ready together when the CPUs choose.
    let waking = PlainArray<Int32>()
    /// Run queues whose aging check fell due at this instant, looked at when the CPUs choose.
    let agingDue = PlainArray<Int32>()
    /// Whether the choose event is queued.
    @exclusivity(unchecked) var choicePosted = false

    @exclusivity(unchecked) var timeline: [TimelineSlice] = []
    /// The most timeline slices kept; later ones are counted, not kept.
    @exclusivity(unchecked) var timelineLimit = 100_000
    @exclusivity(unchecked) var timelineDropped = 0
    /// The earliest start of a dropped slice: before it the timeline is complete.
    @exclusivity(unchecked) var timelineDroppedFrom = SimTime.never

    /// V IPC state of the processes that have sent or received (Processes/ProcessMailbox.swift).
    var mailboxes: [Int32: ProcessMailbox] = [:]
    var locks = LockTable()
    var barriers = BarrierTable()
    var channels = ChannelTable()

    /// Totals over every CPU.
    @exclusivity(unchecked) var dispatchCount: Int64 = 0
    /// Processes that have not finished.
    @exclusivity(unchecked) var liveProcesses = 0
    /// Forks and spawns refused because the table was full.
    var refusedForks = 0
    /// The sharing groups a shared fork has given a thread: only these need a scan for live members.
    var threadedGroups = Set<Int32>()
    /// Steps that could not be taken (a lock taken twice, one released but not held), in order.
    var stepFaults: [StepFault] = []
    /// Cycles of processes each waiting for a lock the next holds, in the order they closed.
    var deadlocks: [Deadlock] = []
    /// Parallel jobs found wider than their node when placed (see `oversizedJobs`).
    var oversizedJobs: [Simulation.OversizedJob] = []
    var processLimit = 1_000_000
    var programStepLimit: Int64 = 10_000_000

    func intern(_ name: String) -> Int32 {
        if let id = syncIndex[name] { return id }
        let id = Int32(syncNames.count)
        syncNames.append(name)
        syncIndex[name] = id
        return id
    }
}
