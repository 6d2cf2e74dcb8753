import Testing
import SpriteKernel

// Findings of a review of the scheduler, each with the schedule derived by hand.

@Suite("Schedulers: review findings")
struct SchedulingReviewTests {
    /// A chain of forks is named after the process the script started, one level deep:
    /// bomb forks bomb.1, which forks bomb.2, … (never bomb.1.1), so names stay short.
    @Test func forkChainNamesDoNotGrowWithDepth() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("bomb", steps: [.fork(program: "bomb", shared: false), .compute(.ms(1))])
        try sim.spawn(program: "bomb", name: "bomb", node: 0)
        sim.processLimit = 4
        sim.runToIdle()
        #expect(sim.processMetrics().map(\.name) == ["bomb", "bomb.1", "bomb.2", "bomb.3"])
        #expect(sim.refusedForks == 1)
        // The four processes and their four slices are memory records.
        #expect(sim.timeline().count == 4)
        #expect(sim.recordCount >= 4 + 4)
    }

    /// Steps are taken on a CPU. FCFS: A (5 ms) runs 0-5; p arrives at 0 too but runs only at 5, so its
    /// fork happens at 5: p.1 arrives at 5. p computes 5-6, p.1 6-7.
    @Test func aForkHappensWhenTheParentRuns() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("q", steps: [.compute(.ms(1))])
        try sim.defineProgram("p", steps: [.fork(program: "q", shared: false), .compute(.ms(1))])
        try sim.addJobs([Job(name: "A", arrival: .zero, phases: [.cpu(.ms(5))])], on: 0)
        try sim.spawn(program: "p", name: "p", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("p.1").arrival == .ms(5))
        #expect(try sim.metrics("p").firstRun == .ms(5))
        #expect(try sim.turnarounds(["A", "p", "p.1"]) == [5, 6, 2])
    }

    /// A lock step too: H holds L from 0 (it runs first); W arrives at 0 but is dispatched only at 2,
    /// when H has unlocked (H: lock, compute 2, unlock): W never waits on the lock.
    @Test func aLockIsTakenWhenTheProcessRuns() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("h", steps: [.lock("L", .blocking), .compute(.ms(2)), .unlock("L")])
        try sim.spawn(program: "h", name: "H", node: 0)
        try sim.spawn(program: "h", name: "W", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("W").blockedTime == .zero)
        #expect(try sim.turnarounds(["H", "W"]) == [2, 4])
    }

    /// RR 5 ms: A 0-5, B 5-7 when the node crashes at 7. Both die: killed, never finished (no finish,
    /// no turnaround), B's cut-short slice 5-7 on the timeline ending `killed`. No leftover quantum
    /// timer (B's would end at 10) moves the clock past the crash.
    @Test func aCrashKillsAndTheRunningSliceIsKept() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.setScheduler(.roundRobin(quantum: .ms(5)), on: 0)
        try sim.addJobs([Job(name: "A", arrival: .zero, phases: [.cpu(.ms(20))]),
                         Job(name: "B", arrival: .zero, phases: [.cpu(.ms(20))])], on: 0)
        _ = sim.run(until: .ms(7))
        sim.crash(0)
        sim.runToIdle()
        #expect(sim.now == .ms(7))
        for name in ["A", "B"] {
            let process = try sim.metrics(name)
            #expect(process.state == .killed)
            #expect(process.finish == nil && process.turnaround == nil)
            #expect(process.killedAt == .ms(7))
        }
        #expect(sim.gantt() == ["A@0 0-5 quantum", "B@0 5-7 killed"])
    }

    /// MLFQ boost 30 ms: the work (A 40 ms at 0, B 40 ms at 5, one CPU) ends at 80 ms; the boost due
    /// at 90 ms finds no live process and does not move the clock.
    @Test func aBoostAfterTheLastProcessDoesNotMoveTheClock() throws {
        let sim = try makeSimulation(nodes: 1)
        let config = MultilevelFeedbackConfiguration(quanta: [.ms(10), .ms(10)], boostPeriod: .ms(30))
        try sim.setScheduler(.multilevelFeedback(config), on: 0)
        try sim.addJobs([Job(name: "A", arrival: .zero, phases: [.cpu(.ms(40))]),
                         Job(name: "B", arrival: .ms(5), phases: [.cpu(.ms(40))])], on: 0)
        sim.runToIdle()
        #expect(sim.now == .ms(80))
        #expect(sim.cpuStatistics(node: 0)[0].utilisation == 1)
    }
}

@Suite("Schedulers: review findings, metrics and aging")
struct SchedulingAgingReviewTests {
    /// Metrics read during a run are current. FCFS: H (50 ms) runs from 0, L (5 ms) waits. At 45 ms H has
    /// run 45 ms and L waited 45 ms, though neither state has ended yet.
    @Test func metricsReadDuringARunAreCurrent() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.addJobs([Job(name: "H", arrival: .zero, phases: [.cpu(.ms(50))]),
                         Job(name: "L", arrival: .zero, phases: [.cpu(.ms(5))], priority: 4)], on: 0)
        _ = sim.run(until: .ms(45))
        #expect(try sim.metrics("H").cpuTime == .ms(45))
        #expect(try sim.metrics("L").waitTime == .ms(45))
        #expect(try sim.metrics("L").cpuTime == .zero)
    }
}

@Suite("Schedulers: review findings, aging preempts")
struct SchedulingAgingPreemptionTests {
    /// Preemptive priority, aging 10 ms: H (priority 1, 50 ms) runs from 0; L (priority 4, 5 ms) waits and
    /// ages 4 -> 3 at 10, 2 at 20, 1 at 30, 0 at 40, when it beats H (1) and takes the CPU: L 40-45,
    /// H 45-55. L's turnaround 45 ms, H's 55 ms, H preempted once. At 25 ms L's priority reads 2.
    @Test func anAgedProcessPreemptsTheHog() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.setScheduler(.priority(aging: .ms(10), preemptive: true), on: 0)
        try sim.addJobs([Job(name: "H", arrival: .zero, phases: [.cpu(.ms(50))], priority: 1),
                         Job(name: "L", arrival: .zero, phases: [.cpu(.ms(5))], priority: 4)], on: 0)
        _ = sim.run(until: .ms(25))
        #expect(try sim.metrics("L").priority == 2)
        sim.runToIdle()
        #expect(try sim.turnarounds(["H", "L"]) == [55, 45])
        #expect(try sim.metrics("H").preemptions == 1)
        #expect(sim.gantt() == ["H@0 0-40 preempted", "L@0 40-45 done", "H@0 45-55 done"])
    }
}
