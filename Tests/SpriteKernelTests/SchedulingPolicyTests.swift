import Testing
import SpriteKernel

/// Hand-computed schedules, one CPU, no switch cost unless said. The classic
/// job list (Silberschatz ch. 5): A=24, B=3, C=3 ms, all arriving at 0 in that order.
@Suite struct SchedulingPolicyTests {
    static let classic: [Int64] = [24, 3, 3]
    static let abc = ["A", "B", "C"]

    // FCFS: A 0-24, B 24-27, C 27-30. Waits 0, 24, 27 (avg 17); turnarounds 24, 27, 30 (avg 27).
    @Test func fcfsConvoy() throws {
        let sim = try scheduledJobs(.fcfs, bursts: Self.classic)
        sim.runToIdle()
        #expect(try sim.waits(Self.abc) == [0, 24, 27])
        #expect(try sim.turnarounds(Self.abc) == [24, 27, 30])
        #expect(try sim.responses(Self.abc) == [0, 24, 27])
        #expect(sim.gantt() == ["A@0 0-24 done", "B@0 24-27 done", "C@0 27-30 done"])
        #expect(sim.now == .ms(30))
        // Run queue: B and C wait 0-24 (2), C alone 24-27 (1), empty 27-30: (48 + 3) / 30 = 1.7 on average.
        let cpu = try #require(sim.cpuStatistics(node: 0).first)
        #expect(cpu.averageRunQueue == 1.7)
        #expect(cpu.busy == .ms(30))
        #expect(cpu.contextSwitches == 2)
    }

    // The timeline window keeps the slices that overlap it; a slice on the CPU now ends now, `.running`.
    @Test func timelineWindowAndRunningSlice() throws {
        let sim = try scheduledJobs(.fcfs, bursts: Self.classic)
        _ = sim.run(until: .ms(26))
        let window = sim.timeline(node: 0, from: .ms(25), to: .ms(26))
        #expect(window.map(\.start) == [.ms(24)])
        #expect(window.map(\.ending) == [.running])
        #expect(window.map(\.end) == [.ms(26)])
        #expect(sim.timeline(node: 0).count == 2)
        #expect(sim.timeline(node: 0, from: .ms(30), to: .ms(40)).isEmpty)
    }

    // SJF: B 0-3, C 3-6 (tie with B kept in arrival order), A 6-30. Waits 0, 3, 6 → A=6, B=0, C=3 (avg 3).
    @Test func sjfShortFirst() throws {
        let sim = try scheduledJobs(.shortestJobFirst, bursts: Self.classic)
        sim.runToIdle()
        #expect(try sim.waits(Self.abc) == [6, 0, 3])
        #expect(try sim.turnarounds(Self.abc) == [30, 3, 6])
    }

    // RR q=4: A 0-4 (quantum), B 4-7, C 7-10, then A alone 10-30 (no switch, fresh quanta).
    // Waits A = 10 - 4 = 6, B = 4, C = 7 (avg 17/3); turnarounds 30, 7, 10.
    @Test func roundRobinQuantum4() throws {
        let sim = try scheduledJobs(.roundRobin(quantum: .ms(4)), bursts: Self.classic)
        sim.runToIdle()
        #expect(try sim.waits(Self.abc) == [6, 4, 7])
        #expect(try sim.turnarounds(Self.abc) == [30, 7, 10])
        #expect(sim.gantt() == ["A@0 0-4 quantum", "B@0 4-7 done", "C@0 7-10 done", "A@0 10-30 done"])
        #expect(try sim.metrics("A").preemptions == 1)
    }

    // RR q=4 with a 1 ms context switch between different processes:
    // A 0-4, switch 4-5, B 5-8, switch 8-9, C 9-12, switch 12-13, A 13-33.
    // Waits: A = 13 - 4 = 9, B = 5, C = 9. CPU busy 30 + 3 switches = 33 ms.
    @Test func roundRobinWithSwitchCost() throws {
        let sim = try scheduledJobs(.roundRobin(quantum: .ms(4)), bursts: Self.classic, contextSwitch: .ms(1))
        sim.runToIdle()
        #expect(try sim.waits(Self.abc) == [9, 5, 9])
        #expect(try sim.turnarounds(Self.abc) == [33, 8, 12])
        let cpu = try #require(sim.cpuStatistics(node: 0).first)
        #expect(cpu.busy == .ms(30))
        #expect(cpu.switching == .ms(3))
        #expect(cpu.contextSwitches == 3)
        #expect(cpu.utilisation == 1)
    }

    // SRTF (Silberschatz): P1 8 @0, P2 4 @1, P3 9 @2, P4 5 @3.
    // P1 0-1, P2 1-5, P4 5-10, P1 10-17, P3 17-26. Waits: P1 = 10-1 = 9, P2 = 0, P3 = 15, P4 = 2 (avg 6.5).
    @Test func srtfPreempts() throws {
        let names = ["P1", "P2", "P3", "P4"]
        let sim = try scheduledJobs(.shortestRemainingTime, bursts: [8, 4, 9, 5], arrivals: [0, 1, 2, 3],
                                    names: names)
        sim.runToIdle()
        #expect(try sim.waits(names) == [9, 0, 15, 2])
        #expect(try sim.metrics("P1").preemptions == 1)
        #expect(sim.gantt() == ["P1@0 0-1 preempted", "P2@0 1-5 done", "P4@0 5-10 done", "P1@0 10-17 done",
                                "P3@0 17-26 done"])
    }

    // Non-preemptive SJF on the same list: P1 0-8 (alone at 0), then P2 8-12, P4 12-17, P3 17-26.
    // Waits 0, 7, 15, 9 (avg 7.75).
    @Test func sjfDoesNotPreempt() throws {
        let names = ["P1", "P2", "P3", "P4"]
        let sim = try scheduledJobs(.shortestJobFirst, bursts: [8, 4, 9, 5], arrivals: [0, 1, 2, 3], names: names)
        sim.runToIdle()
        #expect(try sim.waits(names) == [0, 7, 15, 9])
    }
}
