import Testing
@testable import SpriteKernel

/// A gang slot switch leaves no slice-end event pending until the end of the burst it cut: a burst is
/// planned to its slot's end, and planned again when its thread keeps the CPU. Schedules are unchanged.
@Suite struct SchedulingGangSliceEndTests {
    // One CPU, 1 ms slots, A and B of 1 s each in rows 0 and 1. At 100.5 ms, 100 slot switches have been
    // made and B runs slot 100–101 (rows alternate from A at 0). Pending: B's slice end at 101 and the slot
    // end at 101, nothing else (before, each switch left its slice end pending to the burst's end: about 100).
    // A runs the even slots, its 1000th is 1998–1999: done at 1999; B's 1000th is 1999–2000.
    @Test func slotSwitchesLeaveNoSliceEndsBehind() throws {
        let sim = try scheduledJobs(.gang(quantum: .ms(1)), bursts: [1000, 1000])
        _ = sim.run(until: .us(100_500))
        #expect(sim.pendingEventCount == 2)
        sim.runToIdle()
        #expect(try sim.metrics("A").finish == .ms(1999))
        #expect(try sim.metrics("B").finish == .ms(2000))
        #expect(try sim.metrics("A").preemptions == 999)
    }

    // A coordinated matrix over two nodes of 2 CPUs, 1 µs slots: J (4 threads, 1 ms) in row 0, K (3 threads,
    // 1 ms) in row 1. At 100.5 µs slot 100 is row 0: J's 4 threads run, 4 slice ends at 101 µs and the slot
    // end, 5 events. J runs the even slots and is done at 1999 µs, K at 2000 µs.
    @Test func coordinatedSlotsLeaveNoSliceEndsBehind() throws {
        let sim = try makeSimulation(nodes: 2, cpus: 2)
        try sim.setScheduler(.gang(quantum: .us(1)), coordinating: [0, 1])
        try sim.defineProgram("w", steps: [.compute(.ms(1))])
        try sim.spawnGang(program: "w", name: "J", nodes: [0, 1], threads: 4)
        try sim.spawnGang(program: "w", name: "K", nodes: [0, 1], threads: 3)
        _ = sim.run(until: .ns(100_500))
        #expect(sim.pendingEventCount == 5)
        sim.runToIdle()
        #expect(try sim.metrics("J-4").finish == .us(1999))
        #expect(try sim.metrics("K-3").finish == .us(2000))
    }

    // One CPU, 10 ms slots: A (100 ms) in row 0, B (5 ms) in row 1. A runs 0–10; B runs 10–15 and is done;
    // its row, the current one, is then empty and the CPU idles to the slot's end at 20. From 20 A is alone
    // and no slot switches: its slice is planned to its burst's end, 20 + 90 = 110, one event pending at 50.
    @Test func aThreadLeftAloneIsPlannedToItsBurstsEnd() throws {
        let sim = try scheduledJobs(.gang(quantum: .ms(10)), bursts: [100, 5])
        _ = sim.run(until: .ms(50))
        #expect(sim.pendingEventCount == 1)
        sim.runToIdle()
        #expect(try sim.turnarounds(["A", "B"]) == [110, 15])
        #expect(sim.gantt() == ["A@0 0-10 quantum", "B@0 10-15 done", "A@0 20-110 done"])
    }

    // Alternates keep a CPU's thread across slot ends: 2 CPUs, 10 ms slots, J (2 threads of 30 ms) in row 0,
    // S (1 thread of 100 ms) in row 1. In row 1 the second CPU runs J-2 as an alternate. J-1 runs 0–10,
    // 20–30, 40–50: done at 50; J-2 runs 0–30 without a break (its own row, then as alternate, then its
    // row again): done at 30. S runs 10–20, 30–40, then alone from 50 to 50 + 80 = 130.
    @Test func alternatesKeepingTheirCPUFinishOnTime() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setScheduler(.gang(quantum: .ms(10), alternates: true), on: 0)
        try sim.defineProgram("j", steps: [.compute(.ms(30))])
        try sim.defineProgram("s", steps: [.compute(.ms(100))])
        try sim.spawnGang(program: "j", name: "J", node: 0, threads: 2)
        try sim.spawn(program: "s", name: "S", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("J-1").finish == .ms(50))
        #expect(try sim.metrics("J-2").finish == .ms(30))
        #expect(try sim.metrics("S").finish == .ms(130))
        #expect(sim.pendingEventCount == 0)
    }
}
