/// How a multiprocessor node's CPUs find work.
public enum RunQueueLayout: Sendable, Equatable {
    /// One run queue for every CPU of the node (time sharing).
    case shared
    /// A queue per CPU: a process returns to the CPU it last ran on
    /// (affinity); with `stealing`, an idle CPU takes work from the longest queue.
    case perCPU(stealing: Bool)
}

/// A node's multiprocessor options: how CPUs share work and what moving
/// between CPUs costs.
public struct MultiprocessorOptions: Sendable, Equatable {
    public var layout: RunQueueLayout
    /// Charged (as the process's CPU time: it stalls) when a process runs on a
    /// different CPU than the one it last ran on.
    public var cacheReload: SimTime
    /// How long a CPU holds a run queue's lock to take a process from it.
    /// CPUs dispatching from one queue at once wait for each other: the
    /// contention point of a shared queue (per-CPU queues meet only when stealing).
    public var queueLock: SimTime
    /// Where kernel work runs and under which lock.
    public var organisation: OSOrganisation
    /// How CPUs reach memory; nil: the memory share of a burst costs nothing extra.
    public var interconnect: InterconnectKind?
    /// One bus transaction (a test-and-set, or a cache miss on the lock's
    /// line): a test-and-set spinner makes one per this much spinning.
    public var busTransaction: SimTime

    public init(layout: RunQueueLayout = .shared, cacheReload: SimTime = .zero, queueLock: SimTime = .zero,
                organisation: OSOrganisation = .fineGrained(locks: 0), interconnect: InterconnectKind? = nil,
                busTransaction: SimTime = .ns(100)) {
        self.layout = layout
        self.cacheReload = cacheReload
        self.queueLock = queueLock
        self.organisation = organisation
        self.interconnect = interconnect
        self.busTransaction = busTransaction
    }

    /// The run queues the organisation uses: private CPUs keep their own,
    /// master-slave has the master's queue and one for the slaves.
    var effectiveLayout: RunQueueLayout {
        switch organisation {
        case .privatePerCPU: .perCPU(stealing: false)
        case .masterSlave: .shared
        default: layout
        }
    }
}

/// One CPU of a node, as the scheduler sees it. Plain data, in one array.
struct CPUState {
    var node: Int32
    /// Index of the CPU within its node.
    var local: Int32
    /// The run queue it takes work from (global index).
    var queue: Int32
    /// Running process, or -1 when idle.
    var current: Int32 = -1
    /// The process it ran last: switching to another one costs a context switch.
    var lastProcess: Int32 = -1
    /// The slice that ended by quantum or preemption at this instant, held
    /// until the CPU chooses (-1: none): it goes on if the same process is picked.
    var heldProcess: Int32 = -1
    var heldStart: SimTime = .zero
    var heldEnd: SimTime = .zero
    var heldPreempted = false
    /// A preemption waits for the switch or reload under way to end.
    var preemptPending = false
    /// Preempted by a newcomer: the process leaves when the CPU chooses, once the instant's events are in.
    var preemptAtChoose = false
    /// Its quantum is up: whether the process leaves is decided when the CPU chooses, once the
    /// instant's newcomers are in (they queue before it).
    var expiresAtChoose = false
    /// Idle, waiting to choose at the end of this instant.
    var dispatchPending = false
    /// Bumped whenever the pending slice-end event becomes stale.
    var epoch: UInt32 = 0
    /// When the running process began its slice (after the switch).
    var sliceStart: SimTime = .zero
    /// Up to when the running process's time has been charged.
    var accountedTo: SimTime = .zero
    /// Cache reload still to pay at the start of the slice.
    var reloadLeft: SimTime = .zero
    /// Kernel work (RPC and file service) booked on this CPU that the running process still waits behind:
    /// it takes the CPU at interrupt level, so the burst ends that much later (Scheduling/Simulation+KernelService).
    var kernelLeft: SimTime = .zero
    /// What the slice still pays before its process does work: kernel work first, then the cache reload.
    var stallLeft: SimTime { kernelLeft + reloadLeft }
    /// When the running process's quantum runs out (`.never` without one).
    var quantumEnd: SimTime = .never
    /// Stand-alone work the running burst does per unit of time: below 1
    /// while the interconnect slows its memory accesses.
    var rate: Double = 1
    /// When the running burst ends at this rate (progress is exact then).
    var burstEnd: SimTime = .never
    /// The pending slice end was brought forward to its gang slot's end, due then (`.never`: it is the
    /// burst's or quantum's own end). A switch that takes the thread off leaves nothing pending past the slot.
    var slotBoundEnd: SimTime = .never

    // Statistics.
    var busy: SimTime = .zero
    var switchTime: SimTime = .zero
    var reloadTime: SimTime = .zero
    /// Kernel work that took the CPU from a running process.
    var kernelTime: SimTime = .zero
    /// Time taking processes off run queues, waiting for their locks included.
    var queueLockTime: SimTime = .zero
    var spinTime: SimTime = .zero
    var contextSwitches: Int64 = 0
    var dispatches: Int64 = 0
    var preemptions: Int64 = 0

    init(node: Int32, local: Int32, queue: Int32) {
        self.node = node
        self.local = local
        self.queue = queue
    }
}

/// A run queue's bookkeeping beside its policy: its length over time.
struct RunQueueState {
    var node: Int32
    var length: Int32 = 0
    /// ∫ length dt in ns, for the time-weighted average.
    var area: Double = 0
    var lastChange: SimTime = .zero
    /// When the queue's lock is next free.
    var lockFreeAt: SimTime = .zero
    /// Bumped whenever the pending aging check becomes stale.
    var agingEpoch: UInt32 = 0
}

/// A node's CPUs and scheduler: where its CPUs and queues sit in the
/// subsystem's flat arrays, the policy and costs.
struct NodeCPUs {
    var firstCPU: Int32
    var cpuCount: Int32
    var firstQueue: Int32
    var queueCount: Int32
    /// A script declared this node's scheduler: a declared process's compute
    /// then runs as a burst under it instead of booking the CPU.
    var schedulerDeclared = false
    var kind: SchedulerKind = .fcfs {
        didSet {
            boostPeriod = kind.boostPeriod
            if case .priority(let aging, let preemptive) = kind { agesWaiting = aging != nil && preemptive } else {
                agesWaiting = false
            }
            if case .stride = kind { chargesBeforeAdmitting = true } else { chargesBeforeAdmitting = false }
        }
    }
    /// Preemptive priorities with aging: a waiting process may come to beat a running one as time passes.
    var agesWaiting = false
    /// Stride: a newcomer's pass starts from the running processes' passes, charged up to now.
    var chargesBeforeAdmitting = false
    /// The MLFQ boost period, kept apart from `kind` so the dispatch path reads a plain value.
    var boostPeriod: SimTime?
    var contextSwitch: SimTime = .zero
    var options = MultiprocessorOptions()
    /// Whether the node has an interconnect model (memory demand matters).
    var modelsMemory = false
    /// The queues the organisation uses (`options.effectiveLayout`).
    var queueLayout = RunQueueLayout.shared
    /// Master-slave: kernel work queues for CPU 0 and user work for the others.
    var masterSlave = false
    /// Private per-CPU OS: a new process is bound to a CPU round robin.
    var privateOS = false
    /// Gang scheduling or space sharing: CPUs follow the node's gang matrix.
    var gangNode = false
    /// Private per-CPU OS: the CPU the next new process is bound to.
    var nextBinding: Int32 = 0
    /// Handles (in the scheduler's lock names) of the kernel locks.
    var kernelLockNames: [Int32] = []
    /// Whether an MLFQ boost event is pending.
    var boostArmed = false
    /// Every process ever placed on the node, for boosts and listings.
    var processes: [Int32] = []

    var cpus: Range<Int> { Int(firstCPU)..<Int(firstCPU + cpuCount) }

    /// Whether a process of the node has arrived and not ended (a boost matters to it).
    func hasLiveProcess(_ table: ProcessTable) -> Bool {
        self.processes.contains { table[$0].phase != .done && table[$0].phase != .new }
    }
    var queues: Range<Int> { Int(firstQueue)..<Int(firstQueue + queueCount) }
    var stealing: Bool { queueLayout == .perCPU(stealing: true) }
}
