import Testing
@testable import SpriteKernel

/// What the engine keeps for `show timeline` across nodes: each forwarded call (where, when, its wait;
/// bounded like the fault log) and each migration's cause.
///
/// Costs as in MigrationTests (zero-overhead bus, one 500us hop, 0.8us a byte): an exec-time move to n1
/// holds the process until 13.9024ms; away, a gettimeofday is an RPC of 64B each way served for 100us:
/// 0.5 + 0.0512 + 0.1 + 0.5 + 0.0512 = 1.2024ms.
@Suite("Timeline records")
struct TimelineRecordTests {
    private func cluster(_ steps: [ProgramStep]) throws -> Simulation {
        let sim = try makeSimulation(nodes: 2, preset: .zero, topology: .bus)
        sim.migrationCosts = MigrationTests.costs
        try sim.defineProgram("job", steps: steps)
        return sim
    }

    /// Ten calls, each after 1ms of work: call k is asked at 13.9024 + (k + 1)·1 + k·1.2024 ms on n1, CPU 0,
    /// and waits 1.2024ms. With room for 4, the other 6 are counted and the log is complete until the fifth
    /// call's time: 13.9024 + 5 + 4 × 1.2024 = 23.7120ms.
    @Test func forwardedCallsAreLoggedWhereTheProcessRanAndBounded() throws {
        let sim = try cluster([.repeat(10, [.compute(.ms(1)), .locationCall(.gettimeofday, cpu: .us(100))])])
        sim.forwardedCallLogLimit = 4
        let away = try sim.spawn(program: "job", name: "away", node: 0)
        try sim.migrate(away, to: 1, execArgumentBytes: 0)
        sim.runToIdle()
        let log = sim.forwardedCallLog
        #expect(log.count == 4 && sim.forwardedCallsDropped == 6)
        for (k, call) in log.enumerated() {
            let asked = 13_902_400 + Int64(k + 1) * 1_000_000 + Int64(k) * 1_202_400
            #expect(call == ForwardedCall(time: .ns(asked), node: 1, cpu: 0, process: away, home: 0,
                                          wait: .ns(1_202_400)))
        }
        #expect(sim.forwardedCallLogCompleteUntil == .ns(23_712_000))
    }

    /// Calls at home are kernel work, not forwarded: none is logged.
    @Test func callsAtHomeAreNotLogged() throws {
        let sim = try cluster([.repeat(3, [.compute(.ms(1)), .locationCall(.gettimeofday, cpu: .us(100))])])
        try sim.spawn(program: "job", name: "home", node: 0)
        sim.runToIdle()
        #expect(sim.forwardedCallLog.isEmpty && sim.forwardedCallsDropped == 0)
    }

    /// A move the script asked for, then the owner's input on n1 at 50ms sending the process home: the
    /// second migration's cause is that eviction.
    @Test func causesTellAskedMovesFromEvictions() throws {
        let sim = try cluster([.compute(.ms(100))])
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        try sim.migrate(a, to: 1, execArgumentBytes: 0)
        _ = sim.run(until: .ms(50))
        try sim.userInput(on: 1)
        sim.runToIdle()
        #expect(sim.migrationCauses == [.asked, .eviction(node: 1, at: .ms(50))])
    }
}
