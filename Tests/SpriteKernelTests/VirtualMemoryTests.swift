import Testing
@testable import SpriteKernel

/// Demand paging through the real pager: spaces, patterns, faults, swap, fork, crash.
@Suite("Memory: virtual memory")
struct VirtualMemoryTests {
    /// One workstation with `frames` 4 KB pages of memory, all of it VM's (the file cache gets none), and a
    /// disk for swap; one process runs `steps` in a space of `data` pages following `pattern`.
    static func paged(frames: Int, data: Int64, pattern: AccessPattern, replacement: ReplacementKind = .clock,
                      touch: SimTime = .ms(1), writes: Double = 0, steps: [ProgramStep],
                      preset: CostPreset = .zero, stack: Int64 = 0,
                      others: [String: [ProgramStep]] = [:]) throws -> Simulation {
        let sim = Simulation(seed: 7, network: NetworkConfig(preset: preset, topology: .switched))
        try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: Int64(frames) * 4096,
                                 disk: .fujitsuEagle))
        var config = VMConfig()
        config.replacement = replacement
        config.backing = .swap
        try sim.configureVM(node: 0, config)
        sim.setMemoryNegotiation(node: 0, .fixed(cacheBytes: 0))
        var space = AddressSpaceSpec(name: "s")
        space.dataBytes = data * 4096
        space.stackBytes = stack * 4096
        space.pattern = pattern
        space.touch = touch
        space.writeShare = writes
        try sim.defineAddressSpace(space)
        for (name, body) in others { try sim.defineProgram(name, steps: body) }
        try sim.defineProgram("p", steps: steps)
        try sim.attachSpace(program: "p", space: "s")
        try sim.spawn(program: "p", name: "p", node: 0)
        return sim
    }

    static func faults(_ sim: Simulation, _ name: String = "p") throws -> ProcessMemoryView {
        let id = try #require(sim.processID(named: name))
        return try #require(sim.processMemory(id))
    }

    static let classic: [Int32] = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]

    /// Belady's string as a trace, one reference a millisecond, through the pager: the counts of
    /// ReplacementTests (derived there by hand): FIFO 9 in 3 frames and 10 in 4; LRU 10 and 8; clock 9 and 10.
    @Test(arguments: [(ReplacementKind.fifo, 3, 9), (.fifo, 4, 10), (.lru, 3, 10), (.lru, 4, 8),
                      (.clock, 3, 9), (.clock, 4, 10)])
    func beladyTrace(kind: ReplacementKind, frames: Int, expected: Int) throws {
        let sim = try Self.paged(frames: frames, data: 6, pattern: .trace(.data, Self.classic), replacement: kind,
                                 steps: [.compute(.ms(12))])
        _ = sim.run()
        #expect(try Self.faults(sim).faults == expected)
    }

    /// A loop one page longer than memory: whatever the policy, the page it needs next is the one it replaced
    /// longest ago (LRU, FIFO) or the one the hand reaches (clock, every bit set): every reference faults.
    /// 9 pages in 8 frames, 90 references (90 ms of work, one a millisecond) → 90 faults.
    @Test(arguments: ReplacementKind.allCases)
    func loopLongerThanMemoryFaultsEveryReference(kind: ReplacementKind) throws {
        let sim = try Self.paged(frames: 8, data: 9, pattern: .loop(.data, pages: 9), replacement: kind,
                                 steps: [.compute(.ms(90))])
        _ = sim.run()
        #expect(try Self.faults(sim).faults == 90)
    }

    /// A burst whose pages are all resident makes no event of its own: after a warm-up burst brings the four
    /// pages in, a 1 s burst (100,000 references) costs exactly the events of the same burst without a space,
    /// under first come first served (one batch) and under round robin (a batch per quantum, ending with it).
    @Test(arguments: [nil, SchedulerKind.roundRobin(quantum: .ms(10))])
    func residentBurstMakesNoEvents(scheduler: SchedulerKind?) throws {
        let steps: [ProgramStep] = [.compute(.ms(1)), .sleep(.s(1)), .compute(.s(1))]
        let paged = try Self.paged(frames: 8, data: 4, pattern: .loop(.data, pages: 4), touch: .us(10),
                                   steps: steps)
        let plain = try makeSimulation(nodes: 1)
        try plain.defineProgram("p", steps: steps)
        try plain.spawn(program: "p", name: "p", node: 0)
        var counts: [Int64] = []
        for sim in [paged, plain] {
            if let scheduler { try sim.setScheduler(scheduler, on: 0) }
            _ = sim.run(until: .ms(1500))
            let before = sim.statistics.eventsProcessed
            _ = sim.run()
            counts.append(sim.statistics.eventsProcessed - before)
        }
        #expect(counts[0] == counts[1])
        #expect(try Self.faults(paged).faults == 4)
    }

    /// Random references over W = 100 pages with R = 50 frames: once memory is full each reference faults
    /// with probability 1 − R/W = 0.5, so 100,000 references fault 50,000 times (the first 50 faults fill
    /// memory and fault for sure: +25 on average), within 1 %; and the same count on every run.
    @Test func randomFaultRate() throws {
        var counts: [Int] = []
        for _ in 0..<2 {
            let sim = try Self.paged(frames: 50, data: 100, pattern: .random(.data, workingSet: nil),
                                     touch: .us(10), steps: [.compute(.s(1))])
            _ = sim.run()
            counts.append(try Self.faults(sim).faults)
        }
        #expect(abs(Double(counts[0]) - 50_000) < 500)
        #expect(counts[0] == counts[1])
    }

    /// A shared fork is a thread in its parent's space: it finds the data its parent brought in (0 faults on
    /// the 8 data pages) and has a stack of its own (2 faults, none in the parent's stack).
    @Test func sharedForkSharesDataNotStack() throws {
        let sim = try Self.paged(frames: 32, data: 8, pattern: .sequential(.data, workingSet: nil),
                                 steps: [.compute(.ms(8)), .fork(program: "thread", shared: true), .sleep(.s(1))],
                                 stack: 2, others: ["thread": [.compute(.ms(8)),
                                                               .pattern(.sequential(.stack, workingSet: nil)),
                                                               .compute(.ms(2))]])
        _ = sim.run()
        let parent = try Self.faults(sim)
        let thread = try Self.faults(sim, "p.1")
        #expect(parent.faults == 8)
        #expect(thread.faults == 2)
        #expect(parent.residentStack == 0)
    }

    /// A crash loses the node's memory: every frame free, the process killed, VM holding no bytes.
    @Test func crashFreesFrames() throws {
        let sim = try Self.paged(frames: 16, data: 8, pattern: .loop(.data, pages: 8),
                                 steps: [.compute(.ms(8)), .sleep(.s(10))])
        _ = sim.run(until: .s(1))
        #expect(sim.memoryView(of: 0)?.dataPages == 8)
        sim.crash(0)
        let view = try #require(sim.memoryView(of: 0))
        #expect(view.dataPages == 0)
        #expect(view.freePages == 16)
        #expect(try sim.metrics("p").killed)
    }

    /// The swap side of Examples/diskless-paging (DESIGN §6.1) without its code page: 1 MB, fixed 50 % →
    /// 128 frames; a loop over 256 written pages, 512 references. Lap 1: 256 zero-fills, pages 0–127 written
    /// out as 128–255 come in; lap 2: each fault writes out a dirty victim and reads its page in: faults 512,
    /// page-ins 256, page-outs 384. Lap 1's page-outs continue along the swap area: 27.777 + 127 × 2.2033 ms;
    /// lap 2's alternate between two places, all random but the first page-out (page 128 follows page 127 on
    /// the swap area): 128 continuing and 1 + 511 random accesses. Traps 512 × 0.1 ms, zero-fills 256 × 0.512
    /// ms, the work 51.2 ms.
    @Test func swapLoopMatchesHandDerivation() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .sprite1988, topology: .switched))
        try sim.addNode(NodeSpec(name: "ws2", role: .workstation, memoryBytes: 1 << 20, disk: .fujitsuEagle))
        var config = VMConfig()
        config.backing = .swap
        try sim.configureVM(node: 0, config)
        var space = AddressSpaceSpec(name: "loop")
        space.dataBytes = 1 << 20
        space.pattern = .loop(.data, pages: 256)
        space.touch = .us(100)
        space.writeShare = 1
        try sim.defineAddressSpace(space)
        try sim.defineProgram("loop", steps: [.compute(.us(51_200))])
        try sim.attachSpace(program: "loop", space: "loop")
        try sim.spawn(program: "loop", name: "loop", node: 0)
        _ = sim.run()
        let view = try Self.faults(sim, "loop")
        #expect(view.faults == 512)
        #expect(view.zeroFills == 256)
        #expect(view.pageIns == 256)
        #expect(view.pageOuts == 384)
        let turnaround = try #require(try sim.metrics("loop").turnaround)
        let continuing = DiskDrive.fujitsuEagle.transferTime(bytes: 4096)
        let random = DiskDrive.fujitsuEagle.positioning + continuing
        let expected = random * 512 + continuing * 128 + .us(100) * 512 + .us(512) * 256 + .us(51_200)
        #expect(turnaround == expected)
    }

    /// For migration: every dirty resident page is written once. A loop over 8 pages in 16 frames, writes
    /// 100 %: 8 dirty pages stay; flushing writes 8 pages to swap; once written they are clean, so a second
    /// flush writes none.
    @Test func flushWritesEachDirtyPageOnce() throws {
        let sim = try Self.paged(frames: 16, data: 8, pattern: .loop(.data, pages: 8), writes: 1,
                                 steps: [.compute(.ms(8)), .sleep(.s(10))])
        _ = sim.run(until: .s(1))
        let id = try #require(sim.processID(named: "p"))
        #expect(sim.flushDirtyPages(of: id) == 8)
        _ = sim.run(until: .s(2))
        #expect(sim.memoryStatistics().swapWrites == 8)
        #expect(sim.flushDirtyPages(of: id) == 0)
    }

    /// A fork copies the pages its parent has in memory (into free frames): the child, touching the same 8
    /// data pages, faults on none of them.
    @Test func forkCopiesResidentPages() throws {
        let sim = try Self.paged(frames: 32, data: 8, pattern: .sequential(.data, workingSet: nil), writes: 1,
                                 steps: [.compute(.ms(8)), .fork(program: "child", shared: false), .sleep(.s(1))],
                                 others: ["child": [.compute(.ms(8))]])
        _ = sim.run()
        #expect(try Self.faults(sim).faults == 8)
        #expect(try Self.faults(sim, "p.1").faults == 0)
    }
}
