import Testing
import SpriteKernel

/// Memory interconnects: a burst of length d with memory share m takes d·(1−m) + d·m·s, s the slowdown.
@Suite struct SchedulingInterconnectTests {
    /// `count` CPUs, one worker each computing `ms` ms with memory share `share`, all at time 0.
    private func workers(_ count: Int, cpus: Int, interconnect: InterconnectKind?, ms: Int64 = 10,
                         share: Double = 0.5) throws -> Simulation {
        let sim = try makeSimulation(nodes: 1, cpus: cpus)
        try sim.setMultiprocessor(MultiprocessorOptions(interconnect: interconnect), on: 0)
        try sim.defineProgram("worker", steps: [.compute(.ms(ms), memoryShare: share)])
        for index in 0..<count { try sim.spawn(program: "worker", name: "w\(index)", node: 0) }
        sim.runToIdle()
        return sim
    }

    // Bus of capacity C = 1, m = 0.5. N CPUs slowed by s put N·0.5/(0.5 + 0.5·s) on the bus.
    // N = 2: 1.0, not above C: s = 1, 10 ms. N = 4: 2/(0.5+0.5s) = 1 → s = 3 → 10·(0.5 + 1.5) = 20 ms.
    // N = 8: 4/(0.5+0.5s) = 1 → s = 7 → 40 ms. Speedup 2·10/10 = 2, 4·10/20 = 2, 8·10/40 = 2: flat at C/m.
    @Test func busSaturates() throws {
        #expect(try workers(2, cpus: 2, interconnect: .bus()).metrics("w1").finish == .ms(10))
        #expect(try workers(4, cpus: 4, interconnect: .bus()).metrics("w3").finish == .ms(20))
        #expect(try workers(8, cpus: 8, interconnect: .bus()).metrics("w7").finish == .ms(40))
    }

    // The fluid: A computes 10 ms, B 5 ms, both all memory (m = 1) on a bus of capacity 1. Together:
    // 1/s + 1/s = 1 → s = 2, rate 1/2 each. B's 5 ms of work ends at 10; A has done 5 of its 10 and,
    // alone (load 1, not above 1), runs at rate 1: ends at 15.
    @Test func busRateChangesWhenACPUStops() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setMultiprocessor(MultiprocessorOptions(interconnect: .bus()), on: 0)
        try sim.defineProgram("long", steps: [.compute(.ms(10), memoryShare: 1)])
        try sim.defineProgram("short", steps: [.compute(.ms(5), memoryShare: 1)])
        try sim.spawn(program: "long", name: "A", node: 0)
        try sim.spawn(program: "short", name: "B", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("B").finish == .ms(10))
        #expect(try sim.metrics("A").finish == .ms(15))
    }

    // A crossbar never slows: 8 workers in 10 ms; 8² = 64 crosspoints. No interconnect: as before, 10 ms.
    @Test func crossbarHasNoContention() throws {
        #expect(try workers(8, cpus: 8, interconnect: .crossbar).metrics("w7").finish == .ms(10))
        #expect(try workers(8, cpus: 8, interconnect: nil).metrics("w7").finish == .ms(10))
        #expect(InterconnectKind.crossbar.hardware(cpus: 8).count == 64)
    }

    // Omega, N = 4 (2 stages), every CPU m = 0.5: p0 = 0.5; p1 = 1 − 0.75² = 0.4375;
    // p2 = 1 − (1 − 0.21875)² = 0.3896484375; P_A = 0.779296875; s = 1/P_A = 1.28320802.
    // A burst takes 10·(0.5 + 0.5·1.28320802) = 11.4160401 ms. Switches for 8 CPUs: 3 stages × 4 = 12.
    @Test func omegaFollowsPatel() throws {
        let finish = try #require(try workers(4, cpus: 4, interconnect: .omega).metrics("w3").finish)
        #expect(finish.nanoseconds / 1_000 == 11_416)
        #expect(InterconnectKind.omega.hardware(cpus: 8).count == 12)
        // One CPU alone, m = 0.5 of 4 inputs: p0 = 0.125, p1 = 0.12109375, p2 = 0.117424..., s = 1.06451...
        let alone = try #require(try workers(1, cpus: 4, interconnect: .omega).metrics("w0").finish)
        #expect(alone > .ms(10) && alone < finish)
    }

    // Omega with 3 CPUs: the network is built for 4 ports (2 stages, 4 switches), the fourth port idle.
    // Each CPU m = 1: p0 = 3/4 = 0.75 (per port, not per CPU); p1 = 1 − (1 − 0.375)² = 0.609375;
    // p2 = 1 − (1 − 0.3046875)² = 0.51654052734375; s = 0.75/p2 = 1.45196739; 10 ms → 14.5197 ms,
    // exactly what 3 busy CPUs of a 4-CPU node take. 6 CPUs: 8 ports, 3 stages × 4 = 12 switches.
    @Test func omegaWithSpareInputsIsTheNextPowerOfTwo() throws {
        let three = try #require(try workers(3, cpus: 3, interconnect: .omega, share: 1).metrics("w2").finish)
        #expect(three.nanoseconds / 1_000 == 14_519)
        let ofFour = try #require(try workers(3, cpus: 4, interconnect: .omega, share: 1).metrics("w2").finish)
        #expect(three == ofFour)
        #expect(InterconnectKind.omega.hardware(cpus: 6).count == 12)
        #expect(InterconnectKind.omega.hardware(cpus: 3).count == 4)
    }

    // NUMA, 2 CPUs in 2 cells, remote 3x. X runs 1 ms on CPU 0 (its memory goes to cell 0) and sleeps
    // 1–2; Z arrives at 1 and takes CPU 0 for 20 ms; Y leaves CPU 1 at 1.5. X wakes at 2 and runs on
    // CPU 1, remote: 10·(0.5 + 0.5·3) = 20 ms, ending at 22 (10 ms later than on its own cell).
    @Test func numaRemoteAccessesCostTheRatio() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setMultiprocessor(MultiprocessorOptions(interconnect: .numa(cells: 2, remoteFactor: 3)), on: 0)
        try sim.defineProgram("x", steps: [.compute(.ms(1)), .sleep(.ms(1)), .compute(.ms(10), memoryShare: 0.5)])
        try sim.defineProgram("y", steps: [.compute(.us(1_500))])
        try sim.defineProgram("z", steps: [.compute(.ms(20))])
        try sim.spawn(program: "x", name: "X", node: 0)
        try sim.spawn(program: "y", name: "Y", node: 0)
        try sim.spawn(program: "z", name: "Z", node: 0, at: .ms(1))
        sim.runToIdle()
        #expect(sim.gantt().contains("X@1 2-22 done"))
        #expect(try sim.metrics("X").finish == .ms(22))
    }

    @Test func badInterconnectsAreRefused() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 4)
        #expect(throws: KernelError.self) {
            try sim.setMultiprocessor(MultiprocessorOptions(interconnect: .numa(cells: 3, remoteFactor: 2)), on: 0)
        }
        #expect(throws: KernelError.self) {
            try sim.setMultiprocessor(MultiprocessorOptions(interconnect: .bus(capacity: 0)), on: 0)
        }
    }
}
