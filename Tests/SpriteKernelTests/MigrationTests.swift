import Testing
@testable import SpriteKernel

/// Process migration's mechanics: phases as real RPCs, the freeze at a safe point, and a process that
/// behaves the same migrated or not.
///
/// Costs here: the zero-overhead network on a bus (one 500us hop, 10 Mbit/s, no headers, no per-message
/// CPU), so an RPC of R request and P reply bytes served for S takes 0.5ms + 0.8us·R + S + 0.5ms + 0.8us·P.
@Suite("Process migration")
struct MigrationTests {
    static let costs = MigrationCosts(selectCPU: .ms(1), stateCPU: .ms(10), stateBytes: 4096, execStateBytes: 1000,
                                      perFileCPU: .ms(1), fileRPCs: 3, fileRPCBytes: 100, fileFlushCPU: .ms(1),
                                      pageFlushCPU: .ms(1), execArgumentCPU: .ms(2))

    private func cluster(_ steps: [ProgramStep]) throws -> Simulation {
        let sim = try makeSimulation(nodes: 2, preset: .zero, topology: .bus)
        sim.migrationCosts = Self.costs
        try sim.defineProgram("job", steps: steps)
        return sim
    }

    /// select: 64B each way, 1ms served: 1 + 0.0512·2 + 1 = 2.1024ms; the same for release.
    /// state: 4096B out, nothing back, 10ms served: 1 + 3.2768 + 10 = 14.2768ms, all of it frozen.
    @Test func aNullMigrationCostsItsRPCsAndCPU() throws {
        let sim = try cluster([.compute(.ms(100))])
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        _ = sim.run(until: .ms(10))
        try sim.migrate(a, to: 1)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(report.state == .done)
        #expect(report.phases.map(\.phase) == [.select, .state, .release])
        #expect(report.time(of: .select) == .ns(2_102_400))
        #expect(report.freezeTime == .ns(14_276_800))
        #expect(report.totalTime == .ns(2_102_400 * 2 + 14_276_800))
        #expect(report.bytes == 128 + 4096 + 128)
        // It ran 10ms + 2.1024ms on n0 before the freeze, the other 87.8976ms on n1 after the unfreeze.
        let m = try sim.metrics("a")
        #expect(m.node == 1 && m.migrations == 1 && m.cpuTime == .ms(100))
        #expect(m.finish == .ms(100) + .ns(14_276_800))
    }

    /// Same program, same results; only time differs, by exactly the freeze (nothing else competes).
    @Test func aMigratedProcessBehavesAsALocalOne() throws {
        let steps: [ProgramStep] = [.compute(.ms(30)), .sleep(.ms(20)), .compute(.ms(30)), .io(.ms(5))]
        let local = try cluster(steps)
        try local.spawn(program: "job", name: "a", node: 0)
        local.runToIdle()
        let moved = try cluster(steps)
        let a = try moved.spawn(program: "job", name: "a", node: 0)
        _ = moved.run(until: .ms(10))
        try moved.migrate(a, to: 1)
        moved.runToIdle()
        let (l, m) = (try local.metrics("a"), try moved.metrics("a"))
        let freeze = try #require(moved.migrationReports.first?.freezeTime)
        #expect(l.cpuTime == m.cpuTime && l.dispatches + 1 == m.dispatches)
        #expect(m.finish == l.finish.map { $0 + freeze })
        #expect(m.blockedTime == l.blockedTime + freeze)
    }

    /// A process waiting for the CPU is taken off its run queue at once; the one running is not preempted.
    @Test func aReadyProcessLeavesItsRunQueue() throws {
        let sim = try cluster([.compute(.ms(50))])
        try sim.spawn(program: "job", name: "a", node: 0)
        let b = try sim.spawn(program: "job", name: "b", node: 0)
        _ = sim.run(until: .ms(10))
        try sim.migrate(b, to: 1)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        // b froze when the select ended (10 + 2.1024ms), ran its 50ms on n1 from the unfreeze. The release
        // (1ms served on n0 while a runs there) takes the CPU from a: it ends at 51ms.
        #expect(report.frozenAt == .ms(10) + .ns(2_102_400))
        #expect(try sim.metrics("b").finish == report.unfrozenAt.map { $0 + .ms(50) })
        #expect(try sim.metrics("a").finish == .ms(51))
    }

    /// A process asleep is frozen when it wakes, not before: the freeze waits for the safe point.
    @Test func aBlockedProcessFreezesWhenItWakes() throws {
        let sim = try cluster([.sleep(.ms(40)), .compute(.ms(10))])
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        _ = sim.run(until: .ms(10))
        try sim.migrate(a, to: 1)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(report.frozenAt == .ms(40))
        #expect(try sim.metrics("a").finish == .ms(40) + .ns(14_276_800) + .ms(10))
    }

    /// Exec-time: state of 1000B (1 + 0.8 + 10 = 11.8ms) and 10KB of arguments, 2ms a KB served:
    /// 1 + 8.192 + 20 = 29.192ms; the process starts on n1 once both are there.
    @Test func anExecTimeMigrationSendsItsArguments() throws {
        let sim = try cluster([.compute(.ms(5))])
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        try sim.migrate(a, to: 1, execArgumentBytes: 10 * 1024)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(report.execTime && report.phases.map(\.phase) == [.select, .state, .execArguments, .release])
        #expect(report.time(of: .state) == .ns(11_800_000))
        #expect(report.time(of: .execArguments) == .ns(29_192_000))
        #expect(try sim.metrics("a").finish == .ns(2_102_400 + 11_800_000 + 29_192_000) + .ms(5))
        #expect(sim.home(of: a) == 0 && sim.migrationCount(of: a) == 1)
    }

    /// What cannot move is refused with its reason; a process that ended, or is already there.
    @Test func refusals() throws {
        let sim = try cluster([.compute(.ms(5))])
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        #expect(sim.migrationRefusal(a, to: 0) == .alreadyThere)
        try sim.migrate(a, to: 1)
        #expect(sim.migrationRefusal(a, to: 1) == .alreadyMigrating)
        sim.runToIdle()
        #expect(sim.migrationRefusal(a, to: 0) == .ended)
        sim.crash(1)
        let b = try sim.spawn(program: "job", name: "b", node: 0)
        #expect(sim.migrationRefusal(b, to: 1) == .targetDown)
    }

    /// The target crashes while the state is on its way: the migration fails and the process goes on at home.
    @Test func aTargetCrashLeavesTheProcessHome() throws {
        let sim = try cluster([.compute(.ms(100))])
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        try sim.migrate(a, to: 1)
        _ = sim.run(until: .ms(5))
        sim.crash(1)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(report.state == .failed)
        let m = try sim.metrics("a")
        #expect(m.node == 0 && m.migrations == 0 && m.finish != nil && m.cpuTime == .ms(100))
    }

    /// Location-dependent calls: at home each is 100us of kernel work (10 × (1 + 0.1) = 11ms); away, an RPC
    /// to the home kernel of 64B each way served for 100us: 1.2024ms. Exec-time to n1 (select 2.1024ms,
    /// a 1000B state 11.8ms) holds it until 13.9024ms, then 10 × (1 + 1.2024) = 22.024ms: it ends at 35.9264ms.
    @Test func locationCallsAreForwardedHome() throws {
        let sim = try cluster([.repeat(10, [.compute(.ms(1)), .locationCall(.gettimeofday, cpu: .us(100))])])
        try sim.spawn(program: "job", name: "home", node: 0)
        let away = try sim.spawn(program: "job", name: "away", node: 0)
        try sim.migrate(away, to: 1, execArgumentBytes: 0)
        sim.runToIdle()
        #expect(try sim.metrics("home").finish == .ms(11))
        #expect(try sim.metrics("away").finish == .ns(35_926_400))
        let forwarded = sim.forwardedCalls(of: away)
        #expect(forwarded.calls == 10 && forwarded.time == .ns(12_024_000))
        #expect(sim.forwardedCalls(of: try #require(sim.processID(named: "home"))).calls == 0)
    }
}
