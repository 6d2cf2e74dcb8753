#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One phase of a job: a CPU burst or an I/O burst (blocked on a device).
public enum JobPhase: Sendable, Equatable {
    case cpu(SimTime)
    case io(SimTime)
}

/// An explicit job: a name, an arrival time and its bursts in order.
public struct Job: Sendable, Equatable {
    public var name: String
    public var arrival: SimTime
    public var phases: [JobPhase]
    public var priority: Int
    public var tickets: Int
    /// The burst SJF orders by; nil: the real length of the current burst.
    public var expectedBurst: SimTime?

    public init(name: String, arrival: SimTime, phases: [JobPhase], priority: Int = 0, tickets: Int = 100,
                expectedBurst: SimTime? = nil) {
        self.name = name
        self.arrival = arrival
        self.phases = phases
        self.priority = priority
        self.tickets = tickets
        self.expectedBurst = expectedBurst
    }
}

/// Lengths drawn for bursts or gaps between arrivals.
public enum TimeDistribution: Sendable, Equatable {
    case fixed(SimTime)
    /// Uniform in [low, high].
    case uniform(SimTime, SimTime)
    case exponential(mean: SimTime)
    /// `short` with probability `shortFraction`, else `long`.
    case bimodal(short: SimTime, long: SimTime, shortFraction: Double)

    func validate() throws(KernelError) {
        switch self {
        case .fixed(let value): guard value >= .zero else { throw .invalidValue("distribution") }
        case .uniform(let low, let high):
            guard low >= .zero, high >= low else { throw .invalidValue("uniform") }
        case .exponential(let mean): guard mean > .zero else { throw .invalidValue("exponential") }
        case .bimodal(let short, let long, let fraction):
            guard short >= .zero, long >= .zero, fraction >= 0, fraction <= 1 else { throw .invalidValue("bimodal") }
        }
    }

    /// One draw, rounded to whole nanoseconds.
    func draw(_ random: inout SeededGenerator) -> SimTime {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let low, let high):
            let span = UInt64(high.nanoseconds - low.nanoseconds)
            return span == 0 ? low : low + .ns(Int64(random.next() % (span + 1)))
        case .exponential(let mean):
            let draw = -Double(mean.nanoseconds) * log(1 - random.nextUnit())
            return .ns(Int64(min(draw.rounded(), Double(SimTime.horizon.nanoseconds))))
        case .bimodal(let short, let long, let fraction):
            return random.nextUnit() < fraction ? short : long
        }
    }
}

/// A generated workload: `count` jobs named PREFIX1, PREFIX2, … arriving from
/// `start` with gaps drawn from `interarrival` (an exponential gap makes a
/// Poisson arrival process), each with `bursts` CPU bursts drawn from `burst`
/// and, between them, I/O bursts drawn from `io`.
public struct WorkloadSpec: Sendable, Equatable {
    public var namePrefix: String
    public var count: Int
    public var start: SimTime
    public var interarrival: TimeDistribution
    public var burst: TimeDistribution
    public var bursts: Int
    public var io: TimeDistribution?

    public init(namePrefix: String, count: Int, start: SimTime = .zero, interarrival: TimeDistribution,
                burst: TimeDistribution, bursts: Int = 1, io: TimeDistribution? = nil) {
        self.namePrefix = namePrefix
        self.count = count
        self.start = start
        self.interarrival = interarrival
        self.burst = burst
        self.bursts = bursts
        self.io = io
    }

    /// The jobs, drawn from `random`: arrival gap first, then the job's bursts.
    public func jobs(using random: inout SeededGenerator) -> [Job] {
        var out: [Job] = []
        out.reserveCapacity(count)
        var arrival = start
        for index in 0..<count {
            if index > 0 { arrival += interarrival.draw(&random) }
            var phases: [JobPhase] = []
            for burstIndex in 0..<bursts {
                if burstIndex > 0, let io { phases.append(.io(io.draw(&random))) }
                phases.append(.cpu(burst.draw(&random)))
            }
            out.append(Job(name: namePrefix + String(index + 1), arrival: arrival, phases: phases))
        }
        return out
    }
}

extension Simulation {
    /// Spawns each job on `node` as a process of its own (its program is
    /// not listed among the named programs).
    @discardableResult
    public func addJobs(_ jobs: [Job], on node: Int) throws(KernelError) -> [ProcessID] {
        guard nodes.indices.contains(node) else { throw .unknownNode("#\(node)") }
        var names = Set<String>()
        for job in jobs {
            guard names.insert(job.name).inserted, scheduler.table.index[job.name] == nil else {
                throw .duplicateProcess(job.name)
            }
        }
        guard scheduler.table.scriptProcessCount + jobs.count <= scheduler.processLimit else {
            throw .limitReached("processes")
        }
        // Everything is checked before the first job starts, so a refused list starts none.
        for job in jobs {
            guard job.arrival >= now else { throw .timeInPast(requested: job.arrival, now: now) }
            guard !job.arrival.isPastHorizon else { throw .pastHorizon(requested: job.arrival) }
            guard Int64(job.phases.count) <= scheduler.programStepLimit else { throw .limitReached("program steps") }
            for phase in job.phases {
                switch phase {
                case .cpu(let duration), .io(let duration):
                    guard duration >= .zero else { throw .invalidValue("burst") }
                }
            }
            guard job.tickets >= 1, job.tickets <= Int(Int32.max) else { throw .invalidValue("tickets") }
            guard job.priority >= Int(Int32.min), job.priority <= Int(Int32.max) else {
                throw .invalidValue("priority")
            }
            guard (job.expectedBurst ?? .zero) >= .zero else { throw .invalidValue("burst") }
        }
        var ids: [ProcessID] = []
        for job in jobs {
            let steps: [ProgramStep] = job.phases.map {
                switch $0 {
                case .cpu(let duration): .compute(duration)
                case .io(let duration): .io(duration)
                }
            }
            let program = try addUnlistedProgram(job.name, steps: steps)
            ids.append(try spawn(program: program, name: job.name, node: node, at: job.arrival,
                                 priority: job.priority, tickets: job.tickets, expectedBurst: job.expectedBurst))
        }
        return ids
    }

    /// Draws a workload from the engine's seeded generator and spawns it on `node`.
    @discardableResult
    public func generateWorkload(_ spec: WorkloadSpec, on node: Int) throws(KernelError) -> [ProcessID] {
        guard spec.count >= 0, spec.bursts >= 1 else { throw .invalidValue("workload") }
        // Every job's phases are drawn before any starts: their total is bounded like a program's steps.
        let (phases, overflow) = Int64(spec.count).multipliedReportingOverflow(by: 2 * Int64(spec.bursts))
        guard !overflow, phases <= scheduler.programStepLimit else { throw .limitReached("program steps") }
        try spec.interarrival.validate()
        try spec.burst.validate()
        try spec.io?.validate()
        guard spec.start >= now else { throw .timeInPast(requested: spec.start, now: now) }
        guard scheduler.table.scriptProcessCount + spec.count <= scheduler.processLimit else {
            throw .limitReached("processes")
        }
        return try addJobs(spec.jobs(using: &random), on: node)
    }
}
