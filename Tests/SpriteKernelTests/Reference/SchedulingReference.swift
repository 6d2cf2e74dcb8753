// An independent model of CPU scheduling on one node with N CPUs, written from
// the textbook definitions (Arpaci-Dusseau, OSTEP ch. 7-9; Silberschatz et al.,
// Operating System Concepts ch. 5), not from the engine. It steps time one tick at a
// time, so every rule below is a plain statement about one instant.
//
// Time is an integer number of ticks. At each instant t, in this order:
//  1. A running job whose CPU burst is over leaves its CPU: done (finish = t) or
//     blocked on its I/O until t + io.
//  2. MLFQ only: at every multiple of the boost period, every unfinished job
//     moves to the top level and forgets the allotment it used (OSTEP rule 5);
//     the jobs waiting keep their order, those of higher levels first (the
//     queues are joined top to bottom).
//  3. Newcomers (arrivals at t and I/O completions at t) become ready: arrivals
//     first (the list is submitted before time 0), then wakes in the order their
//     I/O began (first come, first served), then lower job index.
//  4. Jobs whose slice (quantum) ran out at t return to the ready queue.
//     Steps 3 and 4 give the rule for a job arriving at the very instant a
//     quantum expires: the newcomer queues before the preempted job. This is the
//     usual convention of Silberschatz-style exercises (a new process is put at
//     the tail of the ready queue on arrival; the running one is put there when
//     the timer interrupt is handled), and what an event queue ordered by
//     (time, insertion) does when arrivals were posted first. OSTEP's mlfq.py
//     does the opposite (the preempted job is re-queued before the next tick's
//     arrivals); `RefConventions.newcomersFirst = false` reproduces that.
//  5. While a CPU is idle and a job is ready, the best ready job takes the CPU it
//     last ran on if that one is idle, else the lowest-numbered idle CPU (soft
//     affinity, Silberschatz 5.5.2: the cache it left there may still be warm).
//  6. Preemptive policies: a newcomer still waiting that is strictly better
//     than the worst job running preempts that job, which is re-queued; the
//     CPU goes to the best ready job. Worst = highest key, then lower CPU. A
//     job still being switched in counts as running, but the preemption waits
//     for its switch to end (a switch is not cut short): at that instant the
//     job leaves its CPU as one whose slice ran out does (step 4), and step 5
//     fills the CPU. With aging, a job whose priority improved while it waited
//     preempts too, at the instant it becomes strictly better than the worst
//     job running (aging exists so a low-priority job cannot starve; without
//     this a CPU hog would still starve it under a preemptive policy); so does
//     one left waiting because its preemption went to a CPU switching in.
// "Best" is the policy's key, then the order of becoming ready (a sequence number
// taken in steps 3, 4 and 6), i.e. FCFS breaks every tie (Silberschatz 5.3.2; for
// stride this gives OSTEP figure 9.3's order A B C C C A C C).
//
// Then the tick [t, t+1) runs: a CPU mid-switch spends one tick of it; a running
// job gets one tick of CPU time; every ready job and every job being switched in
// waits one tick.
//
// Definitions (OSTEP 7.3 and 7.6, Silberschatz 5.2):
//  - first run: the instant the job first executes (after its first switch-in);
//    response = first run - arrival; turnaround = finish - arrival;
//  - wait: ticks spent ready but not executing (in the ready queue or being
//    switched in), so turnaround = CPU time + I/O time + wait;
//  - a context switch is charged when a CPU starts a job other than the one it
//    last ran; a CPU that has run nothing yet has no context to save, so its first
//    dispatch is no switch (`RefConventions.firstDispatchIsSwitch` makes it one);
//    the switch costs `switchCost` ticks of the CPU, which is busy but charged to
//    no job; a job's quantum starts after its switch-in. A job's context
//    switches = its switch-ins;
//  - a preemption: a job with CPU work left is taken off a CPU (its quantum ran
//    out, or a better job arrived) and that CPU is given to another job. A job
//    whose quantum runs out with nobody else ready just goes on: no switch, no
//    preemption (Silberschatz's RR example: P1 runs 10-30 alone).
// Policies:
//  - FCFS: run to the end of the burst in order of becoming ready.
//  - RR: FCFS with a quantum; an expired job goes to the tail.
//  - SJF: non-preemptive, key = length of the job's next CPU burst.
//  - SRTF: preemptive, key = what is left of the current CPU burst.
//  - Priority: lower number = higher priority (Silberschatz). With aging, a ready
//    job's priority improves by one for every `aging` ticks it has waited since it
//    last became ready, down to 0, the top of the range (Silberschatz: from 127 to
//    0); a running job keeps the priority it had when dispatched (aged, if it
//    waited), or a job it beat would take the CPU straight back.
//  - MLFQ (OSTEP rules 1-5): level 0 is the top; jobs enter at the top; a slice at
//    level l is min(quantum[l], allotment[l] - used), so a quantum cut short by
//    I/O or preemption is not handed out afresh (as in OSTEP's mlfq.py, where the
//    ticks left carry over); once a job has used its allotment at a level (across
//    any number of slices and I/O waits) it moves down one level at that moment,
//    even if its burst ends then too, or starts a new allotment at the bottom; a
//    job becoming ready at a higher level preempts at once. A running job keeps
//    its current slice across a boost, and only what it uses after the boost
//    counts at the top.
//  - Stride (OSTEP 9.6, Waldspurger): stride = 10000 / tickets (OSTEP's constant:
//    it divides every ticket count the tests use, so strides keep the tickets'
//    exact ratios; Waldspurger's code uses 2^20, which does not); each tick a job
//    runs adds its stride to its pass (so a full quantum adds quantum x stride);
//    at each quantum's end the lowest pass runs. A job becoming ready takes
//    max(its pass, the lowest pass among jobs ready or running), so sleeping or
//    arriving late earns no credit.
//  - Lottery: only its long-run share is modelled (`lotteryShare`).

/// One job: when it arrives, then CPU bursts and I/O waits alternating,
/// starting and ending with a CPU burst.
struct RefJob: Sendable {
    var name: String
    var arrival: Int
    /// CPU, I/O, CPU, ... (odd count, every entry > 0).
    var phases: [Int]
    var priority = 0
    var tickets = 100

    init(_ name: String, at arrival: Int, _ phases: [Int], priority: Int = 0, tickets: Int = 100) {
        precondition(phases.count % 2 == 1 && phases.allSatisfy { $0 > 0 }, "bursts must be positive")
        precondition(arrival >= 0 && priority >= 0 && tickets > 0)
        self.name = name
        self.arrival = arrival
        self.phases = phases
        self.priority = priority
        self.tickets = tickets
    }

    var cpuDemand: Int { stride(from: 0, to: phases.count, by: 2).reduce(0) { $0 + phases[$1] } }
    var ioDemand: Int { stride(from: 1, to: phases.count, by: 2).reduce(0) { $0 + phases[$1] } }
}

enum RefPolicy: Sendable {
    case fcfs
    case roundRobin(quantum: Int)
    case shortestJobFirst
    case shortestRemainingTime
    case priority(preemptive: Bool, aging: Int?)
    /// quanta and allotments per level, top first; allotments nil = one quantum.
    case mlfq(quanta: [Int], allotments: [Int]?, boost: Int?)
    case stride(quantum: Int)
}

struct RefConventions: Sendable {
    /// A job arriving (or waking) when a quantum expires queues before the preempted job.
    var newcomersFirst = true
    /// The first job a CPU ever runs costs a switch.
    var firstDispatchIsSwitch = false
}

struct RefMetrics: Equatable, Sendable, CustomStringConvertible {
    var arrival = 0
    var firstRun = -1
    var finish = -1
    var cpuTime = 0
    var wait = 0
    var contextSwitches = 0
    var preemptions = 0
    var response: Int { firstRun - arrival }
    var turnaround: Int { finish - arrival }

    var description: String {
        "arr \(arrival) first \(firstRun) fin \(finish) cpu \(cpuTime) wait \(wait) "
            + "cs \(contextSwitches) pre \(preemptions)"
    }
}

/// A stretch of one CPU: a job running, or the switch to it.
struct RefSlice: Equatable, Sendable {
    var cpu: Int
    var job: Int
    var start: Int
    var end: Int
    var isSwitch: Bool
}

struct RefSchedule: Sendable {
    var jobs: [RefMetrics]
    var slices: [RefSlice]
    /// Ticks each CPU spent switching.
    var switchTicks: [Int]
    /// Ticks in which a CPU was idle while a job was ready (0 for a work-conserving policy).
    var idleWhileReady: Int
    var makespan: Int

    func average(_ value: (RefMetrics) -> Int) -> Double {
        Double(jobs.reduce(0) { $0 + value($1) }) / Double(jobs.count)
    }

    /// The jobs (by index) in the order they ran on `cpu`, one entry per slice.
    func order(cpu: Int = 0) -> [Int] {
        slices.filter { $0.cpu == cpu && !$0.isSwitch }.map(\.job)
    }
}

/// Lottery scheduling's long-run CPU share (Waldspurger and Weihl 1994): a job
/// holding t of T tickets wins each draw with probability t / T.
func lotteryShare(tickets: [Int]) -> [Double] {
    let total = Double(tickets.reduce(0, +))
    return tickets.map { Double($0) / total }
}

private enum Place: Equatable {
    case future
    case ready
    case onCPU(Int)
    case blocked(until: Int)
    case done
}

private struct JobState {
    var phase = 0
    var left: Int
    var place = Place.future
    /// Order of becoming ready (FCFS tie-break).
    var sequence = 0
    var readySince = 0
    var level = 0
    var used = 0
    var pass = 0
    /// The priority (aged) it was dispatched with.
    var runPriority = 0
    var lastCPU: Int?
    var blockedSince = 0
    var metrics = RefMetrics()
}

private struct CPUState {
    var job: Int?
    var switchLeft = 0
    /// Ticks left in the current slice; nil = until the burst ends.
    var sliceLeft: Int?
    /// A preemption waits for the switch under way to end.
    var preemptWhenSwitchedIn = false
    var last: Int?
}

/// A key the policy minimises; ties go to the earlier sequence.
private typealias Key = (primary: Int, tie: Int)

struct SchedulingReference {
    let jobs: [RefJob]
    let policy: RefPolicy
    let cpus: Int
    let switchCost: Int
    let conventions: RefConventions
    static let strideConstant = 10_000

    private var state: [JobState]
    private var cpu: [CPUState]
    private var nextSequence = 0
    /// The instant being handled.
    private var now = 0
    private var idleWhileReady = 0
    /// Per CPU and tick: (job, switching) or nil when idle.
    private var trace: [[(job: Int, isSwitch: Bool)?]]

    init(jobs: [RefJob], policy: RefPolicy, cpus: Int = 1, switchCost: Int = 0,
         conventions: RefConventions = RefConventions()) {
        precondition(cpus > 0 && switchCost >= 0 && !jobs.isEmpty)
        self.jobs = jobs
        self.policy = policy
        self.cpus = cpus
        self.switchCost = switchCost
        self.conventions = conventions
        state = jobs.map { JobState(left: $0.phases[0], metrics: RefMetrics(arrival: $0.arrival)) }
        cpu = Array(repeating: CPUState(), count: cpus)
        trace = Array(repeating: [], count: cpus)
    }

    /// Runs every job to its end.
    static func run(_ jobs: [RefJob], _ policy: RefPolicy, cpus: Int = 1, switchCost: Int = 0,
                    conventions: RefConventions = RefConventions()) -> RefSchedule {
        var model = SchedulingReference(jobs: jobs, policy: policy, cpus: cpus, switchCost: switchCost,
                                        conventions: conventions)
        return model.run()
    }

    mutating func run() -> RefSchedule {
        // Generous bound: every job could wait for all the others plus a switch per tick.
        let bound = (jobs.map(\.arrival).max() ?? 0)
            + jobs.reduce(0) { $0 + $1.cpuDemand + $1.ioDemand } * (switchCost + 2) + 10
        while state.contains(where: { $0.place != .done }) {
            precondition(now <= bound, "the reference did not finish")
            instant()
            tick()
            now += 1
        }
        // The loop ran one tick past the last finish; drop it from the trace.
        let end = state.map(\.metrics.finish).max() ?? 0
        return RefSchedule(jobs: state.map(\.metrics), slices: slices(until: end),
                           switchTicks: switchTicks(until: end), idleWhileReady: idleWhileReady, makespan: end)
    }

    // MARK: One instant

    private mutating func instant() {
        endBursts()
        boostIfDue()
        var expired: [(job: Int, cpu: Int)] = []
        var newcomers: [Int] = []
        if conventions.newcomersFirst {
            newcomers = admitNewcomers()
            expired = expireSlices()
        } else {
            expired = expireSlices()
            newcomers = admitNewcomers()
        }
        while let idle = cpu.indices.first(where: { cpu[$0].job == nil }), let next = best() {
            let home = state[next].lastCPU.flatMap { cpu[$0].job == nil ? $0 : nil }
            dispatch(next, on: home ?? idle)
        }
        preemptForNewcomers(newcomers)
        preemptByAging()
        for (job, from) in expired where state[job].place != .onCPU(from) {
            state[job].metrics.preemptions += 1
        }
    }

    private mutating func endBursts() {
        for index in 0..<cpus {
            guard let job = cpu[index].job, cpu[index].switchLeft == 0, state[job].left == 0 else { continue }
            cpu[index].job = nil
            let phases = jobs[job].phases
            if state[job].phase == phases.count - 1 {
                state[job].place = .done
                state[job].metrics.finish = now
            } else {
                state[job].phase += 1
                state[job].place = .blocked(until: now + phases[state[job].phase])
                state[job].blockedSince = now
            }
        }
    }

    private mutating func boostIfDue() {
        guard case .mlfq(_, _, let boost?) = policy, now > 0, now % boost == 0 else { return }
        let waiting = state.indices.filter { state[$0].place == .ready }.sorted {
            (state[$0].level, state[$0].sequence) < (state[$1].level, state[$1].sequence)
        }
        for job in state.indices where state[job].place != .done {
            state[job].level = 0
            state[job].used = 0
        }
        for job in waiting {
            state[job].sequence = nextSequence
            nextSequence += 1
        }
    }

    /// Makes the jobs arriving or waking now ready; returns them in the order they queued.
    private mutating func admitNewcomers() -> [Int] {
        let newcomers = state.indices.filter { job in
            (state[job].place == .future && jobs[job].arrival == now) || state[job].place == .blocked(until: now)
        }.sorted { (waitBegan($0), $0) < (waitBegan($1), $1) }
        for job in newcomers {
            if state[job].place == .blocked(until: now) {
                state[job].phase += 1
                state[job].left = jobs[job].phases[state[job].phase]
            }
            if case .stride = policy {
                let lowest = state.indices.filter { other in
                    other != job && (state[other].place == .ready || isOnCPU(other))
                }.map { state[$0].pass }.min()
                state[job].pass = max(state[job].pass, lowest ?? state[job].pass)
            }
            makeReady(job)
        }
        return newcomers
    }

    private func waitBegan(_ job: Int) -> Int { state[job].place == .future ? -1 : state[job].blockedSince }

    /// Jobs whose slice ran out go back to the ready queue (their CPU is freed).
    private mutating func expireSlices() -> [(job: Int, cpu: Int)] {
        var expired: [(job: Int, cpu: Int)] = []
        for index in 0..<cpus {
            guard let job = cpu[index].job, cpu[index].switchLeft == 0, cpu[index].sliceLeft == 0 else { continue }
            cpu[index].job = nil
            makeReady(job)
            expired.append((job, index))
        }
        for index in 0..<cpus where cpu[index].preemptWhenSwitchedIn && cpu[index].switchLeft == 0 {
            cpu[index].preemptWhenSwitchedIn = false
            guard let job = cpu[index].job else { continue }
            cpu[index].job = nil
            makeReady(job)
            expired.append((job, index))
        }
        return expired
    }

    private mutating func preemptForNewcomers(_ newcomers: [Int]) {
        guard isPreemptive else { return }
        for newcomer in newcomers where state[newcomer].place == .ready {
            let running = (0..<cpus).filter { cpu[$0].job != nil }
            guard let victim = running.max(by: { runningKey($0) < runningKey($1) }), let job = cpu[victim].job,
                  key(newcomer).primary < runningKey(victim), let next = best() else { continue }
            if cpu[victim].switchLeft > 0 {
                cpu[victim].preemptWhenSwitchedIn = true
                continue
            }
            cpu[victim].job = nil
            makeReady(job)
            state[job].metrics.preemptions += 1
            dispatch(next, on: victim)
        }
    }

    /// Preemptive priority with aging: while the best ready job beats the worst running one, it takes its CPU.
    private mutating func preemptByAging() {
        guard case .priority(true, _?) = policy else { return }
        while let next = best() {
            let running = (0..<cpus).filter { cpu[$0].job != nil }
            guard let victim = running.max(by: { runningKey($0) < runningKey($1) }), let job = cpu[victim].job,
                  key(next).primary < runningKey(victim) else { return }
            if cpu[victim].switchLeft > 0 {
                cpu[victim].preemptWhenSwitchedIn = true
                return
            }
            cpu[victim].job = nil
            makeReady(job)
            state[job].metrics.preemptions += 1
            dispatch(next, on: victim)
        }
    }

    private mutating func makeReady(_ job: Int) {
        state[job].place = .ready
        state[job].sequence = nextSequence
        state[job].readySince = now
        nextSequence += 1
    }

    private mutating func dispatch(_ job: Int, on index: Int) {
        if cpu[index].last != job && (cpu[index].last != nil || conventions.firstDispatchIsSwitch) {
            cpu[index].switchLeft = switchCost
            state[job].metrics.contextSwitches += 1
        }
        state[job].runPriority = key(job).primary
        cpu[index].job = job
        cpu[index].last = job
        cpu[index].preemptWhenSwitchedIn = false
        cpu[index].sliceLeft = slice(for: job)
        precondition((cpu[index].sliceLeft ?? 1) > 0, "a slice must be positive")
        state[job].place = .onCPU(index)
        state[job].lastCPU = index
    }

    private func slice(for job: Int) -> Int? {
        switch policy {
        case .fcfs, .shortestJobFirst, .shortestRemainingTime, .priority: return nil
        case .roundRobin(let quantum), .stride(let quantum): return quantum
        case .mlfq(let quanta, _, _):
            let level = state[job].level
            return min(quanta[level], allotment(level) - state[job].used)
        }
    }

    /// MLFQ: CPU time a job may use at a level before moving down (default: one quantum).
    private func allotment(_ level: Int) -> Int {
        guard case .mlfq(let quanta, let allotments, _) = policy else { return 0 }
        return allotments?[level] ?? quanta[level]
    }

    // MARK: Choosing

    private var isPreemptive: Bool {
        switch policy {
        case .shortestRemainingTime, .mlfq: return true
        case .priority(let preemptive, _): return preemptive
        default: return false
        }
    }

    private func isOnCPU(_ job: Int) -> Bool {
        if case .onCPU = state[job].place { return true }
        return false
    }

    /// The ready job the policy runs next.
    private func best() -> Int? {
        let ready = state.indices.filter { state[$0].place == .ready }
        return ready.min { left, right in
            let (a, b) = (key(left), key(right))
            return a.primary != b.primary ? a.primary < b.primary : a.tie < b.tie
        }
    }

    /// The policy's key of a ready job at the instant being handled.
    private func key(_ job: Int) -> Key {
        let sequence = state[job].sequence
        switch policy {
        case .fcfs, .roundRobin: return (0, sequence)
        case .shortestJobFirst, .shortestRemainingTime: return (state[job].left, sequence)
        case .priority(_, let aging):
            guard let aging else { return (jobs[job].priority, sequence) }
            let waited = now - state[job].readySince
            return (max(0, jobs[job].priority - waited / aging), sequence)
        case .mlfq: return (state[job].level, sequence)
        case .stride: return (state[job].pass, sequence)
        }
    }

    /// The key of the job running on a CPU, for preemption.
    private func runningKey(_ index: Int) -> Int {
        guard let job = cpu[index].job else { return Int.min }
        switch policy {
        case .shortestRemainingTime: return state[job].left
        case .priority: return state[job].runPriority
        case .mlfq: return state[job].level
        default: return 0
        }
    }

    // MARK: One tick

    private mutating func tick() {
        for index in 0..<cpus {
            guard let job = cpu[index].job else { trace[index].append(nil); continue }
            if cpu[index].switchLeft > 0 {
                cpu[index].switchLeft -= 1
                state[job].metrics.wait += 1
                trace[index].append((job, true))
                continue
            }
            if state[job].metrics.firstRun < 0 { state[job].metrics.firstRun = now }
            state[job].left -= 1
            state[job].used += 1
            if case .mlfq(let quanta, _, _) = policy, state[job].used >= allotment(state[job].level) {
                // Rule 4: the allotment is used up, whether the slice then expires or the job blocks.
                state[job].level = min(state[job].level + 1, quanta.count - 1)
                state[job].used = 0
            }
            state[job].metrics.cpuTime += 1
            state[job].pass += Self.strideConstant / jobs[job].tickets
            if let left = cpu[index].sliceLeft { cpu[index].sliceLeft = left - 1 }
            trace[index].append((job, false))
        }
        var anyReady = false
        for job in state.indices where state[job].place == .ready {
            state[job].metrics.wait += 1
            anyReady = true
        }
        if anyReady && cpu.contains(where: { $0.job == nil }) { idleWhileReady += 1 }
    }

    // MARK: Output

    private func slices(until end: Int) -> [RefSlice] {
        var result: [RefSlice] = []
        for index in 0..<cpus {
            for (time, entry) in trace[index].prefix(end).enumerated() {
                guard let entry else { continue }
                if let last = result.last, last.cpu == index, last.end == time, last.job == entry.job,
                   last.isSwitch == entry.isSwitch {
                    result[result.count - 1].end = time + 1
                } else {
                    result.append(RefSlice(cpu: index, job: entry.job, start: time, end: time + 1,
                                           isSwitch: entry.isSwitch))
                }
            }
        }
        return result
    }

    private func switchTicks(until end: Int) -> [Int] {
        trace.map { ticks in ticks.prefix(end).filter { $0?.isSwitch == true }.count }
    }
}
