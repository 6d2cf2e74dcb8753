import Testing
import SpriteKernel

/// Priority, MLFQ, lottery and stride, computed by hand on one CPU.
@Suite struct SchedulingPriorityTests {
    // Silberschatz's priority example, all at 0: P1 10 ms pri 3, P2 1 pri 1, P3 2 pri 4, P4 1 pri 5, P5 5 pri 2.
    // Order P2 0-1, P5 1-6, P1 6-16, P3 16-18, P4 18-19: waits 6, 0, 16, 18, 1 (avg 8.2).
    @Test func priorityOrder() throws {
        let names = ["P1", "P2", "P3", "P4", "P5"]
        let sim = try scheduledJobs(.priority(aging: nil, preemptive: false), bursts: [10, 1, 2, 1, 5],
                                    names: names, priorities: [3, 1, 4, 5, 2])
        sim.runToIdle()
        #expect(try sim.waits(names) == [6, 0, 16, 18, 1])
    }

    // H1 (pri 0, 20 ms) at 0, L (pri 5, 5 ms) at 0, H2 (pri 0, 20 ms) at 19. Without aging: H1 0-20,
    // H2 20-40, L 40-45. Aging 4 ms: at 20 L has waited 20 ms → 5 - 5 = 0, H2 waited 1 ms → 0; the tie
    // goes to L, first in the queue: L 20-25, H2 25-45.
    @Test func agingLiftsAWaitingProcess() throws {
        let names = ["H1", "L", "H2"]
        let plain = try scheduledJobs(.priority(aging: nil, preemptive: false), bursts: [20, 5, 20],
                                      arrivals: [0, 0, 19], names: names, priorities: [0, 5, 0])
        plain.runToIdle()
        #expect(try plain.waits(names) == [0, 40, 1])
        let aged = try scheduledJobs(.priority(aging: .ms(4), preemptive: false), bursts: [20, 5, 20],
                                     arrivals: [0, 0, 19], names: names, priorities: [0, 5, 0])
        aged.runToIdle()
        #expect(try aged.waits(names) == [0, 20, 6])
    }

    // Preemptive: A (pri 5, 10 ms) at 0, B (pri 1, 2 ms) at 3: A 0-3 preempted, B 3-5, A 5-12.
    @Test func preemptivePriority() throws {
        let sim = try scheduledJobs(.priority(aging: nil, preemptive: true), bursts: [10, 2], arrivals: [0, 3],
                                    priorities: [5, 1])
        sim.runToIdle()
        #expect(sim.gantt() == ["A@0 0-3 preempted", "B@0 3-5 done", "A@0 5-12 done"])
        #expect(try sim.waits(["A", "B"]) == [2, 0])
    }

    static let mlfq = MultilevelFeedbackConfiguration(quanta: [.ms(10), .ms(20), .ms(40)])

    // Levels with quanta 10, 20, 40 ms (allotment = one quantum). A (100 ms) at 0: level 0 for 0-10, then
    // level 1. B (5 ms) arrives at 25 at level 0 and preempts A (15 ms used at level 1). B 25-30. A
    // resumes with 5 ms left of its level-1 allotment, drops to level 2 at 35 and, alone, runs to 105.
    @Test func mlfqNewcomerPreemptsDemotedJob() throws {
        let sim = try scheduledJobs(.multilevelFeedback(Self.mlfq), bursts: [100, 5], arrivals: [0, 25])
        sim.runToIdle()
        #expect(sim.gantt() == ["A@0 0-25 preempted", "B@0 25-30 done", "A@0 30-105 done"])
        #expect(try sim.turnarounds(["A", "B"]) == [105, 5])
    }

    // Starvation: A (50 ms) at 0 uses level 0's 10 ms, then short jobs (5 ms each, one every 5 ms from 10 to
    // 205) keep level 0 busy 10-210: A waits until 210, then needs 40 ms more: finish 250. A boost every
    // 50 ms lifts A back to level 0: at 50 it queues behind B9 (arrived at 50), runs 55-65 at level 0, and
    // B11 arrives at 65 as A's allotment and quantum run out: A's slice ends by its quantum (the newcomer
    // queued first, so it runs next). Each boost gives A another 10 ms. At 10 too, A's quantum ends as B1
    // arrives.
    @Test func mlfqBoostEndsStarvation() throws {
        func run(boost: SimTime?) throws -> Simulation {
            var config = Self.mlfq
            config.boostPeriod = boost
            let bursts: [Int64] = [50] + Array(repeating: 5, count: 40)
            let arrivals: [Int64] = [0] + (0..<40).map { 10 + 5 * Int64($0) }
            let names = ["A"] + (1...40).map { "B\($0)" }
            let sim = try scheduledJobs(.multilevelFeedback(config), bursts: bursts, arrivals: arrivals,
                                        names: names)
            sim.runToIdle()
            return sim
        }
        let starved = try run(boost: nil)
        #expect(try starved.metrics("A").finish == .ms(250))
        #expect(starved.gantt().filter { $0.hasPrefix("A@") } == ["A@0 0-10 quantum", "A@0 210-250 done"])
        let boosted = try run(boost: .ms(50))
        #expect(try #require(boosted.metrics("A").finish) < .ms(250))
        #expect(boosted.gantt().contains("A@0 55-65 quantum"))
    }

    /// Two CPU hogs with 75 and 25 tickets, 1 ms quanta, run for 400 ms.
    private func share(_ kind: SchedulerKind) throws -> (Int64, Int64) {
        let sim = try makeSimulation(nodes: 1)
        try sim.setScheduler(kind, on: 0)
        try sim.defineProgram("hog", steps: [.compute(.s(10))])
        try sim.spawn(program: "hog", name: "A", node: 0, tickets: 75)
        try sim.spawn(program: "hog", name: "B", node: 0, tickets: 25)
        _ = sim.run(until: .ms(400))
        let stats = sim.timeline(node: 0)
        var a: Int64 = 0
        var b: Int64 = 0
        for slice in stats {
            let length = (min(slice.end, .ms(400)) - slice.start).nanoseconds / 1_000_000
            if slice.process == sim.processID(named: "A") { a += length } else { b += length }
        }
        return (a, b)
    }

    // Stride is exact: strides 6.3e9/75 and 6.3e9/25 (1:3), so A gets 3 quanta for each of B's: 300 / 100 ms.
    @Test func strideIsProportional() throws {
        let (a, b) = try share(.stride(quantum: .ms(1)))
        #expect(a + b == 400)
        #expect(abs(a - 300) <= 1)
    }

    // Lottery tends to the same shares: 400 draws with p = 0.75 give 300 ± 8.7 (one s.d.); allow 3 s.d.
    @Test func lotteryIsProportionalOnAverage() throws {
        let (a, b) = try share(.lottery(quantum: .ms(1)))
        #expect(a + b == 400)
        #expect(abs(a - 300) <= 26)
        // The engine's seed fixes the draws: the same run gives the same schedule.
        #expect(try share(.lottery(quantum: .ms(1))) == (a, b))
    }
}
