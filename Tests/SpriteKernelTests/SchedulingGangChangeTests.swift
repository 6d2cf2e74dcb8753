import Testing
@testable import SpriteKernel

/// A node that turns to gang scheduling places the threads running on it: they keep their CPUs to the
/// slot's end, then take turns with the others (before, a running process had no cell, was never
/// preempted and kept its CPU to the end of its burst).
@Suite struct SchedulingGangChangeTests {
    // One CPU, fcfs: X (100 ms) runs 0–5, G (100 ms) waits. At 5 gang, 10 ms slots: X, running, takes row 0,
    // G row 1. Slots end on the clock at 10, 20, …: X 5–10 (10 ms done), G 10–20, X 20–30, … X needs 90 ms
    // more, its 9th slot of its own is 180–190: done 190; G's 10th slot is 190–200: done 200.
    @Test func aRunningProcessTakesTurnsAfterAChangeToGang() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        try sim.defineProgram("w", steps: [.compute(.ms(100))])
        try sim.spawn(program: "w", name: "X", node: 0)
        try sim.spawn(program: "w", name: "G", node: 0)
        _ = sim.run(until: .ms(5))
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        sim.runToIdle()
        #expect(try sim.metrics("X").finish == .ms(190))
        #expect(try sim.metrics("G").finish == .ms(200))
        #expect(sim.gantt().prefix(3) == ["X@0 0-10 quantum", "G@0 10-20 quantum", "X@0 20-30 quantum"])
    }

    // Coordinated a,b (one CPU each), 10 ms slots: row 0 J-1 (a) and J-2 (b), row 1 H (a) and G (b), all
    // 30 ms. 0–10 row 0, 10–20 row 1. At 15 a turns to rr (quantum 10 from 15): H runs to 25, J-1 25–27;
    // b goes on alone: J-2 20–30. At 27 a,b are coordinated again: running J-1 and J-2 take row 0, H and
    // G row 1. 27–30 J-1, J-2; 30–40 H, G; 40–50 J-1, J-2 (J-2 has 30: done 50); 50–60 H (has 15 + 10,
    // done 55), G (done 60); 60–65 J-1 (10 + 2 + 3 + 10 + 5 = 30: done 65).
    @Test func aRunningJobIsPlacedWhenItsNodesAreCoordinatedAgain() throws {
        let sim = try makeSimulation(nodes: 2, cpus: 1)
        let gang = SchedulerKind.gang(quantum: .ms(10))
        try sim.setScheduler(gang, coordinating: [0, 1])
        try sim.defineProgram("w", steps: [.compute(.ms(30))])
        try sim.spawnGang(program: "w", name: "J", nodes: [0, 1], threads: 2)
        try sim.spawn(program: "w", name: "H", node: 0)
        try sim.spawn(program: "w", name: "G", node: 1)
        _ = sim.run(until: .ms(15))
        try sim.setScheduler(.roundRobin(quantum: .ms(10)), on: 0)
        _ = sim.run(until: .ms(27))
        try sim.setScheduler(gang, coordinating: [0, 1])
        sim.runToIdle()
        #expect(try sim.metrics("J-2").finish == .ms(50))
        #expect(try sim.metrics("H").finish == .ms(55))
        #expect(try sim.metrics("G").finish == .ms(60))
        #expect(try sim.metrics("J-1").finish == .ms(65))
    }

    // Coordinated a (1 CPU, column 0) and b (2 CPUs, columns 1–2), 10 ms slots, no switch cost. L (b, 5 ms)
    // takes row 0 column 1 (b's CPU 0); job J, J-1 on a (20 ms) and J-2 on b (30 ms), takes row 0 columns 0
    // and 2: all run from 0, one busy row, no slot switch. L is done at 5: b's CPU 0 idles. At 8 b leaves for
    // its own gang: its running J-2 is placed in b's new matrix, first free column of row 0 (b's CPU 0), so
    // it leaves CPU 1 (ran 8 ms) and the idle CPU 0 takes it at once: 22 ms more, done 30. J-1 stays placed
    // in the old matrix, now a's alone: runs on, done 20. (Before, CPU 0 was never told: J-2 waited for ever.)
    @Test func aThreadMovedByALeavingNodeRunsOnItsNewColumn() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .switched))
        try sim.addNode(NodeSpec(name: "a", role: .workstation, cpus: 1))
        try sim.addNode(NodeSpec(name: "b", role: .workstation, cpus: 2))
        try sim.setScheduler(.gang(quantum: .ms(10)), coordinating: [0, 1])
        try sim.defineProgram("short", steps: [.compute(.ms(5))])
        try sim.defineProgram("job", steps: [.compute(.ms(20))])
        try sim.defineProgram("long", steps: [.compute(.ms(30))])
        try sim.spawn(program: "short", name: "L", node: 1)
        let first = try sim.spawn(program: "job", name: "J-1", node: 0)
        let second = try sim.spawn(program: "long", name: "J-2", node: 1)
        for thread in [first, second] { try sim.joinGang(thread, job: "J") }
        _ = sim.run(until: .ms(8))
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 1)
        #expect(sim.gangPeers(of: 0) == [0] && sim.gangPeers(of: 1) == [1])
        sim.runToIdle()
        #expect(sim.gangPlacementFaults().isEmpty)
        #expect(try sim.metrics("L").finish == .ms(5))
        #expect(try sim.metrics("J-1").finish == .ms(20))
        #expect(try sim.metrics("J-2").finish == .ms(30))
        #expect(sim.timeline(node: 1).filter { $0.process == second }.map { [$0.start, $0.end] }
            == [[.zero, .ms(8)], [.ms(8), .ms(30)]])
    }
}

/// A thread that joins its job after the job is placed goes in its partners' row when a column is free
/// there (Ousterhout keeps a job in one row), not in the first row with room.
@Suite struct SchedulingGangLateJoinerTests {
    // Coordinated a,b (one CPU each), 10 ms slots. A (a, 30 ms) takes row 0; the client (a, job J, 10 ms)
    // row 1. At 1 ms the server (b, job J, 10 ms) joins: row 0 has b's column free, but J is in row 1,
    // which has it free too: row 1. Slot 0–10 runs A (b idle), 10–20 the client and the server together:
    // both done at 20 (first fit would have put the server in row 0: running 1–10 and 20–21, done 21).
    @Test func aLateThreadJoinsItsJobsRow() throws {
        let sim = try makeSimulation(nodes: 2, cpus: 1)
        try sim.setScheduler(.gang(quantum: .ms(10)), coordinating: [0, 1])
        try sim.defineProgram("long", steps: [.compute(.ms(30))])
        try sim.defineProgram("short", steps: [.compute(.ms(10))])
        try sim.spawn(program: "long", name: "A", node: 0)
        let client = try sim.spawn(program: "short", name: "client", node: 0)
        try sim.joinGang(client, job: "J")
        _ = sim.run(until: .ms(1))
        let server = try sim.spawn(program: "short", name: "server", node: 1)
        try sim.joinGang(server, job: "J")
        sim.runToIdle()
        #expect(try sim.metrics("server").finish == .ms(20))
        #expect(try sim.metrics("client").finish == .ms(20))
    }
}
