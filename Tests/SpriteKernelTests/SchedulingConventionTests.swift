import Testing
import SpriteKernel

/// The conventions textbooks leave implicit, each on the smallest case: what
/// happens at one instant, when a process is put straight back, the boost and
/// the top of the priority range. One CPU unless said.
@Suite struct SchedulingConventionTests {
    /// Spawns one job list (cpu, io, cpu, … in ms) per name.
    private func run(_ kind: SchedulerKind, _ jobs: [(String, Int64, [Int64])], priorities: [Int] = [],
                     tickets: [Int] = [], contextSwitch: SimTime = .zero) throws -> Simulation {
        let sim = try makeSimulation(nodes: 1)
        try sim.setScheduler(kind, on: 0, contextSwitch: contextSwitch)
        for (index, (name, arrival, phases)) in jobs.enumerated() {
            let list: [JobPhase] = phases.enumerated().map { $0 % 2 == 0 ? .cpu(.ms($1)) : .io(.ms($1)) }
            try sim.addJobs([Job(name: name, arrival: .ms(arrival), phases: list,
                                 priority: priorities.indices.contains(index) ? priorities[index] : 0,
                                 tickets: tickets.indices.contains(index) ? tickets[index] : 100)], on: 0)
        }
        sim.runToIdle()
        return sim
    }

    private func finishes(_ sim: Simulation, _ names: [String]) throws -> [Int64] {
        try names.map { try (sim.metrics($0).finish?.nanoseconds ?? -1) / 1_000_000 }
    }

    // Preemptive priority: B (0) runs 0-2, I/O 2-5; A (1, one burst of 3) runs 2-5. At 5 A's burst ends as B
    // wakes: nothing is left to preempt, A finishes at 5, B runs 5-7.
    @Test func aBurstEndingAsABetterProcessWakesIsNotPreempted() throws {
        let sim = try run(.priority(aging: nil, preemptive: true), [("A", 0, [3]), ("B", 0, [2, 3, 2])],
                          priorities: [1, 0])
        #expect(try finishes(sim, ["A", "B"]) == [5, 7])
        #expect(try sim.metrics("A").preemptions == 0)
    }

    // SRTF: A (10) at 0; B (4) and C (2) both at 2. Both are in before the CPU is given: C 2-4, B 4-8, A 8-16.
    // B never ran before C, so it is neither preempted nor switched to twice. With a 1 ms switch:
    // A 0-2, switch, C 3-5, switch, B 6-10, switch, A 11-19.
    @Test func simultaneousArrivalsAreSeenTogether() throws {
        let jobs: [(String, Int64, [Int64])] = [("A", 0, [10]), ("B", 2, [4]), ("C", 2, [2])]
        let sim = try run(.shortestRemainingTime, jobs)
        #expect(try finishes(sim, ["A", "B", "C"]) == [16, 8, 4])
        #expect(try ["A", "B", "C"].map { try sim.metrics($0).preemptions } == [1, 0, 0])
        #expect(try ["A", "B", "C"].map { try sim.metrics($0).contextSwitches } == [1, 1, 1])
        let switched = try run(.shortestRemainingTime, jobs, contextSwitch: .ms(1))
        #expect(try finishes(switched, ["A", "B", "C"]) == [19, 10, 5])
    }

    // Stride, quantum 1: A 250 tickets (stride 6.3e9/250), B 50 (5 times A's). A 0-1 (pass 1 stride), B 1-2 (pass
    // 5 strides), then A has the lowest pass through 2-5: at 3 and 4 it is put straight back, so it is preempted
    // once (at 1), B once (at 2), and A's run 2-5 is one slice.
    @Test func aProcessPutStraightBackIsNotPreempted() throws {
        let sim = try run(.stride(quantum: .ms(1)), [("A", 0, [4]), ("B", 0, [2])], tickets: [250, 50])
        #expect(try finishes(sim, ["A", "B"]) == [5, 6])
        #expect(try ["A", "B"].map { try sim.metrics($0).preemptions } == [1, 1])
        #expect(sim.gantt() == ["A@0 0-1 quantum", "B@0 1-2 quantum", "A@0 2-5 done", "B@0 5-6 done"])
    }

    // MLFQ quanta 4, 8, boost every 9. A (20) at 0: top 0-4, level 1 from 4 (slice to 12). The boost at 9 puts
    // A on top with a fresh allotment; the 5 ms before it counted at level 1. By 12 A used 3 on top. B (6)
    // arrives at 12: B 12-16 (then level 1), A 16-17 (the 1 left), B 17-19, A 19-26.
    @Test func theBoostForgetsTimeUsedBeforeIt() throws {
        let config = MultilevelFeedbackConfiguration(quanta: [.ms(4), .ms(8)], boostPeriod: .ms(9))
        let sim = try run(.multilevelFeedback(config), [("A", 0, [20]), ("B", 12, [6])])
        #expect(try finishes(sim, ["A", "B"]) == [26, 19])
    }

    // Aging one step per 5 ms stops at the top of the range, 0: R (0) runs 0-50; X (9, ready at 0) and Y (1,
    // ready at 5) have both reached 0 by 50, and the tie goes to X, first in: X 50-51, Y 51-52.
    @Test func agingStopsAtTheTopOfTheRange() throws {
        let sim = try run(.priority(aging: .ms(5), preemptive: false), [("R", 0, [50]), ("X", 0, [1]), ("Y", 5, [1])],
                          priorities: [0, 9, 1])
        #expect(try finishes(sim, ["R", "X", "Y"]) == [50, 51, 52])
    }
}
