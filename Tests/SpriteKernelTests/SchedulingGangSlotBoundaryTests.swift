import Testing
@testable import SpriteKernel

/// A burst that ends exactly when its gang slot does completes: it is not preempted with nothing left
/// (the slot-end event and the burst's slice end fall at the same instant, in either order).
@Suite struct SchedulingGangSlotBoundaryTests {
    // Ousterhout's matrix on 2 CPUs, 10 ms slots: A (two threads of 10 ms) in row 0, B (the same) in row 1.
    // Slot 0–10 runs: 10 ms of work each, done at 10. Slot 10–20 runs B: done at 20.
    // Turnarounds 10 and 20; nobody is preempted.
    @Test func aBurstEndingOnTheSlotBoundaryFinishes() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        try sim.defineProgram("w", steps: [.compute(.ms(10))])
        try sim.spawnGang(program: "w", name: "A", node: 0, threads: 2)
        try sim.spawnGang(program: "w", name: "B", node: 0, threads: 2)
        sim.runToIdle()
        #expect(try sim.metrics("A-1").finish == .ms(10))
        #expect(try sim.metrics("A-2").finish == .ms(10))
        #expect(try sim.metrics("B-1").finish == .ms(20))
        #expect(try sim.metrics("A-1").preemptions == 0)
        #expect(sim.gantt().filter { $0.hasPrefix("A-1") } == ["A-1@0 0-10 done"])
    }

    // One CPU, 10 ms slots: A (10 ms) row 0, B (11 ms) row 1. A runs 0–10 and is done; B runs 10–20, its
    // slot ends with 1 ms left, and row 0 is now empty, so the next slot is B's again: 20–21. A 10, B 21
    // (before, A "finished" at 20 with a zero-length slice and the CPU idled 20–30).
    @Test func aRowEmptiedAtTheBoundaryIsSkipped() throws {
        let sim = try scheduledJobs(.gang(quantum: .ms(10)), bursts: [10, 11])
        sim.runToIdle()
        #expect(try sim.turnarounds(["A", "B"]) == [10, 21])
        #expect(try sim.metrics("A").preemptions == 0)
    }

    // One CPU, 1 ms slots, three one-thread jobs of 3 ms in rows 0, 1, 2. Slots rotate A B C A B C A B C:
    // A's third slot is 6–7, B's 7–8, C's 8–9. Finishes 7, 8, 9, each preempted twice (not three times).
    @Test func threeJobsOfWholeSlotsFinishInTurn() throws {
        let sim = try scheduledJobs(.gang(quantum: .ms(1)), bursts: [3, 3, 3])
        sim.runToIdle()
        #expect(try sim.turnarounds(["A", "B", "C"]) == [7, 8, 9])
        #expect(try sim.metrics("B").preemptions == 2)
    }

    // After a sleep: one CPU, 10 ms slots, A and B each `compute 5ms; sleep 100ms; compute 5ms`. A runs 0–5,
    // sleeps to 105; B waits for slot 10–20, runs 10–15, sleeps to 115. Slots tick on the clock: 100–110 is
    // row 0 (rows alternate from 0 at 0), so A runs 105–110 and is done at 110, exactly at the slot end;
    // B is ready at 115 in its slot 110–120 and is done at 120.
    @Test func aBurstAfterASleepEndingOnTheBoundaryFinishes() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        try sim.defineProgram("pa", steps: [.compute(.ms(5)), .sleep(.ms(100)), .compute(.ms(5))])
        try sim.spawn(program: "pa", name: "A", node: 0)
        try sim.spawn(program: "pa", name: "B", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("A").finish == .ms(110))
        #expect(try sim.metrics("B").finish == .ms(120))
    }

    // Round robin has one slice-end event for the quantum and the burst (whichever comes first), so a burst
    // as long as the quantum finishes: A and B of 10 ms, quantum 10, one CPU: A 0–10 done, B 10–20 done.
    @Test func roundRobinBurstEqualToTheQuantumFinishes() throws {
        let sim = try scheduledJobs(.roundRobin(quantum: .ms(10)), bursts: [10, 10])
        sim.runToIdle()
        #expect(try sim.turnarounds(["A", "B"]) == [10, 20])
        #expect(try sim.metrics("A").preemptions == 0)
    }
}
