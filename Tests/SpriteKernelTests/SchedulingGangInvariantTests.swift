import Testing
@testable import SpriteKernel

/// Invariants of gang scheduling on seeded workloads over three one-CPU nodes: every thread finishes once;
/// a CPU runs one slice at a time; a thread's slices add up to its CPU time (a slice never covers a slot
/// it did not run in); every instant of a thread's life it waited, ran or was blocked. Coordinated and
/// without alternates, the threads running at any instant all belong to one job: each job has one thread
/// on every node, so it fills a row of the matrix. With alternates, no CPU idles while a thread of its
/// column is ready.
@Suite struct SchedulingGangInvariantTests {
    /// Eight jobs of three threads (one a node), arriving every 0–6 ms; each thread computes and sleeps
    /// 2–5 times, 1–8 ms each, all drawn from `seed`. Slots of 5 ms, a 50 us switch.
    private func workload(_ kind: SchedulerKind, coordinated: Bool, seed: UInt64) throws -> Simulation {
        let sim = try makeSimulation(nodes: 3, seed: seed, cpus: 1)
        if coordinated {
            try sim.setScheduler(kind, coordinating: [0, 1, 2], contextSwitch: .us(50))
        } else {
            for node in 0..<3 { try sim.setScheduler(kind, on: node, contextSwitch: .us(50)) }
        }
        var generator = SeededGenerator(seed: seed)
        var arrival = SimTime.zero
        for job in 0..<8 {
            arrival += .ms(Int64.random(in: 0...6, using: &generator))
            for thread in 0..<3 {
                var steps: [ProgramStep] = []
                for _ in 0..<Int.random(in: 2...5, using: &generator) {
                    steps.append(.compute(.ms(Int64.random(in: 1...8, using: &generator))))
                    steps.append(.sleep(.ms(Int64.random(in: 1...8, using: &generator))))
                }
                try sim.defineProgram("p\(job)-\(thread)", steps: steps)
                let id = try sim.spawn(program: "p\(job)-\(thread)", name: "J\(job)-\(thread)", node: thread,
                                       at: arrival)
                try sim.joinGang(id, job: "J\(job)")
            }
        }
        return sim
    }

    @Test(arguments: [(false, false), (true, false), (true, true)], [UInt64(3), 11])
    func invariantsHold(mode: (coordinated: Bool, alternates: Bool), seed: UInt64) throws {
        let kind = SchedulerKind.gang(quantum: .ms(5), alternates: mode.alternates)
        let sim = try workload(kind, coordinated: mode.coordinated, seed: seed)
        // With alternates no CPU idles, between instants, while a thread of its column is ready.
        var steps = 0
        while sim.hasPendingEvents && steps < 100_000 {
            _ = sim.run(eventLimit: 1)
            steps += 1
            guard mode.alternates, sim.nextEventTime != sim.now else { continue }
            for node in 0..<3 where sim.runningProcesses(node: node)[0] == nil {
                #expect(sim.runQueueLengths(node: node)[0] == 0, "n\(node) idle with a ready thread at \(sim.now)")
            }
        }
        #expect(!sim.hasPendingEvents)
        var slices: [TimelineSlice] = []
        for node in 0..<3 {
            let mine = sim.timeline(node: node).sorted { $0.start < $1.start }
            #expect(zip(mine, mine.dropFirst()).allSatisfy { $0.end <= $1.start })
            slices += mine
            for process in sim.processMetrics(node: node) {
                #expect(process.state == .done)
                #expect(process.turnaround == process.waitTime + process.cpuTime + process.blockedTime)
                let ran = mine.filter { $0.process == process.id }.reduce(SimTime.zero) { $0 + $1.end - $1.start }
                #expect(ran == process.cpuTime, "\(process.name)")
                let endings = mine.filter { $0.process == process.id && $0.ending == .done }.count
                #expect(endings <= 1, "\(process.name)")
            }
        }
        guard mode.coordinated && !mode.alternates else { return }
        let job = { (slice: TimelineSlice) in sim.processMetrics(slice.process)?.name.split(separator: "-").first }
        for a in slices {
            for b in slices where b.node != a.node && a.start < b.end && b.start < a.end {
                #expect(job(a) == job(b), "\(a) overlaps \(b)")
            }
        }
    }

    /// Two nodes of two CPUs, coordinated; six jobs of 2–4 threads dealt over both, arriving every 0–4 ms,
    /// each thread computing and sleeping 2–4 times, 1–6 ms each, from `seed`. Node 1 leaves for its own gang
    /// (7 ms slots) at 13 ms, both are coordinated again at 29 ms, node 0 leaves for round robin at 41 ms.
    /// Between instants, after every event: no ready thread is outside its node's matrix and no CPU idles
    /// while its row's thread is ready; every thread finishes, its slices adding up to its CPU time.
    @Test(arguments: [false, true], [UInt64(3), 9, 17, 36])
    func placementHoldsAcrossSchedulerChanges(alternates: Bool, seed: UInt64) throws {
        let sim = try makeSimulation(nodes: 2, seed: seed, cpus: 2)
        let gang = SchedulerKind.gang(quantum: .ms(5), alternates: alternates)
        try sim.setScheduler(gang, coordinating: [0, 1], contextSwitch: .us(50))
        var generator = SeededGenerator(seed: seed)
        var arrival = SimTime.zero
        for job in 0..<6 {
            arrival += .ms(Int64.random(in: 0...4, using: &generator))
            var steps: [ProgramStep] = []
            for _ in 0..<Int.random(in: 2...4, using: &generator) {
                steps.append(.compute(.ms(Int64.random(in: 1...6, using: &generator))))
                steps.append(.sleep(.ms(Int64.random(in: 1...6, using: &generator))))
            }
            try sim.defineProgram("p\(job)", steps: steps)
            try sim.spawnGang(program: "p\(job)", name: "J\(job)", nodes: [0, 1],
                              threads: Int.random(in: 2...4, using: &generator), at: arrival)
        }
        let changes: [(at: SimTime, change: (Simulation) throws -> Void)] = [
            (.ms(13), { try $0.setScheduler(.gang(quantum: .ms(7), alternates: alternates), on: 1) }),
            (.ms(29), { try $0.setScheduler(gang, coordinating: [0, 1], contextSwitch: .us(50)) }),
            (.ms(41), { try $0.setScheduler(.roundRobin(quantum: .ms(3)), on: 0) }),
        ]
        var next = 0
        var steps = 0
        while (sim.hasPendingEvents || next < changes.count) && steps < 100_000 {
            if next < changes.count, (sim.nextEventTime ?? .never) > changes[next].at {
                _ = sim.run(until: changes[next].at)
                try changes[next].change(sim)
                next += 1
            } else {
                _ = sim.run(eventLimit: 1)
            }
            steps += 1
            guard sim.nextEventTime != sim.now else { continue }
            let faults = sim.gangPlacementFaults()
            #expect(faults.isEmpty, "at \(sim.now): \(faults)")
        }
        for node in 0..<2 {
            let mine = sim.timeline(node: node)
            for process in sim.processMetrics(node: node) {
                #expect(process.state == .done, "\(process.name)")
                let ran = mine.filter { $0.process == process.id }.reduce(SimTime.zero) { $0 + $1.end - $1.start }
                #expect(ran == process.cpuTime, "\(process.name)")
            }
        }
    }
}
