import Testing
import SpriteKernel

// The engine's schedulers side by side with the independent reference
// (Reference/SchedulingReference.swift): the same seeded random job lists run
// through both, one tick = 1 ms, and every job's accounting must agree exactly.

private let tick = SimTime.ms(1)

private func ticks(_ time: SimTime?) -> Int {
    guard let time else { return -1 }
    return Int(time.nanoseconds / tick.nanoseconds)
}

private func engineKind(_ policy: RefPolicy) -> SchedulerKind {
    switch policy {
    case .fcfs: return .fcfs
    case .roundRobin(let quantum): return .roundRobin(quantum: tick * Int64(quantum))
    case .shortestJobFirst: return .shortestJobFirst
    case .shortestRemainingTime: return .shortestRemainingTime
    case .priority(let preemptive, let aging):
        return .priority(aging: aging.map { tick * Int64($0) }, preemptive: preemptive)
    case .mlfq(let quanta, let allotments, let boost):
        // The engine has one allotment for every level.
        let allotment = allotments.map { tick * Int64($0[0]) }
        return .multilevelFeedback(MultilevelFeedbackConfiguration(
            quanta: quanta.map { tick * Int64($0) }, allotment: allotment, boostPeriod: boost.map { tick * Int64($0) }))
    case .stride(let quantum): return .stride(quantum: tick * Int64(quantum))
    }
}

struct EngineRun {
    var jobs: [RefMetrics]
    /// Runs of each job on each CPU, adjacent slices of one job merged (the switch gaps are left out).
    var runs: [RefSlice]
}

/// Runs `list` in the engine, one tick = 1 ms; metrics in job order.
func runInEngine(_ list: [RefJob], _ policy: RefPolicy, cpus: Int = 1, switchCost: Int = 0) throws -> EngineRun {
    let sim = try makeSimulation(nodes: 1, cpus: cpus)
    try sim.setScheduler(engineKind(policy), on: 0, contextSwitch: tick * Int64(switchCost))
    for (index, job) in list.enumerated() {
        let steps: [ProgramStep] = job.phases.enumerated().map { phase, length in
            phase % 2 == 0 ? .compute(tick * Int64(length)) : .io(tick * Int64(length))
        }
        try sim.defineProgram("prog\(index)", steps: steps)
        try sim.spawn(program: "prog\(index)", name: job.name, node: 0, at: tick * Int64(job.arrival),
                      priority: job.priority, tickets: job.tickets)
    }
    sim.runToIdle()
    let jobs = sim.processMetrics(node: 0).map { metrics in
        RefMetrics(arrival: ticks(metrics.arrival), firstRun: ticks(metrics.firstRun), finish: ticks(metrics.finish),
                   cpuTime: ticks(metrics.cpuTime), wait: ticks(metrics.waitTime),
                   contextSwitches: metrics.contextSwitches, preemptions: metrics.preemptions)
    }
    var runs: [RefSlice] = []
    for slice in sim.timeline(node: 0).sorted(by: { ($0.cpu, $0.start) < ($1.cpu, $1.start) }) {
        let (job, start, end) = (Int(slice.process.index), ticks(slice.start), ticks(slice.end))
        if let last = runs.last, last.cpu == slice.cpu, last.job == job, last.end == start {
            runs[runs.count - 1].end = end
        } else if end > start {
            runs.append(RefSlice(cpu: slice.cpu, job: job, start: start, end: end, isSwitch: false))
        }
    }
    return EngineRun(jobs: jobs, runs: runs)
}

/// What differs between the engine and the reference on one list, one line per job or timeline.
private func differences(seed: UInt64, policy: RefPolicy, cpus: Int, switchCost: Int) throws -> [String] {
    let list = randomJobList(seed: seed)
    let reference = SchedulingReference.run(list, policy, cpus: cpus, switchCost: switchCost)
    let engine = try runInEngine(list, policy, cpus: cpus, switchCost: switchCost)
    let setting = "seed \(seed) cpus \(cpus) switch \(switchCost) [\(list.listing)]"
    var found: [String] = []
    for (index, (mine, theirs)) in zip(reference.jobs, engine.jobs).enumerated() where mine != theirs {
        found.append("\(setting): \(list[index].name) engine {\(theirs)} reference {\(mine)}")
    }
    let runs = reference.slices.filter { !$0.isSwitch }
    if found.isEmpty && runs != engine.runs {
        let first = zip(runs, engine.runs).first { $0 != $1 }
        found.append("\(setting): timelines differ, first engine \(String(describing: first?.1)) "
                     + "reference \(String(describing: first?.0))")
    }
    return found
}

private struct Case: Sendable, CustomTestStringConvertible {
    var policy: RefPolicy
    var switchCost: Int
    var testDescription: String { "\(policy) switch \(switchCost)" }
}

private let cases: [Case] = [
    Case(policy: .fcfs, switchCost: 0), Case(policy: .fcfs, switchCost: 1),
    Case(policy: .roundRobin(quantum: 4), switchCost: 0), Case(policy: .roundRobin(quantum: 3), switchCost: 1),
    Case(policy: .shortestJobFirst, switchCost: 0),
    Case(policy: .shortestRemainingTime, switchCost: 0), Case(policy: .shortestRemainingTime, switchCost: 1),
    Case(policy: .priority(preemptive: false, aging: nil), switchCost: 0),
    Case(policy: .priority(preemptive: true, aging: nil), switchCost: 0),
    Case(policy: .priority(preemptive: false, aging: 8), switchCost: 0),
    Case(policy: .priority(preemptive: true, aging: 8), switchCost: 0),
    Case(policy: .priority(preemptive: true, aging: 8), switchCost: 2),
    Case(policy: .shortestRemainingTime, switchCost: 2),
    Case(policy: .mlfq(quanta: [4, 8, 16], allotments: nil, boost: nil), switchCost: 0),
    Case(policy: .mlfq(quanta: [4, 8, 16], allotments: [16, 16, 16], boost: 60), switchCost: 0),
    Case(policy: .mlfq(quanta: [4, 8, 16], allotments: [16, 16, 16], boost: 60), switchCost: 1),
    Case(policy: .stride(quantum: 5), switchCost: 0),
    Case(policy: .stride(quantum: 5), switchCost: 1),
]

private func report(_ found: [String]) -> Comment {
    "\(found.count) disagreements; first: \(found.prefix(3).joined(separator: "\n"))"
}

@Suite("Schedulers against the reference model")
struct SchedulingReferenceTests {
    /// 120 seeded lists per policy on one CPU: every job's first run, finish, CPU
    /// time, wait, context switches and preemptions, and the Gantt chart, must be
    /// what the reference computes from the textbook rules.
    @Test(arguments: cases)
    private func everyJobAgreesOnOneCPU(_ test: Case) throws {
        var found: [String] = []
        for seed in UInt64(1)...120 {
            found += try differences(seed: seed, policy: test.policy, cpus: 1, switchCost: test.switchCost)
        }
        #expect(found.isEmpty, report(found))
    }

    /// The same on 2 and 3 CPUs sharing one run queue: all of an instant is settled
    /// before a CPU chooses, then the best ready job takes the CPU it last ran on if
    /// idle, else the lowest-numbered idle CPU (docs/COST-MODEL.md, "Which CPU takes a
    /// ready process"); the reference states the same rules in its own terms.
    @Test(arguments: cases)
    private func everyJobAgreesOnSeveralCPUs(_ test: Case) throws {
        var found: [String] = []
        for seed in UInt64(1)...120 {
            found += try differences(seed: seed, policy: test.policy, cpus: 2 + Int(seed % 2),
                                     switchCost: test.switchCost)
        }
        #expect(found.isEmpty, report(found))
    }

    /// Lottery has no exact schedule to compare: over a long run of CPU-bound jobs each
    /// one's share of the CPU must approach tickets / total (Waldspurger and Weihl).
    /// 2,000 quanta: the standard error of a share p is sqrt(p(1-p)/2000) < 0.012, so
    /// 0.04 is more than three of them.
    @Test func lotteryApproachesItsShare() throws {
        let tickets = [100, 50, 250]
        let sim = try makeSimulation(nodes: 1, seed: 7)
        try sim.setScheduler(.lottery(quantum: tick), on: 0)
        try sim.defineProgram("spin", steps: [.compute(tick * 2_000)])
        for (index, count) in tickets.enumerated() {
            try sim.spawn(program: "spin", name: "L\(index)", node: 0, at: .zero, tickets: count)
        }
        _ = sim.run(until: tick * 2_000)
        let used = sim.processMetrics(node: 0).map { Double(ticks($0.cpuTime)) / 2_000 }
        for (share, expected) in zip(used, lotteryShare(tickets: tickets)) {
            #expect(abs(share - expected) < 0.04, "share \(share), tickets say \(expected)")
        }
    }
}
