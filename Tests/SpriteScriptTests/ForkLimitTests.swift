import Testing
@testable import SpriteScript
import SpriteKernel

/// Forks and spawn steps make processes as a run goes: the processes limit bounds them, and reaching
/// it ends the run cleanly (status 4, the limit named), however the chain is built.
@Suite struct ForkLimitTests {
    /// bomb forks bomb then computes 1 ms. On one FCFS CPU the first runs at 0 and forks bomb.1 (the
    /// fork is taken when bomb runs), which runs at 1 ms and forks bomb.2, …: one process per ms.
    /// With processes=100, the 101st process (the 100th fork) is refused: the run ends with the limit.
    @Test func aForkBombEndsAtTheProcessesLimit() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { workstation ws1 }
            program bomb { fork bomb; compute 1ms }
            spawn bomb on ws1
            run
            """, ["processes=100"])
        #expect(status == .limitReached)
        #expect(error.contains("limit reached: a fork or spawn step would start more than 100 processes"))
        #expect(error.contains("--limit processes=100"))
    }

    /// The same across nodes: p spawns p on the other node after each 1 ms burst.
    @Test func aSpawnChainAcrossNodesEndsAtTheProcessesLimit() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { workstation ws1; workstation ws2 }
            program p { compute 1ms; spawn p on ws2 }
            spawn p on ws1
            run
            """, ["processes=50"])
        #expect(status == .limitReached)
        #expect(error.contains("processes"))
    }

    /// Under the default limits (100000 processes) the bomb stops at the processes limit too, long
    /// before the events limit (about 3 events a process), and it is the processes limit it names.
    @Test func aForkBombStopsUnderTheDefaultLimits() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { workstation ws1 }
            program bomb { fork bomb; compute 1ms }
            spawn bomb on ws1
            run
            """)
        #expect(status == .limitReached)
        #expect(error.contains("--limit processes=100000"))
    }

    /// Processes and timeline slices count as memory records: with memory=500 the bomb (one process
    /// and one slice a ms) passes 500 records near the 250th process, before processes=100000.
    @Test func processesAndSlicesCountTowardTheMemoryLimit() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { workstation ws1 }
            program bomb { fork bomb; compute 1ms }
            spawn bomb on ws1
            run
            """, ["memory=500"])
        #expect(status == .limitReached)
        #expect(error.contains("--limit memory=500"))
    }
}
