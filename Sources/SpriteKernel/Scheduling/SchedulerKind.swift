/// The registry of CPU schedulers: each case is one strategy with its
/// parameters, and `makePolicy` builds the policy object for one run queue.
/// A new strategy is a new file plus a case here.
public enum SchedulerKind: Sendable, Equatable {
    /// First come, first served; non-preemptive.
    case fcfs
    /// Round robin with a time quantum.
    case roundRobin(quantum: SimTime)
    /// Lowest priority number first. `aging`: a waiting process's priority
    /// improves by one every `aging` it waits (nil: no aging). `preemptive`: a
    /// better process that becomes ready takes the CPU at once.
    case priority(aging: SimTime?, preemptive: Bool)
    /// Multi-level feedback queue.
    case multilevelFeedback(MultilevelFeedbackConfiguration)
    /// Lottery: each quantum goes to a ticket drawn from the engine's seeded generator.
    case lottery(quantum: SimTime)
    /// Stride: deterministic proportional share by tickets.
    case stride(quantum: SimTime)
    /// Shortest (known) job first; non-preemptive.
    case shortestJobFirst
    /// Shortest remaining time first; a shorter arrival preempts.
    case shortestRemainingTime
    /// Gang scheduling (Ousterhout's matrix): a parallel job's threads run in
    /// one time slot on different CPUs; all CPUs switch slots every quantum,
    /// at multiples of the quantum on the global clock. `alternates`: a CPU
    /// its slot leaves idle runs a ready thread of another slot of its column.
    /// `coordinated`: the node shares one matrix with the other nodes it was
    /// set with (`setScheduler(_:coordinating:)`), so a job has one slot on all of them.
    case gang(quantum: SimTime, alternates: Bool = false, coordinated: Bool = false)
    /// Space sharing: a parallel job waits for as many free CPUs as it has
    /// threads, then keeps them to its end (first come, first served).
    case spaceSharing

    /// The policy's short name, as the language spells it.
    public var name: String {
        switch self {
        case .fcfs: "fcfs"
        case .roundRobin: "rr"
        case .priority: "priority"
        case .multilevelFeedback: "mlfq"
        case .lottery: "lottery"
        case .stride: "stride"
        case .shortestJobFirst: "sjf"
        case .shortestRemainingTime: "srtf"
        case .gang: "gang"
        case .spaceSharing: "space"
        }
    }

    /// Every short name, for completion and did-you-mean.
    public static let names = ["fcfs", "rr", "priority", "mlfq", "lottery", "stride", "sjf", "srtf", "gang", "space"]

    /// The MLFQ boost period, if any: the engine raises every process of the
    /// node to the top level this often while the node has work.
    var boostPeriod: SimTime? {
        if case .multilevelFeedback(let config) = self { return config.boostPeriod }
        return nil
    }

    /// Refuses parameters no policy can run with.
    func validate() throws(KernelError) {
        switch self {
        case .fcfs, .shortestJobFirst, .shortestRemainingTime, .spaceSharing: break
        case .roundRobin(let quantum), .lottery(let quantum), .stride(let quantum), .gang(let quantum, _, _):
            guard quantum > .zero, !quantum.isPastHorizon else { throw .invalidValue("quantum") }
        case .priority(let aging, _):
            if let aging { guard aging > .zero else { throw .invalidValue("aging") } }
        case .multilevelFeedback(let config):
            try config.validate()
        }
    }

    /// A fresh policy for one run queue. `seed` feeds the randomised ones; the
    /// engine draws it from its own generator, so runs stay deterministic.
    func makePolicy(seed: UInt64) -> any SchedulingPolicy {
        switch self {
        case .fcfs: FirstComeFirstServed()
        case .roundRobin(let quantum): RoundRobin(quantum: quantum)
        case .priority(let aging, let preemptive): PriorityAging(aging: aging, preemptive: preemptive)
        case .multilevelFeedback(let config): MultilevelFeedback(config)
        case .lottery(let quantum): Lottery(quantum: quantum, seed: seed)
        case .stride(let quantum): Stride(quantum: quantum)
        case .shortestJobFirst: ShortestJobFirst(preemptive: false)
        case .shortestRemainingTime: ShortestJobFirst(preemptive: true)
        // A gang node's CPU queues are `GangColumn`s over its matrix; this is
        // the queue of jobs waiting to be placed.
        case .gang, .spaceSharing: FirstComeFirstServed()
        }
    }

    /// Whether the policy draws random numbers (then the engine draws it a seed).
    /// Whether the node's CPUs follow a gang matrix (gang or space sharing).
    public var usesGangMatrix: Bool {
        switch self {
        case .gang, .spaceSharing: true
        default: false
        }
    }

    /// The gang slot length (nil: slots never rotate).
    var gangQuantum: SimTime? {
        if case .gang(let quantum, _, _) = self { return quantum }
        return nil
    }

    /// Whether idle CPUs of a gang node run alternates from other slots.
    var gangAlternates: Bool {
        if case .gang(_, let alternates, _) = self { return alternates }
        return false
    }

    var isRandomised: Bool {
        if case .lottery = self { return true }
        return false
    }
}

/// MLFQ parameters: one quantum per level (the first is the highest
/// priority), the time a process may use at a level before it moves down,
/// and how often every process goes back to the top.
public struct MultilevelFeedbackConfiguration: Sendable, Equatable {
    /// Quantum of each level; their count is the number of levels.
    public var quanta: [SimTime]
    /// CPU time a process may use at one level before it is demoted; nil: one quantum.
    public var allotment: SimTime?
    /// Period of the priority boost; nil: never (long jobs can starve).
    public var boostPeriod: SimTime?

    public init(quanta: [SimTime], allotment: SimTime? = nil, boostPeriod: SimTime? = nil) {
        self.quanta = quanta
        self.allotment = allotment
        self.boostPeriod = boostPeriod
    }

    /// The most levels an MLFQ may have.
    public static let maxLevels = 64

    func validate() throws(KernelError) {
        guard !quanta.isEmpty, quanta.count <= Self.maxLevels else { throw .invalidValue("levels") }
        guard quanta.allSatisfy({ $0 > .zero && !$0.isPastHorizon }) else { throw .invalidValue("quantum") }
        if let allotment { guard allotment > .zero else { throw .invalidValue("allotment") } }
        if let boostPeriod { guard boostPeriod > .zero else { throw .invalidValue("boost") } }
    }
}
