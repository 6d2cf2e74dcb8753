import Testing
import SpriteKernel

// Findings of a review of the scheduler, each with the schedule derived by hand.

@Suite("Schedulers: review findings")
struct SchedulingReviewTests {
    /// A chain of forks is named after the process the script started, one level deep:
    /// bomb forks bomb.1, which forks bomb.2, … (never bomb.1.1), so names stay short.
    @Test func forkChainNamesDoNotGrowWithDepth() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("bomb", steps: [.fork(program: "bomb", shared: false), .compute(.ms(1))])
        try sim.spawn(program: "bomb", name: "bomb", node: 0)
        sim.processLimit = 4
        sim.runToIdle()
        #expect(sim.processMetrics().map(\.name) == ["bomb", "bomb.1", "bomb.2", "bomb.3"])
        #expect(sim.refusedForks == 1)
        // The four processes and their four slices are memory records.
        #expect(sim.timeline().count == 4)
        #expect(sim.recordCount >= 4 + 4)
    }
}
