import Testing
@testable import SpriteKernel

/// The slowdown balancing is judged by: each finished program's turnaround over its CPU time, then the mean
/// of those ratios (the literature's definition) and their median. Derived by hand on one node with no
/// scheduler declared (first come, first served) and no context-switch cost.
@Suite("Balance outcome")
struct BalanceOutcomeTests {
    private func run(_ programs: [(String, Int64)]) throws -> BalanceOutcome {
        let sim = try makeSimulation(nodes: 1, preset: .zero, topology: .bus)
        for (name, ms) in programs {
            try sim.defineProgram(name, steps: [.compute(.ms(ms))])
            _ = try sim.spawn(program: name, name: name, node: 0)
        }
        sim.runToIdle()
        return sim.balanceOutcome()
    }

    /// big (100ms), tiny (1ms), mid (10ms), all at 0, run in that order: big 0-100ms, ratio 1; tiny
    /// 100-101ms, 101 / 1 = 101; mid 101-111ms, 111 / 10 = 11.1. The mean of the ratios, (1 + 101 + 11.1) / 3
    /// = 37.7, is lifted by the tiny job alone; the median is 11.1. (Mean turnaround over mean CPU time
    /// would be 104 / 37 = 2.81: not what is reported.)
    @Test func theMeanOfRatiosAndTheirMedian() throws {
        let outcome = try run([("big", 100), ("tiny", 1), ("mid", 10)])
        #expect(outcome.finished == 3)
        #expect(abs(outcome.meanSlowdown - 37.7) < 1e-9 && abs(outcome.medianSlowdown - 11.1) < 1e-9)
    }

    /// An even count: big then tiny, ratios 1 and 101: the median is their mean, 51.
    @Test func anEvenCountsMedianIsTheMeanOfTheMiddleTwo() throws {
        let outcome = try run([("big", 100), ("tiny", 1)])
        #expect(abs(outcome.medianSlowdown - 51) < 1e-9 && abs(outcome.meanSlowdown - 51) < 1e-9)
    }
}
