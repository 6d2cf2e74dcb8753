import Testing
@testable import SpriteKernel

/// Gang scheduling (Ousterhout's matrix) and space sharing, and the message steps the threads exchange.
@Suite struct SchedulingGangTests {
    // Ousterhout's placement on 4 CPUs: jobs of 3, 2, 2 and 1 threads. A takes row 0, columns 0–2; B
    // does not fit in row 0 (one column left) and opens row 1 (columns 0, 1); C fits beside it (2, 3);
    // D takes the last column of row 0.
    @Test func matrixPlacesEachJobInTheFirstRowWithRoom() {
        let matrix = GangMatrix(columns: 4, rotates: true)
        #expect(matrix.place([10, 11, 12]) == [0, 1, 2])
        #expect(matrix.place([20, 21]) == [4, 5])
        #expect(matrix.place([30, 31]) == [6, 7])
        #expect(matrix.place([40]) == [3])
        #expect(matrix.rowCount == 2)
        matrix.nextSlot()
        #expect(matrix.current == 1)
        // Space sharing has one row: a job that does not fit is refused until CPUs free up.
        let space = GangMatrix(columns: 4, rotates: false)
        #expect(space.place([1, 2, 3]) != nil)
        #expect(space.place([4, 5]) == nil)
    }

    // A coordinated matrix over two nodes of two CPUs: columns 0–1 are n0's, 2–3 n1's. Job A (one thread
    // on each node) takes row 0, columns 0 and 2. Job B, three threads on n0: row 0 has one free column of
    // n0, too few for two, so B takes row 1 (columns 4, 5) and, wider than n0, row 2 (column 8).
    @Test func coordinatedMatrixPlacesEachThreadOnItsOwnNode() {
        let matrix = GangMatrix(members: [(slot: 0, cpus: 2), (slot: 1, cpus: 2)], rotates: true)
        #expect(matrix.columns(of: 1) == 2..<4)
        #expect(matrix.place([1, 2], within: [0..<2, 2..<4]) == [0, 2])
        #expect(matrix.place([3, 4, 5], within: [0..<2, 0..<2, 0..<2]) == [4, 5, 8])
        matrix.remove(slot: 1)
        #expect(matrix.occupant(cell: 2) == -1)
        #expect(matrix.occupant(cell: 0) == 1)
    }

    /// Two CPUs: a parallel job J of two threads that exchange messages five times
    /// (`repeat 5 { compute 1ms; signal c; wait c }`), then two hogs of 100 ms. No message cost.
    private func exchange(_ kind: SchedulerKind) throws -> Simulation {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setScheduler(kind, on: 0)
        try sim.defineProgram("pair", steps: [.repeat(5, [.compute(.ms(1)), .signal("c"), .wait("c")])])
        try sim.defineProgram("hog", steps: [.compute(.ms(100))])
        try sim.spawnGang(program: "pair", name: "J", node: 0, threads: 2)
        try sim.spawn(program: "hog", name: "H1", node: 0)
        try sim.spawn(program: "hog", name: "H2", node: 0)
        sim.runToIdle()
        return sim
    }

    // Gang, quantum 10: row 0 holds J-1 and J-2, row 1 the hogs. In slot 0 both threads compute 1 ms,
    // exchange at once, five times: J ends at 5. The CPUs idle to the slot's end at 10 (a thread
    // that is done leaves its column empty), then the hogs run 10–110.
    @Test func gangThreadsExchangeAtMessageSpeed() throws {
        let sim = try exchange(.gang(quantum: .ms(10)))
        #expect(try sim.metrics("J-1").finish == .ms(5))
        #expect(try sim.metrics("J-2").finish == .ms(5))
        #expect(try sim.metrics("H1").finish == .ms(110))
    }

    // Round robin, quantum 10: a thread that waits for its partner's message gives its CPU to a hog,
    // which keeps it a whole quantum. At 0 J-1, J-2 take CPUs 0, 1. At 1 J-1 signals and blocks; J-2
    // finds its message, computes 1-2, signals and blocks: H1 runs 1-11 on CPU 0, H2 2-12 on CPU 1.
    // At 11 J-1 (ready since 1) takes CPU 0 back: two rounds 11-13 (J-2's message of 2 waits), blocks.
    // At 12 H1 (queued at 11) is ahead of J-2 (woken at 12): CPU 1, 12-22. At 13 J-2 takes CPU 0:
    // two rounds 13-15; H2 15-25. At 22 J-1 takes CPU 1: its last two rounds 22-24, then waits for
    // J-2's last message; H1 runs on. At 25 J-2 takes CPU 0: its last round 25-26, and both are done
    // at 26 ms, where gang scheduling takes 5: two exchanges per quantum of a hog.
    @Test func timeSharedThreadsWaitAQuantumPerExchange() throws {
        let sim = try exchange(.roundRobin(quantum: .ms(10)))
        #expect(try sim.metrics("J-1").finish == .ms(26))
        #expect(try sim.metrics("J-2").finish == .ms(26))
    }

    // Space sharing: J takes both CPUs to its end at 5; the hogs wait for a CPU each, then run 5–105.
    @Test func spaceSharingGivesTheJobItsPartition() throws {
        let sim = try exchange(.spaceSharing)
        #expect(try sim.metrics("J-2").finish == .ms(5))
        #expect(try sim.metrics("H1").finish == .ms(105))
        #expect(try sim.metrics("H2").finish == .ms(105))
    }

    // A CPU that the next row leaves idle ends its thread's slice at the slot's end. Two CPUs, 10 ms
    // slots: W (two threads of 20 ms) takes row 0, S (one thread of 10 ms) row 1, column 0. Slot 0–10:
    // W-1 and W-2 run; 10–20: S on CPU 0, CPU 1 idle (row 1 has no thread there); 20–30: W again, done
    // at 30. W-2 ran 0–10 and 20–30 on CPU 1, two slices, preempted once, not one slice 0–30.
    @Test func anIdleColumnEndsItsThreadsSliceAtTheSlotEnd() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        try sim.defineProgram("wide", steps: [.compute(.ms(20))])
        try sim.defineProgram("narrow", steps: [.compute(.ms(10))])
        try sim.spawnGang(program: "wide", name: "W", node: 0, threads: 2)
        try sim.spawn(program: "narrow", name: "S", node: 0)
        sim.runToIdle()
        #expect(sim.gantt().filter { $0.hasPrefix("W-2") } == ["W-2@1 0-10 quantum", "W-2@1 20-30 done"])
        #expect(sim.gantt().filter { $0.hasPrefix("S") } == ["S@0 10-20 done"])
        #expect(try sim.metrics("W-2").preemptions == 1)
        #expect(try sim.metrics("W-2").finish == .ms(30))
        #expect(try sim.metrics("W-2").waitTime == .ms(10))
    }

    /// One CPU, 10 ms slots: A (`repeat 2 { compute 2ms; sleep 3ms }`) takes row 0, B (10 ms) row 1.
    private func sleeperAndHog(alternates: Bool) throws -> Simulation {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        try sim.setScheduler(.gang(quantum: .ms(10), alternates: alternates), on: 0)
        try sim.defineProgram("sleeper", steps: [.repeat(2, [.compute(.ms(2)), .sleep(.ms(3))])])
        try sim.defineProgram("hog", steps: [.compute(.ms(10))])
        try sim.spawn(program: "sleeper", name: "A", node: 0)
        try sim.spawn(program: "hog", name: "B", node: 0)
        sim.runToIdle()
        return sim
    }

    // Without alternates the CPU idles while A sleeps (2–5, 7–10): B runs only in its own slot, 10–20.
    // With them (Ousterhout's alternate selection) B runs whenever A's row leaves the CPU idle: 2–5,
    // until A wakes and takes its CPU back at once (B preempted), and 7–10; its own slot then needs
    // only the 4 ms left: 10–14. A computes 0–2 and 5–7 either way and ends when its last sleep does, at 10.
    @Test func alternatesRunWhileTheSlotsThreadIsBlocked() throws {
        let plain = try sleeperAndHog(alternates: false)
        #expect(try plain.metrics("B").finish == .ms(20))
        #expect(try plain.metrics("A").finish == .ms(10))
        let sim = try sleeperAndHog(alternates: true)
        #expect(sim.gantt() == ["A@0 0-2 blocked", "B@0 2-5 preempted", "A@0 5-7 blocked", "B@0 7-14 done"])
        #expect(try sim.metrics("A").finish == .ms(10))
        #expect(try sim.metrics("B").finish == .ms(14))
        #expect(try sim.metrics("B").preemptions == 1)
    }

    // The row's thread wakes at the very instant the alternate's burst ends: the alternate must not go on
    // into its next burst. One CPU: A (`compute 2ms; sleep 3ms; compute 2ms`) in row 0, B (`compute 3ms;
    // compute 5ms`) in row 1. B runs 2–5 as an alternate; at 5 A wakes and B's first burst ends: A runs
    // 5–7 (done), B goes on 7–10 and, in its own slot, 10–12.
    @Test func anAlternateYieldsAtTheEndOfItsBurst() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        try sim.setScheduler(.gang(quantum: .ms(10), alternates: true), on: 0)
        try sim.defineProgram("sleeper", steps: [.compute(.ms(2)), .sleep(.ms(3)), .compute(.ms(2))])
        try sim.defineProgram("bursts", steps: [.compute(.ms(3)), .compute(.ms(5))])
        try sim.spawn(program: "sleeper", name: "A", node: 0)
        try sim.spawn(program: "bursts", name: "B", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("A").finish == .ms(7))
        #expect(try sim.metrics("B").finish == .ms(12))
    }

    // An empty cell of the current row: two CPUs, W (two threads of 20 ms) in row 0, S (10 ms) in row 1,
    // column 0. Slot 10–20 runs S on CPU 0 and, with alternates, W-2 (row 0, column 1) on CPU 1: W-2 has
    // its 20 ms by 20 instead of 30. W-1 still waits for its row: 0–10 and 20–30.
    @Test func alternatesFillEmptyCellsOfTheSlot() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setScheduler(.gang(quantum: .ms(10), alternates: true), on: 0)
        try sim.defineProgram("wide", steps: [.compute(.ms(20))])
        try sim.defineProgram("narrow", steps: [.compute(.ms(10))])
        try sim.spawnGang(program: "wide", name: "W", node: 0, threads: 2)
        try sim.spawn(program: "narrow", name: "S", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("W-2").finish == .ms(20))
        #expect(try sim.metrics("W-1").finish == .ms(30))
        #expect(try sim.metrics("S").finish == .ms(20))
    }

    // While every thread is blocked no slot event ticks (two threads blocked for good would tick for ever);
    // the first to wake makes up the switches missed, so the rows are where a clock that never stopped would
    // have them. One CPU: A (`compute 1ms; sleep 34ms; compute 1ms`) in row 0, B (sleeping 50 ms) in row 1.
    // A runs 0–1, B 10–11. From 20 nobody is ready; A wakes at 35: the switches at 20 (row 0) and 30 (row 1)
    // are made up, so A waits for row 0 at 40 and is done at 41. B wakes at 51 (its row's turn after A's
    // has emptied at 41) and is done at 52, when the run ends.
    @Test func slotsAsleepMakeUpTheSwitchesTheyMissed() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        try sim.defineProgram("a", steps: [.compute(.ms(1)), .sleep(.ms(34)), .compute(.ms(1))])
        try sim.defineProgram("b", steps: [.compute(.ms(1)), .sleep(.ms(40)), .compute(.ms(1))])
        try sim.spawn(program: "a", name: "A", node: 0)
        try sim.spawn(program: "b", name: "B", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("A").finish == .ms(41))
        #expect(try sim.metrics("B").finish == .ms(52))
        #expect(sim.now == .ms(52))
    }

    // Two threads that never wake: the run ends when they block, not at the end of time.
    @Test func threadsBlockedForGoodStopTheSlots() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        try sim.defineProgram("w", steps: [.compute(.ms(1)), .receive])
        try sim.spawn(program: "w", name: "X", node: 0)
        try sim.spawn(program: "w", name: "Y", node: 0)
        sim.runToIdle()
        #expect(sim.now == .ms(11))
    }

    // A slot end left over from a gang scheduler that was replaced does not move the clock: X runs 0–1 in
    // row 0, Y waits for row 1 at 10; at 2 the node turns to fcfs and Y runs 2–3. The run ends at 3, not 10.
    @Test func aReplacedGangLeavesNoSlotEndBehind() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        try sim.defineProgram("w", steps: [.compute(.ms(1))])
        try sim.spawn(program: "w", name: "X", node: 0)
        try sim.spawn(program: "w", name: "Y", node: 0)
        _ = sim.run(until: .ms(2))
        try sim.setScheduler(.fcfs, on: 0)
        sim.runToIdle()
        #expect(try sim.metrics("Y").finish == .ms(3))
        #expect(sim.now == .ms(3))
    }

    // Coordinated across nodes: slots end on multiples of the quantum on the global clock, so a node whose
    // jobs arrive at 3 ms still switches at 10, 20, … like a node that started at 0. On n1, A1 (30 ms) takes
    // row 0 and B1 row 1: A1 runs 3–10, B1 10–20, A1 20–30, B1 30–40, A1 40–50, B1 50–60 (done: 30 ms),
    // and A1 its last 3 ms 60–63.
    @Test func slotsFollowTheGlobalClock() throws {
        let sim = try makeSimulation(nodes: 2, cpus: 1)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 1)
        try sim.defineProgram("work", steps: [.compute(.ms(30))])
        try sim.spawn(program: "work", name: "A0", node: 0)
        try sim.spawn(program: "work", name: "B0", node: 0)
        try sim.spawn(program: "work", name: "A1", node: 1, at: .ms(3))
        try sim.spawn(program: "work", name: "B1", node: 1, at: .ms(3))
        sim.runToIdle()
        #expect(try sim.metrics("B0").firstRun == .ms(10))
        #expect(try sim.metrics("B1").firstRun == .ms(10))
        let starts = { (node: Int) in sim.timeline(node: node).map(\.start.nanoseconds) }
        #expect(starts(1).dropFirst().allSatisfy { $0 % 10_000_000 == 0 })
        #expect(try sim.metrics("B1").finish == .ms(60))
        #expect(try sim.metrics("A1").finish == .ms(63))
    }

    // A message is on its way for the local message cost: with the 1987 preset's local cost L, one
    // exchange takes 1 ms + L, five of them 5·(1 ms + L).
    @Test func messagesArriveAfterTheLocalCost() throws {
        let sim = try makeSimulation(nodes: 1, preset: .sprite1988, cpus: 2)
        let local = sim.network.config.cost.localMessageCost
        try sim.setScheduler(.gang(quantum: .ms(100)), on: 0)
        try sim.defineProgram("pair", steps: [.repeat(5, [.compute(.ms(1)), .signal("c"), .wait("c")])])
        try sim.spawnGang(program: "pair", name: "J", node: 0, threads: 2)
        sim.runToIdle()
        #expect(try sim.metrics("J-1").finish == (.ms(1) + local) * 5)
    }
}
