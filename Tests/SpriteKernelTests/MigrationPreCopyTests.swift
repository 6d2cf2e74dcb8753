import Testing
@testable import SpriteKernel

/// Pre-copy, counted by hand: rounds while the process runs, each one RPC with the pages dirty at its start,
/// then a freeze that copies what is left.
///
/// n0 serves / (backing files); n1 and n2 hold 16-page data spaces in VM. Costs are MigrationTests.costs on
/// the zero-overhead bus: an RPC of R request bytes served for S takes 0.5ms + 0.8us·R + S + 0.5ms, and a
/// round of P pages is R = 4096·P bytes served for 1ms a KB, 4·P ms. So:
///   16 pages: 0.5 + 52.4288 + 64 + 0.5 = 117.4288ms;   3 pages: 0.5 + 9.8304 + 12 + 0.5 = 22.8304ms.
/// select (64B each way, 1ms served) 2.1024ms; state (4096B, 10ms served) 14.2768ms.
/// A burst's writes dirty their pages when the burst is planned (at its start): a 4ms burst over a loop of 16
/// pages, one touch a millisecond, dirties the next 4 pages of the loop. The first 16ms zero-fill the 16 pages,
/// each 4ns of CPU (a page copied at the zero preset's local rate): everything after is 64ns later.
@Suite("Process migration: pre-copy")
struct MigrationPreCopyTests {
    static let round16: SimTime = .ns(117_428_800)
    static let round3: SimTime = .ns(22_830_400)
    static let select: SimTime = .ns(2_102_400)
    static let state: SimTime = .ns(14_276_800)
    static let zeroFills: SimTime = .ns(64)

    private func cluster(_ steps: [ProgramStep], costs: MigrationCosts = MigrationTests.costs) throws
        -> (Simulation, ProcessID) {
        let sim = try makeSimulation(nodes: 3, preset: .zero, topology: .bus)
        let p = try spawnPageWriter(sim, steps: steps, costs: costs)
        _ = sim.run(until: .ms(22))
        try sim.migrate(p, to: 2, strategy: .precopy)
        sim.runToIdle()
        return (sim, p)
    }

    /// It writes its 16 pages (0–16ms) and sleeps to 1016ms. select 22 → 24.1024ms; round 1 carries the 16
    /// dirty pages (more than the 4 it stops at) → 141.5312ms; none is dirty since, so it is to be frozen: it
    /// sleeps, so it freezes when it wakes (1016ms). The freeze moves the state only: 14.2768ms.
    @Test func oneRoundThenAFreezeOfTheStateAlone() throws {
        let (sim, p) = try cluster([.compute(.ms(16)), .sleep(.ms(1000)), .compute(.ms(16))])
        let report = try #require(sim.migrationReports.first)
        #expect(report.state == .done)
        #expect(report.phases.map(\.phase) == [.select, .precopyRound, .state, .release])
        #expect(report.precopyRounds == 1 && report.precopiedBytes == 16 * 4096)
        #expect(report.time(of: .precopyRound) == Self.round16)
        #expect(report.frozenAt == .ms(1016) + Self.zeroFills)
        #expect(report.freezeTime == Self.state)
        // The pages went to n2 in the round: its last 16ms there faults on none.
        let m = try #require(sim.processMemory(p))
        #expect(m.faults == 16 && m.pageIns == 0 && m.pageOuts == 0)
    }

    /// As above, but it wakes at 100ms and writes pages 0–2 (a 3ms burst), then sleeps to 1103ms. Round 1
    /// (16 pages) ends at 141.5312ms with those 3 dirty: 3 ≤ 4, so no second round; it freezes at its wake
    /// (1103ms) and the freeze copies the 3 pages: 14.2768 + 22.8304 = 37.1072ms.
    @Test func aSmallDirtySetGoesInTheShortFreeze() throws {
        let (sim, p) = try cluster([.compute(.ms(16)), .sleep(.ms(84)), .compute(.ms(3)), .sleep(.ms(1000)),
                                    .compute(.ms(16))])
        let report = try #require(sim.migrationReports.first)
        #expect(report.phases.map(\.phase) == [.select, .precopyRound, .state, .copyPages, .release])
        #expect(report.precopyRounds == 1)
        let copy = try #require(report.phases.first { $0.phase == .copyPages })
        #expect(copy.bytes == 3 * 4096 && copy.elapsed == Self.round3)
        #expect(report.frozenAt == .ms(1103) + Self.zeroFills)
        #expect(report.freezeTime == Self.state + Self.round3)
        #expect(report.bytes == 128 + 16 * 4096 + 4096 + 3 * 4096 + 128)
        let m = try #require(sim.processMemory(p))
        #expect(m.faults == 16 && m.pageIns == 0)
    }

    /// A process that keeps writing: after its first 16ms it sleeps 4ms and writes 4 pages (a 4ms burst) in
    /// turn, so its bursts start at 20 + 8k ms and any 32ms dirty all 16 pages again. Every round (117.4288ms)
    /// finds 16 pages dirty: rounds at 24.1024, 141.5312, 258.96 and 376.3888ms, the 4th ending at
    /// 493.8176ms. The rounds are used up: it is in its burst of 492–496ms, so it freezes at once, with the 16
    /// pages written during round 4 still to copy: 14.2768 + 117.4288 = 131.7056ms frozen.
    @Test func aProcessThatKeepsWritingUsesUpItsRounds() throws {
        let steps = [ProgramStep.compute(.ms(16))] + Array(repeating: [.sleep(.ms(4)), .compute(.ms(4))], count: 100)
            .flatMap { $0 }
        let (sim, _) = try cluster(steps)
        let report = try #require(sim.migrationReports.first)
        #expect(report.phases.map(\.phase)
                == [.select] + Array(repeating: .precopyRound, count: 4) + [.state, .copyPages, .release])
        #expect(report.precopyRounds == 4 && report.precopiedBytes == 4 * 16 * 4096)
        #expect(report.phases.filter { $0.phase == .precopyRound }.allSatisfy { $0.elapsed == Self.round16 })
        #expect(report.frozenAt == .ms(22) + Self.select + Self.round16 * 4)
        #expect(report.freezeTime == Self.state + Self.round16)
    }

    /// The same writing in one long burst: the batch planned at 16ms marks all 16 pages at once, ahead of
    /// the work, and plans nothing more. Each round's end counts the pages written since the round took the
    /// dirty set: 117.4288ms of work at one touch a millisecond is 117 references, more than a lap of the loop,
    /// so all 16 pages are dirty again. Rounds at 24.1024, 141.5312, 258.96 and 376.3888ms; the 4th ends at
    /// 493.8176ms, mid-burst, so it freezes at once with 16 pages to copy: 131.7056ms frozen, as with the
    /// 4ms bursts above. (Without the count: one round, then a freeze of the state alone, 14.2768ms.)
    @Test func oneLongBurstRedirtiesAsManyShortOnesDo() throws {
        let (sim, _) = try cluster([.compute(.ms(1000))])
        let report = try #require(sim.migrationReports.first)
        #expect(report.phases.map(\.phase)
                == [.select] + Array(repeating: .precopyRound, count: 4) + [.state, .copyPages, .release])
        #expect(report.precopyRounds == 4 && report.precopiedBytes == 4 * 16 * 4096)
        #expect(report.frozenAt == .ms(22) + Self.select + Self.round16 * 4)
        #expect(report.freezeTime == Self.state + Self.round16)
    }

    /// The preset's limit is a field: 2 rounds end at 258.96ms, while it sleeps (256–260ms); it freezes at
    /// its wake (260ms) with the 16 pages its bursts of 148–252ms wrote: the same 131.7056ms freeze.
    @Test func theRoundsLimitIsThePresets() throws {
        var costs = MigrationTests.costs
        costs.precopyRounds = 2
        let steps = [ProgramStep.compute(.ms(16))] + Array(repeating: [.sleep(.ms(4)), .compute(.ms(4))], count: 100)
            .flatMap { $0 }
        let (sim, _) = try cluster(steps, costs: costs)
        let report = try #require(sim.migrationReports.first)
        #expect(report.precopyRounds == 2)
        #expect(report.frozenAt == .ms(260) + Self.zeroFills)
        #expect(report.freezeTime == Self.state + Self.round16)
    }

    /// A stop set of 16 pages: the 16 dirty pages are not more than it, so no round runs; the freeze at its
    /// wake (1016ms) copies all 16: 14.2768 + 117.4288 = 131.7056ms, as freeze-and-copy would.
    @Test func aLargeStopSetMeansNoRound() throws {
        var costs = MigrationTests.costs
        costs.precopyStopPages = 16
        let (sim, _) = try cluster([.compute(.ms(16)), .sleep(.ms(1000)), .compute(.ms(16))], costs: costs)
        let report = try #require(sim.migrationReports.first)
        #expect(report.phases.map(\.phase) == [.select, .state, .copyPages, .release])
        #expect(report.precopyRounds == 0 && report.precopiedBytes == 0)
        #expect(report.freezeTime == Self.state + Self.round16)
    }
}
