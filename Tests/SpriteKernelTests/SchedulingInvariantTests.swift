import Testing
import SpriteKernel

/// Invariants on seeded generated workloads: work conservation, CPU time =
/// bursts + reloads, CPU busy + switching accounted, every process finishes
/// once, and the same seed gives the same schedule.
@Suite struct SchedulingInvariantTests {
    static let kinds: [SchedulerKind] = [
        .fcfs, .roundRobin(quantum: .ms(4)), .priority(aging: .ms(20), preemptive: true),
        .multilevelFeedback(MultilevelFeedbackConfiguration(quanta: [.ms(2), .ms(4), .ms(8)], boostPeriod: .ms(50))),
        .lottery(quantum: .ms(3)), .stride(quantum: .ms(3)), .shortestJobFirst, .shortestRemainingTime,
    ]
    static let layouts: [RunQueueLayout] = [.shared, .perCPU(stealing: true)]

    /// 60 jobs, Poisson arrivals (mean gap 3 ms), 3 bimodal CPU bursts each with exponential I/O between,
    /// on 4 CPUs with a 100 us switch, a 50 us reload and 20 us to take a process off a queue.
    private func workload(_ kind: SchedulerKind, _ layout: RunQueueLayout, seed: UInt64) throws
        -> (Simulation, bursts: [String: SimTime]) {
        let sim = try makeSimulation(nodes: 1, seed: seed, cpus: 4)
        try sim.setScheduler(kind, on: 0, contextSwitch: .us(100))
        try sim.setMultiprocessor(MultiprocessorOptions(layout: layout, cacheReload: .us(50), queueLock: .us(20)),
                                  on: 0)
        let spec = WorkloadSpec(namePrefix: "j", count: 60, interarrival: .exponential(mean: .ms(3)),
                                burst: .bimodal(short: .ms(2), long: .ms(20), shortFraction: 0.8), bursts: 3,
                                io: .exponential(mean: .ms(5)))
        var priority = 0
        var bursts: [String: SimTime] = [:]
        var generator = SeededGenerator(seed: seed)
        for job in spec.jobs(using: &generator) {
            var job = job
            job.priority = priority % 4
            priority += 1
            bursts[job.name] = job.phases.reduce(.zero) { total, phase in
                if case .cpu(let d) = phase { return total + d }
                return total
            }
            try sim.addJobs([job], on: 0)
        }
        return (sim, bursts)
    }

    @Test(arguments: kinds, layouts)
    func invariantsHold(kind: SchedulerKind, layout: RunQueueLayout) throws {
        let (sim, bursts) = try workload(kind, layout, seed: 7)
        // Work conservation: between instants, no CPU idles while a process waits.
        var steps = 0
        while sim.hasPendingEvents && steps < 200_000 {
            _ = sim.run(eventLimit: 1)
            steps += 1
            guard sim.nextEventTime != sim.now else { continue }
            let idle = sim.runningProcesses(node: 0).contains(nil)
            let waiting = sim.runQueueLengths(node: 0).reduce(0, +)
            #expect(!(idle && waiting > 0), "idle CPU with \(waiting) waiting at \(sim.now)")
            if idle && waiting > 0 { return }
        }
        #expect(!sim.hasPendingEvents)
        let metrics = sim.processMetrics(node: 0)
        #expect(metrics.count == 60)
        var totalReloads = 0
        var totalBursts = SimTime.zero
        for process in metrics {
            #expect(process.state == .done)
            let burst = try #require(bursts[process.name])
            totalBursts += burst
            totalReloads += process.cacheReloads
            // A process's CPU time is its bursts plus the reloads it paid.
            #expect(process.cpuTime == burst + .us(50) * Int64(process.cacheReloads))
            // Every instant of its life it waited, ran or was blocked.
            #expect(process.turnaround == process.waitTime + process.cpuTime + process.blockedTime)
        }
        // The timeline: each process ends exactly once; a CPU runs one slice at a time; a process is on
        // one CPU at a time; the slices of a process add up to its CPU time.
        let slices = sim.timeline(node: 0)
        var endings: [ProcessID: Int] = [:]
        var onCPU: [ProcessID: SimTime] = [:]
        for slice in slices where slice.ending == .done || slice.ending == .exit {
            endings[slice.process, default: 0] += 1
        }
        #expect(endings.count == 60 && endings.values.allSatisfy { $0 == 1 })
        for cpu in 0..<4 {
            let mine = slices.filter { $0.cpu == cpu }.sorted { $0.start < $1.start }
            #expect(zip(mine, mine.dropFirst()).allSatisfy { $0.end <= $1.start })
        }
        for (_, group) in Dictionary(grouping: slices, by: \.process) {
            let sorted = group.sorted { $0.start < $1.start }
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.end <= $1.start })
            onCPU[sorted[0].process] = sorted.reduce(.zero) { $0 + ($1.end - $1.start) }
        }
        for process in metrics { #expect(onCPU[process.id] == process.cpuTime) }
        let stats = sim.cpuStatistics(node: 0)
        let busy = stats.map(\.busy).reduce(.zero, +)
        let switching = stats.map(\.switching).reduce(.zero, +)
        let switches = stats.map(\.contextSwitches).reduce(0, +)
        #expect(busy == totalBursts + .us(50) * Int64(totalReloads))
        #expect(switching == .us(100) * Int64(switches))
        #expect(stats.map(\.cacheReload).reduce(.zero, +) == .us(50) * Int64(totalReloads))
    }

    @Test func sameSeedSameSchedule() throws {
        for kind in Self.kinds {
            let (first, _) = try workload(kind, .perCPU(stealing: true), seed: 3)
            let (second, _) = try workload(kind, .perCPU(stealing: true), seed: 3)
            first.runToIdle()
            second.runToIdle()
            #expect(first.timeline() == second.timeline())
            #expect(first.processMetrics() == second.processMetrics())
        }
    }

    // The engine's generator draws the workload: the same seed, the same jobs.
    @Test func generatedWorkloadIsSeeded() throws {
        func arrivals(_ seed: UInt64) throws -> [SimTime] {
            let sim = try makeSimulation(nodes: 1, seed: seed)
            let spec = WorkloadSpec(namePrefix: "w", count: 20, interarrival: .exponential(mean: .ms(10)),
                                    burst: .uniform(.ms(1), .ms(9)))
            try sim.generateWorkload(spec, on: 0)
            return sim.processMetrics().map(\.arrival)
        }
        #expect(try arrivals(5) == arrivals(5))
        #expect(try arrivals(5) != arrivals(6))
        let first = try arrivals(5)
        #expect(first[0] == .zero)
        #expect(zip(first, first.dropFirst()).allSatisfy { $0 <= $1 })
    }
}
