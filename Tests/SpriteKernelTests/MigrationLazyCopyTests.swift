import Testing
@testable import SpriteKernel

/// Lazy copy, counted by hand: the freeze moves the state only, and each first fault on the target of a page
/// left at the source is one RPC to the source; a crash of the source loses the pages still there.
///
/// n0 serves / (backing files); n1 and n2 hold 16-page data spaces in VM. Costs are MigrationTests.costs on
/// the zero-overhead bus: an RPC of R request and P reply bytes served for S takes
/// 0.5ms + 0.8us·R + S + 0.5ms + 0.8us·P. A fetch asks with 64B and gets a 4096B page, served for 1ms a KB:
///   0.5 + 0.0512 + 4 + 0.5 + 3.2768 = 8.328ms.
/// select 2.1024ms, state 14.2768ms, release 2.1024ms. The first 16ms zero-fill the 16 pages, each 4ns of
/// CPU (a page copied at the zero preset's local rate): everything after is 64ns later.
@Suite("Process migration: lazy copy")
struct MigrationLazyCopyTests {
    static let fetch: SimTime = .ns(8_328_000)
    static let select: SimTime = .ns(2_102_400)
    static let state: SimTime = .ns(14_276_800)
    static let zeroFills: SimTime = .ns(64)

    /// It writes its 16 pages (0–16ms), sleeps to 216ms, then `steps`.
    private func cluster(_ steps: [ProgramStep]) throws -> (Simulation, ProcessID) {
        let sim = try makeSimulation(nodes: 3, preset: .zero, topology: .bus)
        let p = try spawnPageWriter(sim, steps: [.compute(.ms(16)), .sleep(.ms(200))] + steps)
        _ = sim.run(until: .ms(100))
        try sim.migrate(p, to: 2, strategy: .lazy)
        return (sim, p)
    }

    /// Asked at 100ms, host selected at 102.1024ms; frozen when it wakes (216ms), the state alone moves:
    /// unfrozen at 230.2768ms with its 16 pages left at n1. Its next 16ms fault on each in turn, at once on
    /// page 0, then each page 1ms (a touch) after the one before came: 16 fetches of 8.328ms, one after
    /// another, the faults 9.328ms apart. The first fetch leaves with the host's release call (both 64B from
    /// n2 to n1, arriving together): n1 serves the release's 1ms first, so page 1's fault is 10.328ms after
    /// page 0's. Residual dependency: 16 pages left, 16 fetched, none lost.
    @Test func eachPageIsFetchedFromTheSourceOnItsFirstFault() throws {
        let (sim, p) = try cluster([.compute(.ms(16)), .sleep(.ms(1000))])
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(report.phases.map(\.phase) == [.select, .state, .release])
        #expect(report.freezeTime == Self.state)
        let unfrozen = SimTime.ms(216) + Self.zeroFills + Self.state
        #expect(report.unfrozenAt == unfrozen)
        #expect(report.residualPages == 16 && report.residualFetches == 16 && report.residualLost == 0)
        // Only the state and the select and release calls are the migration's bytes: the pages come later.
        #expect(report.bytes == 128 + 4096 + 128)
        let m = try #require(sim.processMemory(p))
        #expect(m.faults == 32 && m.zeroFills == 16 && m.pageIns == 16 && m.pageOuts == 0)
        let fetched = sim.faultLog.filter { $0.node == 2 }
        #expect(fetched.count == 16 && fetched.allSatisfy { $0.kind == .pageIn && $0.from == 1 })
        #expect(fetched.first?.time == unfrozen)
        let gaps = zip(fetched.dropFirst(), fetched.dropLast()).map { $0.time - $1.time }
        #expect(gaps.first == Self.fetch + .ms(2))
        #expect(gaps.dropFirst().allSatisfy { $0 == Self.fetch + .ms(1) } && gaps.count == 15)
        #expect(sim.memoryStatistics(node: 2).pageIns == 16)
    }

    /// Unfrozen at 230.2768ms, it sleeps 100ms more (to 330.2768ms) before touching a page. n1 crashes at
    /// 250ms and is back at 260ms, with empty memory: the 16 pages left there are gone. The first fault
    /// (330.2768ms) fails at once, without an RPC: the process is killed, one fetch lost, none done.
    @Test func aCrashOfTheSourceLosesTheResidualPages() throws {
        let (sim, p) = try cluster([.sleep(.ms(100)), .compute(.ms(16))])
        _ = sim.run(until: .ms(250))
        sim.crash(1)
        _ = sim.run(until: .ms(260))
        sim.restart(1)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(report.state == .done)
        #expect(report.residualPages == 16 && report.residualFetches == 0 && report.residualLost == 1)
        let failure = try #require(sim.takePagingFailures().first)
        #expect(failure.process == p && failure.node == 2 && failure.page == 0)
        #expect(failure.failure == .sourcePageLost(node: 1))
        #expect(failure.time == .ms(216) + Self.zeroFills + Self.state + .ms(100))
        #expect(try sim.metrics("p").killed)
    }

    /// The source crashes and stays down: the fault fails the same way (the page is lost, not awaited).
    @Test func aSourceThatStaysDownLosesThemToo() throws {
        let (sim, _) = try cluster([.sleep(.ms(100)), .compute(.ms(16))])
        _ = sim.run(until: .ms(250))
        sim.crash(1)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(report.residualLost == 1 && report.residualFetches == 0)
        #expect(sim.takePagingFailures().first?.failure == .sourcePageLost(node: 1))
    }

    /// Once every page is fetched the source owes it nothing: its crash then changes nothing.
    @Test func aCrashAfterTheLastFetchIsHarmless() throws {
        let (sim, _) = try cluster([.compute(.ms(16)), .sleep(.ms(1000))])
        _ = sim.run(until: .ms(500))
        sim.crash(1)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(report.residualFetches == 16 && report.residualLost == 0)
        #expect(sim.takePagingFailures().isEmpty)
        #expect(try sim.metrics("p").killed == false)
    }
}
