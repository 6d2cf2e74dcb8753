import Testing
import SpriteKernel

/// Two-CPU nodes: shared queue vs per-CPU queues, stealing, cache reloads.
@Suite struct SchedulingMultiprocessorTests {
    // Shared queue, FCFS, four 10 ms jobs at 0: A, B on CPUs 0 and 1 for 0-10, C, D for 10-20. Waits 0, 0, 10, 10.
    @Test func sharedQueueFillsBothCPUs() throws {
        let sim = try scheduledJobs(.fcfs, bursts: [10, 10, 10, 10], cpus: 2)
        sim.runToIdle()
        #expect(try sim.waits(["A", "B", "C", "D"]) == [0, 0, 10, 10])
        #expect(sim.gantt() == ["A@0 0-10 done", "B@1 0-10 done", "C@0 10-20 done", "D@1 10-20 done"])
    }

    // RR q=10, shared queue, A, B, C of 20 ms, reload 1 ms; a reload is done on the process's own quantum.
    // A ready process takes the CPU it last ran on if idle, else the lowest-numbered idle one.
    // 0-10: A on CPU 0, B on CPU 1. At 10 both quanta end; queue C, A, B: C (never ran) takes CPU 0, A
    // (CPU 0 taken) CPU 1: moved, reload 10-11, work 11-20, 1 ms left. At 20 C (10 left) and A yield;
    // queue B, C, A: B takes its CPU 1 and C its CPU 0, no reload: both done at 30. At 30 A takes its
    // CPU 1, done at 31. One reload in all: busy = 60 + 1 = 61 ms.
    @Test func sharedQueueMovesProcessesAndPaysReloads() throws {
        let sim = try scheduledJobs(.roundRobin(quantum: .ms(10)), bursts: [20, 20, 20], cpus: 2)
        try sim.setMultiprocessor(MultiprocessorOptions(layout: .shared, cacheReload: .ms(1)), on: 0)
        sim.runToIdle()
        #expect(try sim.turnarounds(["A", "B", "C"]) == [31, 30, 30])
        #expect(try ["A", "B", "C"].map { try sim.metrics($0).cacheReloads } == [1, 0, 0])
        let stats = sim.cpuStatistics(node: 0)
        #expect(stats.map(\.busy).reduce(.zero, +) == .ms(61))
        #expect(stats.map(\.cacheReload).reduce(.zero, +) == .ms(1))
    }

    // Per-CPU queues: A → queue 0, B → queue 1, C → queue 0 (the shorter, first). CPU 0 alternates A and
    // C (0-40); CPU 1 runs B 0-20 then idles: no reload, but the end is 40.
    @Test func affinityWithoutStealingLeavesACPUIdle() throws {
        let sim = try scheduledJobs(.roundRobin(quantum: .ms(10)), bursts: [20, 20, 20], cpus: 2)
        try sim.setMultiprocessor(MultiprocessorOptions(layout: .perCPU(stealing: false), cacheReload: .ms(1)),
                                  on: 0)
        sim.runToIdle()
        #expect(sim.now == .ms(40))
        #expect(try ["A", "B", "C"].map { try sim.metrics($0).cacheReloads } == [0, 0, 0])
    }

    // With stealing, CPU 1 (idle at 20 when B ends) takes C from queue 0 and pays one reload: C 20-31.
    // A ends at 30 on CPU 0.
    @Test func stealingBalancesTheQueues() throws {
        let sim = try scheduledJobs(.roundRobin(quantum: .ms(10)), bursts: [20, 20, 20], cpus: 2)
        try sim.setMultiprocessor(MultiprocessorOptions(layout: .perCPU(stealing: true), cacheReload: .ms(1)),
                                  on: 0)
        sim.runToIdle()
        #expect(try sim.turnarounds(["A", "B", "C"]) == [30, 20, 31])
        #expect(try sim.metrics("C").cacheReloads == 1)
    }

    // Four CPUs, four 10 ms jobs at 0, 1 ms to take a process off a queue. One shared queue: the CPUs take
    // its lock in turn (0-1, 1-2, 2-3, 3-4), so A..D start at 1, 2, 3, 4 and the CPUs spend 1+2+3+4 = 10 ms
    // on the lock. Per-CPU queues: each CPU has its own lock, every job starts at 1.
    @Test func sharedQueueLockIsAContentionPoint() throws {
        func run(_ layout: RunQueueLayout) throws -> (waits: [Int64], lock: SimTime) {
            let sim = try scheduledJobs(.fcfs, bursts: [10, 10, 10, 10], cpus: 4)
            try sim.setMultiprocessor(MultiprocessorOptions(layout: layout, queueLock: .ms(1)), on: 0)
            sim.runToIdle()
            return (try sim.waits(["A", "B", "C", "D"]),
                    sim.cpuStatistics(node: 0).map(\.queueLock).reduce(.zero, +))
        }
        let shared = try run(.shared)
        #expect(shared.waits == [1, 2, 3, 4])
        #expect(shared.lock == .ms(10))
        let perCPU = try run(.perCPU(stealing: false))
        #expect(perCPU.waits == [1, 1, 1, 1])
        #expect(perCPU.lock == .ms(4))
    }

    // A CPU freed at an instant chooses after that instant's other events: SJF on two CPUs, X (10) and
    // W (cpu 2, io 8, cpu 1) at 0, Z (20) at 1, L (15) at 5. W 0-2 and X 0-10 (SJF takes W first); Z 2-22
    // after W blocks; at 10 X ends as W wakes: both are in before the free CPU picks, so W (1 ms) beats L
    // (15 ms): W 10-11, L 11-26.
    @Test func aFreedCPUSeesTheWakesOfItsInstant() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setScheduler(.shortestJobFirst, on: 0)
        try sim.addJobs([Job(name: "X", arrival: .zero, phases: [.cpu(.ms(10))]),
                         Job(name: "W", arrival: .zero, phases: [.cpu(.ms(2)), .io(.ms(8)), .cpu(.ms(1))]),
                         Job(name: "Z", arrival: .ms(1), phases: [.cpu(.ms(20))]),
                         Job(name: "L", arrival: .ms(5), phases: [.cpu(.ms(15))])], on: 0)
        sim.runToIdle()
        #expect(try ["X", "W", "Z", "L"].map { try sim.metrics($0).finish } == [.ms(10), .ms(11), .ms(22), .ms(26)])
    }

    // Changing the scheduler later keeps waiting processes: FCFS with A (10), B (10), C (1) at 0 on one CPU;
    // at 5 the node switches to SJF: C (1 ms) goes before B. A 0-10, C 10-11, B 11-21.
    @Test func schedulerChangesMidRun() throws {
        let sim = try scheduledJobs(.fcfs, bursts: [10, 10, 1])
        _ = sim.run(until: .ms(5))
        try sim.setScheduler(.shortestJobFirst, on: 0)
        sim.runToIdle()
        #expect(try sim.turnarounds(["A", "B", "C"]) == [10, 21, 11])
    }
}
