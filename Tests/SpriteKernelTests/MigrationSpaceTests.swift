import Testing
@testable import SpriteKernel

/// Migrating a process with an address space: the strategies' pages, counted by hand.
///
/// n0 serves / (the backing files in /swap); n1 and n2 are workstations, VM holding all of their memory.
/// The process's space is 16 data pages of 4 KB, one reference a millisecond, every one a write, looping
/// over the 16 pages: its first 16 ms zero-fill all 16 (16 faults, 16 dirty pages), then it sleeps with
/// its space alive (migrated at 100 ms, frozen when it wakes at 216 ms), then runs 16 ms more over the same
/// 16 pages and sleeps a second with its space alive (its frames counted at 1 s).
@Suite("Process migration: address spaces")
struct MigrationSpaceTests {
    static let pages: Int64 = 16

    private func cluster() throws -> (Simulation, ProcessID) {
        let sim = try makeSimulation(nodes: 3, preset: .zero, topology: .bus)
        let steps: [ProgramStep] = [.compute(.ms(16)), .sleep(.ms(200)), .compute(.ms(16)), .sleep(.ms(1000))]
        let p = try spawnPageWriter(sim, steps: steps, pages: Self.pages)
        _ = sim.run(until: .ms(100))
        return (sim, p)
    }

    private func memory(_ sim: Simulation, _ p: ProcessID) throws -> ProcessMemoryView {
        try #require(sim.processMemory(p))
    }

    /// Flush: the 16 dirty pages are written to their backing file (16 page-outs, 64 KB reported moved by
    /// the phase) before the unfreeze; on n2 the second 16 ms faults every page back from that file: 16
    /// page-ins, none zero-filled again. 32 faults in all; the source's 16 frames are free again.
    @Test func flushWritesDirtyPagesAndTheTargetPagesThemIn() throws {
        let (sim, p) = try cluster()
        #expect(try memory(sim, p).faults == 16)
        try sim.migrate(p, to: 2, strategy: .flush)
        _ = sim.run(until: .ms(1000))
        let report = try #require(sim.migrationReports.first)
        #expect(report.state == .done)
        #expect(report.phases.map(\.phase) == [.select, .state, .flushPages, .release])
        let flush = try #require(report.phases.first { $0.phase == .flushPages })
        #expect(flush.bytes == 64 + 16 * 4096)
        #expect(flush.peer == 0)
        let m = try memory(sim, p)
        #expect(m.pageOuts == 16 && m.pageIns == 16 && m.zeroFills == 16 && m.faults == 32)
        #expect(sim.memoryStatistics(node: 2).pageIns == 16)
        let total = sim.memoryFigures(node: 1).total
        #expect(sim.memoryFigures(node: 1).free == total)
        #expect(sim.memoryFigures(node: 2).free == total - 16 * 4096)
    }

    /// Freeze and copy: the 16 resident pages travel inside the freeze (one 64 KB RPC to n2) and are
    /// resident there: no page-out, and the second 16 ms faults nothing (16 faults in all, the zero-fills).
    @Test func copyMovesResidentPagesInsideTheFreeze() throws {
        let (sim, p) = try cluster()
        try sim.migrate(p, to: 2, strategy: .copy)
        _ = sim.run(until: .ms(1000))
        let report = try #require(sim.migrationReports.first)
        #expect(report.phases.map(\.phase) == [.select, .state, .copyPages, .release])
        let copy = try #require(report.phases.first { $0.phase == .copyPages })
        #expect(copy.bytes == 16 * 4096 && copy.peer == 2)
        let m = try memory(sim, p)
        #expect(m.pageOuts == 0 && m.pageIns == 0 && m.faults == 16)
        let total = sim.memoryFigures(node: 1).total
        #expect(sim.memoryFigures(node: 2).free == total - 16 * 4096)
        #expect(sim.memoryFigures(node: 1).free == total)
    }

    /// A migrated process computes what a local one does: the same CPU, the same 16 pages written; what it
    /// wrote before the move is read back (paged in) after it, never zero-filled again.
    @Test func aMigratedSpaceComputesAsALocalOne() throws {
        let (local, l) = try cluster()
        local.runToIdle()
        let (moved, m) = try cluster()
        try moved.migrate(m, to: 2)
        moved.runToIdle()
        let (lm, mm) = (try local.metrics("p"), try moved.metrics("p"))
        #expect(lm.cpuTime == mm.cpuTime)
        // Local: 16 zero-fills and the pages stay (1 MB holds them): 16 faults. Moved: 16 more page-ins.
        #expect(try memory(local, l).faults == 16)
        let (localMemory, movedMemory) = (try memory(local, l), try memory(moved, m))
        #expect(movedMemory.zeroFills == localMemory.zeroFills)
        #expect(movedMemory.pageIns == 16 && localMemory.pageIns == 0)
    }
}
