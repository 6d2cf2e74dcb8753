import Testing
@testable import SpriteKernel

/// Copying a space to a target whose memory is full: a page that finds no frame there is written to its
/// backing file from the target (a page-out of the process's, counted), never dropped or held without memory.
///
/// n0 serves / (backing files); n1 has 16 MB, n2 only 10 pages of 4 KB, all VM's. The process writes its 16
/// data pages on n1 (0–16ms), sleeps to 216ms, 1216ms and 2216ms, then runs 16ms more over the same 16 pages.
/// Copy freezes it when it wakes at 216ms; pre-copy's one round (all 16 pages, 102.1024–219.5312ms) finds
/// none dirty after it, so it freezes at the next wake, 1216ms. Either is done by 2000ms.
@Suite("Process migration: a target with no free frame")
struct MigrationFullTargetTests {
    private func run(_ strategy: MigrationStrategyKind) throws -> (Simulation, ProcessID) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .bus))
        try sim.addNode(NodeSpec(name: "n0", role: .server))
        try sim.addNode(NodeSpec(name: "n1", role: .workstation))
        try sim.addNode(NodeSpec(name: "n2", role: .workstation, memoryBytes: 10 * 4096))
        let steps: [ProgramStep] = [.compute(.ms(16)), .sleep(.ms(200)), .sleep(.ms(1000)), .sleep(.ms(1000)),
                                    .compute(.ms(16))]
        let p = try spawnPageWriter(sim, steps: steps)
        _ = sim.run(until: .ms(100))
        try sim.migrate(p, to: 2, strategy: strategy)
        _ = sim.run(until: .ms(2000))
        return (sim, p)
    }

    /// The 16 dirty pages arrive (inside the freeze for copy; in pre-copy's round while it sleeps, their
    /// backing copies then older than them: as dirty on n2 as they were on n1):
    /// pages 0–9 take n2's 10 free frames, pages 10–15 find none and are written to the backing file on n0:
    /// 6 page-outs at n2, counted to the process. Then its last 16ms hit pages 0–9 and fault on 10–15: each
    /// a page-in from the backing file (not a zero-fill: nothing was lost) and a dirty victim written out,
    /// so 6 page-ins and 6 page-outs more.
    @Test(arguments: [MigrationStrategyKind.copy, .precopy])
    func pagesWithoutAFrameGoToTheBackingFile(_ strategy: MigrationStrategyKind) throws {
        let (sim, p) = try run(strategy)
        let report = try #require(sim.migrationReports.first)
        #expect(report.state == .done && report.pagesWrittenAtTarget == 6)
        var m = try #require(sim.processMemory(p))
        #expect(m.pageOuts == 6 && m.pageIns == 0 && m.faults == 16)
        #expect(sim.memoryStatistics(node: 2).pageOuts == 6)
        #expect(sim.memoryFigures(node: 2).free == 0)
        sim.runToIdle()
        m = try #require(sim.processMemory(p))
        #expect(m.zeroFills == 16 && m.pageIns == 6 && m.pageOuts == 12 && m.faults == 22)
    }
}
