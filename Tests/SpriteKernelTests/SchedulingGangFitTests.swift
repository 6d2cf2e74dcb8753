import Testing
@testable import SpriteKernel

/// The engine's safety net under the script's checks: a job too wide for its node is noted when it is to be
/// placed, never left to wait (space) or split over slots (gang) without a word.
@Suite struct SchedulingGangFitTests {
    // Spawned under fcfs, then space sharing: J's 3 threads on 2 CPUs (3 > 2) cannot be placed; noted once.
    @Test func aJobTooWideToPlaceIsNoted() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.defineProgram("w", steps: [.compute(.ms(10))])
        try sim.spawnGang(program: "w", name: "J", node: 0, threads: 3)
        try sim.setScheduler(.spaceSharing, on: 0)
        sim.runToIdle()
        #expect(sim.oversizedJobs == [Simulation.OversizedJob(job: "J", node: 0, threads: 3, cpus: 2)])
        #expect(sim.widestJob(on: 0)?.threads == 3)
    }

    // Two threads of J on two CPUs fit; K's single thread too: nothing is noted; J's threads counted, then
    // none once finished (0–10 both).
    @Test func aJobThatFitsIsNotNoted() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.setScheduler(.gang(quantum: .ms(10)), on: 0)
        try sim.defineProgram("w", steps: [.compute(.ms(10))])
        try sim.spawnGang(program: "w", name: "J", node: 0, threads: 2)
        #expect(sim.unfinishedThreads(ofJob: "J", on: 0) == 2)
        sim.runToIdle()
        #expect(sim.oversizedJobs.isEmpty)
        #expect(sim.unfinishedThreads(ofJob: "J", on: 0) == 0)
    }
}
