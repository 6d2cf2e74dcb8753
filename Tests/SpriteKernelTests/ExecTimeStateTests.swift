import Testing
@testable import SpriteKernel

/// A remote exec (exec-time migration) pays its own state CPU, less than a running process's: no address
/// space and no open files move, only a fresh process-table entry.
///
/// On the zero-overhead network (one 500us hop, 0.8us a byte, nothing else) an RPC of R request bytes, no
/// reply, served for S takes 0.5 + 0.0008·R + S + 0.5 ms.
@Suite("Exec-time state")
struct ExecTimeStateTests {
    /// MigrationTests.costs with the remote exec's state CPU at 3ms instead of the running process's 10ms.
    static let costs: MigrationCosts = {
        var costs = MigrationTests.costs
        costs.execStateCPU = .ms(3)
        return costs
    }()

    private func cluster(_ preset: CostPreset, _ costs: MigrationCosts) throws -> Simulation {
        let sim = try makeSimulation(nodes: 2, preset: preset, topology: .bus)
        sim.migrationCosts = costs
        try sim.defineProgram("job", steps: [.compute(.ms(5))])
        return sim
    }

    /// Exec-time: select 2.1024ms (64B each way, 1ms served), state of 1000B served 3ms: 1 + 0.8 + 3 = 4.8ms.
    /// The process is held from its request, so it runs its 5ms from 2.1024 + 4.8 = 6.9024ms.
    @Test func aRemoteExecPaysItsOwnStateCPU() throws {
        let sim = try cluster(.zero, Self.costs)
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        try sim.migrate(a, to: 1, execArgumentBytes: 0)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(report.execTime && report.phases.map(\.phase) == [.select, .state, .release])
        #expect(report.time(of: .state) == .ns(4_800_000))
        #expect(report.freezeTime == .ns(2_102_400 + 4_800_000))
        #expect(try sim.metrics("a").finish == .ns(2_102_400 + 4_800_000) + .ms(5))
    }

    /// A process that has run still pays the full state CPU: 4096B served 10ms, 1 + 3.2768 + 10 = 14.2768ms.
    @Test func aRunningProcessStillPaysTheFullState() throws {
        let sim = try cluster(.zero, Self.costs)
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        _ = sim.run(until: .ms(1))
        try sim.migrate(a, to: 1)
        sim.runToIdle()
        let report = try #require(sim.migrationReports.first)
        #expect(!report.execTime && report.time(of: .state) == .ns(14_276_800))
    }

    /// Costs built without an exec-time state CPU keep the old rule: a remote exec's state costs the full one.
    @Test func anUnsetExecStateCPUIsTheStateCPU() {
        #expect(MigrationTests.costs.execStateCPU == MigrationTests.costs.stateCPU)
    }

    /// On the sprite-1988 wire the 2KB state RPC served for nothing takes its wire time W (5.1705ms, as
    /// `show migrations` reports it); each preset adds its CPU on top, so the phase is W + CPU exactly:
    /// SPARCstation 1: W + 29.830 = 35.0005ms, Table 1's 81 - 46 = 35ms (fork, exec and wait with migration,
    /// and without; host selection is its own row). Sun-3/75: W + 54.830 = 60.0005ms, Douglis 1989's
    /// 188 - 86 = 102ms less its 3 standard files at 14ms. Both well under a running process's state.
    @Test func thePresetsLandOnThePublishedRemoteExec() throws {
        func execState(_ costs: MigrationCosts) throws -> SimTime {
            let sim = try cluster(.sprite1988, costs)
            let a = try sim.spawn(program: "job", name: "a", node: 0)
            try sim.migrate(a, to: 1, execArgumentBytes: 0)
            sim.runToIdle()
            return try #require(sim.migrationReports.first?.time(of: .state))
        }
        var free = MigrationPreset.sparcstation1991.costs
        free.execStateCPU = .zero
        let wire = try execState(free)
        #expect(abs((wire - .us(5_170)).nanoseconds) < 1_000)
        for (preset, cpu, published) in [(MigrationPreset.sparcstation1991, SimTime.us(29_830), SimTime.ms(35)),
                                         (.sprite1988, .us(54_830), .ms(60))] {
            let costs = preset.costs
            #expect(costs.execStateCPU == cpu && costs.execStateCPU < costs.stateCPU)
            let measured = try execState(costs)
            #expect(measured == wire + cpu)
            #expect(abs((measured - published).nanoseconds) < published.nanoseconds / 1000)
        }
        // modern has no published figure: the SPARCstation's share of its state CPU, 29.830 / 68.381 of 200us.
        #expect(MigrationPreset.modern.costs.execStateCPU == .us(200 * 29_830 / 68_381))
    }
}
