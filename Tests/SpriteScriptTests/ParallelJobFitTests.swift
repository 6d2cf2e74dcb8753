import Testing
@testable import SpriteScript
import SpriteKernel

/// Gang and space scheduling run all of a job's threads at once, one a CPU: a job wider than the node
/// could never be placed. Before, it waited for ever and the run ended at 0 s with status 0 (space), or
/// its fifth thread ran in another row 10 ms later (gang); now the spawn is refused at `threads`.
@Suite struct ParallelJobFitTests {
    @Test(arguments: ["space", "gang quantum 10ms"])
    func aJobWiderThanTheNodeIsRefused(scheduler: String) throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 4 }
            scheduler a \(scheduler)
            program w { compute 1ms }
            spawn w as J on a threads 5
            spawn w as K on a
            run
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("4:27: error: a job of 5 threads cannot run under"))
        #expect(error.contains("node a, which has 4 CPUs"))
        #expect(error.contains("help: give it at most 4 threads"))
    }

    /// Threads dealt over two nodes: a has 2 CPUs and gets threads 1, 3 and 5: too many for it.
    @Test func threadsDealtOverNodesMustFitEachNode() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 2; server b cpus 4 }
            scheduler a,b gang quantum 10ms coordinated
            program w { compute 1ms }
            spawn w as J on a,b threads 5
            run
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("3 threads of a job cannot run under gang scheduling on node a, which has 2 CPUs"))
    }

    /// Coordinated over a and b: J-1 on a and J-2 on b share row 0, K (on a) row 1. J's threads run 0–5 ms
    /// together; K waits for its slot at 10 ms and is done at 11.
    @Test func threadsDealtOverCoordinatedNodesRunTogether() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 1; server b cpus 1 }
            scheduler a,b gang quantum 10ms coordinated
            program w { compute 5ms }
            program k { compute 1ms }
            spawn w as J on a,b threads 2
            spawn k as K on a
            run
            expect J-2.finish == 5ms
            expect K.finish == 11ms
            """)
        #expect(status == .ok, "\(error)")
    }

    /// Four threads on four CPUs fit: the job runs, each thread 0-1 ms.
    @Test func aJobAsWideAsTheNodeRuns() throws {
        let (status, _, _) = try LimitTests.run("""
            cluster { server a cpus 4 }
            scheduler a space
            program w { compute 1ms }
            spawn w as J on a threads 4
            run
            expect J-4.finish == 1ms
            """)
        #expect(status == .ok)
    }
}
