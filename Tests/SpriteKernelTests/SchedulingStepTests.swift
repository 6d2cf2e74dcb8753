import Testing
import SpriteKernel

/// Program steps beyond compute: locks, barriers, I/O, sleep, fork, spawn, exit, repeat.
@Suite struct SchedulingStepTests {
    /// One CPU, RR q=4: H takes L and computes 10 ms; S arrives at 1 and wants L (`kind`), then computes 2.
    private func lockRace(_ kind: LockKind, contextSwitch: SimTime = .zero) throws -> Simulation {
        let sim = try makeSimulation(nodes: 1)
        try sim.setScheduler(.roundRobin(quantum: .ms(4)), on: 0, contextSwitch: contextSwitch)
        try sim.defineProgram("holder", steps: [.lock("L", .blocking), .compute(.ms(10)), .unlock("L")])
        try sim.defineProgram("waiter", steps: [.lock("L", kind), .compute(.ms(2)), .unlock("L")])
        try sim.spawn(program: "holder", name: "H", node: 0)
        try sim.spawn(program: "waiter", name: "S", node: 0, at: .ms(1))
        sim.runToIdle()
        return sim
    }

    // Spin: H 0-4, S spins 4-8, H 8-12, S spins 12-16, H 16-18 releases (S is off the CPU, so L stays
    // free), S runs at 18, sees L free, takes it: 18-20. S spun 8 ms; the CPU was busy 12 + 8 = 20 ms.
    @Test func spinLockWastesQuanta() throws {
        let sim = try lockRace(.spin)
        #expect(sim.gantt() == ["H@0 0-4 quantum", "S@0 4-8 quantum", "H@0 8-12 quantum", "S@0 12-16 quantum",
                                "H@0 16-18 done", "S@0 18-20 done"])
        let s = try sim.metrics("S")
        #expect(s.spinTime == .ms(8))
        #expect(s.cpuTime == .ms(10))
        #expect(sim.cpuStatistics(node: 0)[0].spinning == .ms(8))
    }

    // Blocking: S arrives at 1 and waits for the CPU (it takes its lock step only when it runs); at 4
    // H's quantum ends, S runs, finds L held and blocks at once (a slice 4-4); H runs 4-10 and hands L
    // over; S is woken: 10-12, blocked 4-10. With a 1 ms switch: H 0-4, switch, S 5-5 blocks, switch,
    // H 6-12, switch, S 13-15: blocking costs two switches.
    @Test func blockingLockSleeps() throws {
        let sim = try lockRace(.blocking)
        #expect(sim.gantt() == ["H@0 0-4 quantum", "S@0 4-4 blocked", "H@0 4-10 done", "S@0 10-12 done"])
        #expect(try sim.metrics("S").blockedTime == .ms(6))
        let switched = try lockRace(.blocking, contextSwitch: .ms(1))
        #expect(switched.gantt() == ["H@0 0-4 quantum", "S@0 5-5 blocked", "H@0 6-12 done", "S@0 13-15 done"])
    }

    // A process that blocks on a lock while running costs two context switches. One CPU, RR q=4, 1 ms
    // switch; H holds L for a 10 ms burst, S computes 1 ms then asks for L, W computes 5 ms, all at 0:
    // H 0-4, switch, S 5-6 blocks, switch, W 7-11, switch, H 12-16, switch, W 17-18, switch, H 19-21
    // hands L to S, switch, S 22-24: S was switched in twice.
    @Test func blockingLockCostsTwoSwitches() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.setScheduler(.roundRobin(quantum: .ms(4)), on: 0, contextSwitch: .ms(1))
        try sim.defineProgram("holder", steps: [.lock("L", .blocking), .compute(.ms(10)), .unlock("L")])
        try sim.defineProgram("asker", steps: [.compute(.ms(1)), .lock("L", .blocking), .compute(.ms(2)),
                                               .unlock("L")])
        try sim.defineProgram("worker", steps: [.compute(.ms(5))])
        try sim.spawn(program: "holder", name: "H", node: 0)
        try sim.spawn(program: "asker", name: "S", node: 0)
        try sim.spawn(program: "worker", name: "W", node: 0)
        sim.runToIdle()
        #expect(sim.gantt() == ["H@0 0-4 quantum", "S@0 5-6 blocked", "W@0 7-11 quantum", "H@0 12-16 quantum",
                                "W@0 17-18 done", "H@0 19-21 done", "S@0 22-24 done"])
        #expect(try sim.metrics("S").contextSwitches == 2)
        #expect(sim.cpuStatistics(node: 0)[0].switching == .ms(6))
    }

    // Spin then block after 2 ms: S spins 4-6, blocks; H runs 6-12 (6 ms left), hands L to S: S 12-14.
    @Test func spinThenBlock() throws {
        let sim = try lockRace(.spinThenBlock(limit: .ms(2)))
        #expect(sim.gantt() == ["H@0 0-4 quantum", "S@0 4-6 blocked", "H@0 6-12 done", "S@0 12-14 done"])
        #expect(try sim.metrics("S").spinTime == .ms(2))
    }

    // Two CPUs, a spinner on its own CPU gets the lock the instant it is released: H 0-10 on CPU 0; S
    // computes 1 ms on CPU 1, then spins 1-10 and takes L at 10: 10-12.
    @Test func runningSpinnerTakesTheLockAtOnce() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.defineProgram("holder", steps: [.lock("L", .blocking), .compute(.ms(10)), .unlock("L")])
        try sim.defineProgram("waiter", steps: [.compute(.ms(1)), .lock("L", .spin), .compute(.ms(2)),
                                                .unlock("L")])
        try sim.spawn(program: "holder", name: "H", node: 0)
        try sim.spawn(program: "waiter", name: "S", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("S").finish == .ms(12))
        #expect(try sim.metrics("S").spinTime == .ms(9))
    }

    // Three CPUs, bursts 1, 2, 3 ms, then a barrier of 3, then 1 ms: all pass at 3, all finish at 4.
    @Test func barrierReleasesAllParties() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 3)
        for (index, burst) in [1, 2, 3].enumerated() {
            try sim.defineProgram("w\(index)", steps: [.compute(.ms(Int64(burst))), .barrier("B", parties: 3),
                                                       .compute(.ms(1))])
            try sim.spawn(program: "w\(index)", name: "W\(index)", node: 0)
        }
        sim.runToIdle()
        #expect(try ["W0", "W1", "W2"].map { try sim.metrics($0).finish } == [.ms(4), .ms(4), .ms(4)])
        #expect(try ["W0", "W1", "W2"].map { try sim.metrics($0).blockedTime } == [.ms(2), .ms(1), .zero])
    }

    // Job list on one CPU, FCFS: A = cpu 2, io 5, cpu 3; B = cpu 4. A 0-2, B 2-6, A's I/O 2-7, A 7-10.
    @Test func ioBlocksAndFreesTheCPU() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.addJobs([Job(name: "A", arrival: .zero, phases: [.cpu(.ms(2)), .io(.ms(5)), .cpu(.ms(3))]),
                         Job(name: "B", arrival: .zero, phases: [.cpu(.ms(4))])], on: 0)
        sim.runToIdle()
        let a = try sim.metrics("A")
        #expect(a.turnaround == .ms(10))
        #expect(a.blockedTime == .ms(5))
        #expect(a.waitTime == .zero)
        #expect(try sim.metrics("B").waitTime == .ms(2))
        #expect(sim.programNames.isEmpty)
    }

    // repeat 3 { compute 1; sleep 1 }: runs 0-1, 2-3, 4-5 and its last sleep ends at 6.
    @Test func repeatWalksTheBodyCountTimes() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("loop", steps: [.repeat(3, [.compute(.ms(1)), .sleep(.ms(1))])])
        try sim.spawn(program: "loop", name: "P", node: 0)
        sim.runToIdle()
        let p = try sim.metrics("P")
        #expect(p.finish == .ms(6))
        #expect(p.cpuTime == .ms(3))
        #expect(p.blockedTime == .ms(3))
        #expect(p.dispatches == 3)
    }

    // Fork on a two-CPU node: parent and child each compute 5 ms at once; a shared fork joins the parent's
    // sharing group, a plain fork starts its own; spawn puts a process on another node; exit ends early.
    @Test func forkSharedForkSpawnExit() throws {
        let sim = try makeSimulation(nodes: 2, cpus: 2)
        try sim.defineProgram("child", steps: [.compute(.ms(5)), .exit, .compute(.ms(100))])
        try sim.defineProgram("parent", steps: [.fork(program: "child", shared: false),
                                                .fork(program: "child", shared: true),
                                                .spawn(program: "child", node: 1), .compute(.ms(5))])
        let parent = try sim.spawn(program: "parent", name: "P", node: 0)
        sim.runToIdle()
        let children = ["P.1", "P.2", "P.3"]
        let metrics = try children.map { try sim.metrics($0) }
        #expect(metrics.map(\.parent) == [parent, parent, parent])
        #expect(metrics[0].sharingGroup != sim.processMetrics(parent)?.sharingGroup)
        #expect(metrics[1].sharingGroup == sim.processMetrics(parent)?.sharingGroup)
        #expect(metrics[2].node == 1)
        #expect(metrics.map(\.cpuTime) == [.ms(5), .ms(5), .ms(5)])
        #expect(metrics.map(\.state) == [.done, .done, .done])
        // Two CPUs on node 0 for P, P.1, P.2 (5 ms each): two run 0-5, the third 5-10. P.3 has node 1 alone.
        #expect(sim.now == .ms(10))
    }

    @Test func refusesBadRequests() throws {
        let sim = try makeSimulation(nodes: 1)
        #expect(throws: KernelError.unknownProgram("nope")) { try sim.spawn(program: "nope", name: "x", node: 0) }
        #expect(throws: KernelError.unknownProgram("ghost")) {
            try sim.defineProgram("p", steps: [.fork(program: "ghost", shared: false)])
        }
        try sim.defineProgram("p", steps: [.compute(.ms(1))])
        try sim.spawn(program: "p", name: "x", node: 0)
        #expect(throws: KernelError.duplicateProcess("x")) { try sim.spawn(program: "p", name: "x", node: 0) }
        #expect(throws: KernelError.invalidValue("quantum")) {
            try sim.setScheduler(.roundRobin(quantum: .zero), on: 0)
        }
        // 10,000 x 10,000 compute steps: past the 10 million steps one run of a program may take.
        #expect(throws: KernelError.limitReached("program steps")) {
            try sim.defineProgram("huge", steps: [.repeat(10_000, [.repeat(10_000, [.compute(.ms(1))])])])
        }
        // A refused job list starts none of its jobs.
        #expect(throws: KernelError.invalidValue("burst")) {
            try sim.addJobs([Job(name: "ok", arrival: .zero, phases: [.cpu(.ms(1))]),
                             Job(name: "bad", arrival: .zero, phases: [.cpu(.ms(-1))])], on: 0)
        }
        #expect(sim.processID(named: "ok") == nil)
        #expect(throws: KernelError.limitReached("program steps")) {
            try sim.generateWorkload(WorkloadSpec(namePrefix: "w", count: 1_000, interarrival: .fixed(.zero),
                                                  burst: .fixed(.ms(1)), bursts: 1_000_000), on: 0)
        }
        sim.processLimit = 1
        #expect(throws: KernelError.limitReached("processes")) { try sim.spawn(program: "p", name: "y", node: 0) }
    }
}

/// A node crash kills its processes; one spawned for later arrives after the restart.
@Suite struct SchedulingCrashTests {
    // One CPU, FCFS: P (10 ms) runs 0-5 when the node crashes at 5; Q (3 ms) waits; R sleeps 20 ms.
    // All three die at 5. Late (2 ms, arriving at 8 after a restart at 7) runs 8-10.
    @Test func crashKillsTheNodesProcesses() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("long", steps: [.compute(.ms(10))])
        try sim.defineProgram("short", steps: [.compute(.ms(3))])
        try sim.defineProgram("sleeper", steps: [.sleep(.ms(20)), .compute(.ms(1))])
        try sim.defineProgram("late", steps: [.compute(.ms(2))])
        try sim.spawn(program: "long", name: "P", node: 0)
        try sim.spawn(program: "short", name: "Q", node: 0)
        try sim.spawn(program: "sleeper", name: "R", node: 0)
        try sim.spawn(program: "late", name: "Late", node: 0, at: .ms(8))
        _ = sim.run(until: .ms(5))
        sim.crash(0)
        _ = sim.run(until: .ms(7))
        sim.restart(0)
        sim.runToIdle()
        for name in ["P", "Q", "R"] {
            let process = try sim.metrics(name)
            #expect(process.killed && process.state == .killed)
            // Killed, never finished: no finish and no turnaround; the time it lived is all accounted.
            #expect(process.finish == nil && process.killedAt == .ms(5))
            #expect(process.killedAt! - process.arrival == process.waitTime + process.cpuTime + process.blockedTime)
        }
        #expect(try sim.metrics("P").cpuTime == .ms(5))
        let late = try sim.metrics("Late")
        #expect(!late.killed)
        #expect(late.finish == .ms(10))
        #expect(sim.liveProcessCount == 0)
    }
}
