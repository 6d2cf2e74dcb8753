import Testing
import SpriteKernel

// Findings of a review of the multiprocessor features, each with the answer derived by hand.

@Suite("Multiprocessor: review findings")
struct MultiprocessorFindingsTests {
    /// Steps that take no time are bounded per event. w computes 1 ms, then
    /// repeat 3000 { lock L spin; unlock L } (uncontended: no time), then 1 ms:
    /// 1 + 3 × 3000 = 9001 instant steps, at most 64 an event, so at least 141
    /// events at 1 ms where there was one, and a budget of 8 events stops the run
    /// (arrival, choose and the 1 ms slice end are three of them). The process
    /// keeps its CPU throughout: one slice 0-2 ms, no switch, no preemption.
    @Test func instantStepsAreBoundedPerEvent() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("w", steps: [.compute(.ms(1)), .repeat(3000, [.lock("L", .spin), .unlock("L")]),
                                           .compute(.ms(1))])
        try sim.spawn(program: "w", name: "W", node: 0)
        #expect(sim.run(eventLimit: 8) == .eventLimit)
        #expect(sim.now == .ms(1))
        sim.runToIdle()
        let w = try sim.metrics("W")
        #expect(w.finish == .ms(2))
        #expect(w.cpuTime == .ms(2))
        #expect(w.contextSwitches == 0 && w.preemptions == 0)
        #expect(sim.gantt() == ["W@0 0-2 done"])
    }

    /// The same off a CPU: a process whose first steps are a long run of
    /// signals is made ready to go on with them, and still finishes at once.
    @Test func instantStepsAtArrivalAreBounded() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("s", steps: [.repeat(5000, [.signal("c")]), .compute(.ms(1))])
        try sim.spawn(program: "s", name: "S", node: 0)
        #expect(sim.run(eventLimit: 4) == .eventLimit)
        sim.runToIdle()
        #expect(try sim.metrics("S").finish == .ms(1))
        #expect(sim.gantt() == ["S@0 0-1 done"])
    }

    /// Messages sent on a channel and never taken are memory records: 5000
    /// signals with no wait leave 5000 queued messages, all counted.
    @Test func queuedChannelMessagesAreRecords() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("s", steps: [.repeat(5000, [.signal("c")])])
        try sim.spawn(program: "s", name: "S", node: 0)
        sim.runToIdle()
        #expect(sim.recordCount >= 5000)
    }

    /// A stale slice end does not move the clock. A (10 ms) and B (5 ms), all memory, on a bus of
    /// capacity 1. A starts alone (end set at 10 ms), then B beside it: s = 2, rate 1/2 each, A's end
    /// moves to 20. B ends at 10; A, alone at rate 1, has 5 ms left: its end moves to 15. The run is
    /// over at 15 ms, not at the stale 20. Events: 2 arrivals, a choose at 0, 10 and 15, B's and A's
    /// ends = 7; the two stale ends (10 and 20 ms) are not counted (they made 9).
    @Test func aStaleSliceEndDoesNotMoveTheClock() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setMultiprocessor(MultiprocessorOptions(interconnect: .bus()), on: 0)
        try sim.defineProgram("long", steps: [.compute(.ms(10), memoryShare: 1)])
        try sim.defineProgram("short", steps: [.compute(.ms(5), memoryShare: 1)])
        try sim.spawn(program: "long", name: "A", node: 0)
        try sim.spawn(program: "short", name: "B", node: 0)
        let start = sim.statistics.eventsProcessed
        sim.runToIdle()
        #expect(try sim.metrics("A").finish == .ms(15))
        #expect(sim.now == .ms(15))
        #expect(sim.statistics.eventsProcessed - start == 7)
    }

    /// A later scheduler statement applies to the running burst. A and B compute 30 ms each under
    /// FCFS; at 5 ms the node turns to RR with a 1 ms quantum, A's quantum counted from then: it
    /// ends at 6, B runs 6-7, A 7-8, … A's n-th slice after 6 ends at 6 + 2n; it needs 24 more
    /// (30 − 6): done at 54. B then has 30 − 24 = 6 ms left, alone: 54-60.
    @Test func aNewSchedulerAppliesToTheRunningBurst() throws {
        let sim = try scheduledJobs(.fcfs, bursts: [30, 30])
        _ = sim.run(until: .ms(5))
        try sim.setScheduler(.roundRobin(quantum: .ms(1)), on: 0)
        sim.runToIdle()
        #expect(try sim.turnarounds(["A", "B"]) == [54, 60])
    }
}
