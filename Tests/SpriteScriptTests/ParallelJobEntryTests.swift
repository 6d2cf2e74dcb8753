import Testing
@testable import SpriteScript
import SpriteKernel

/// Every way a job could become wider than its node under gang or space scheduling is refused: before, a
/// spawn before the scheduler, `job J` with more members than CPUs, or late members starved every process
/// with status 0 (space) or split the job over slots (gang).
@Suite struct ParallelJobEntryTests {
    // Spawned under fcfs, J has 3 threads on a 2-CPU node: space scheduling could never place it (3 > 2),
    // so the scheduler statement (line 5, 'a' at column 11) is refused.
    @Test(arguments: ["space", "gang quantum 10ms"])
    func aSchedulerChangeUnderAWideJobIsRefused(scheduler: String) throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 2 }
            program w { compute 10ms }
            spawn w as J on a threads 3
            spawn w as K on a
            scheduler a \(scheduler)
            run
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("5:11: error: job J has 3 threads on node a, which has 2 CPUs"))
        #expect(error.contains("help: keep a time-sharing scheduler (rr) on a"))
    }

    // x1, x2, x3 join J on a 2-CPU node: 3 members > 2 CPUs, refused at 'J' (line 4, column 29).
    @Test func tooManyMembersOfANamedJobAreRefused() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 2 }
            program w { compute 10ms }
            scheduler a space
            spawn w as x[1..3] on a job J
            spawn w as y on a
            run
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("4:29: error: job J would have 3 threads on node a, which has 2 CPUs"))
    }

    // Late members: x1 and x2 fill both CPUs' worth of J; x3 (arriving at 6 ms) would be the third.
    @Test func aLateThirdMemberIsRefused() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 2 }
            program w { compute 10ms }
            scheduler a space
            spawn w as x1 on a job J
            spawn w as x2 on a job J at 5ms
            spawn w as x3 on a job J at 6ms
            run
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("6:24: error: job J would have 3 threads on node a"))
        #expect(error.contains("it has 2 there already"))
    }

    // Two members on two CPUs fit: x1 arrives at 0 and runs 0–10 (its partner's CPU is kept for it);
    // x2 arrives at 5 and runs 5–15.
    @Test func twoMembersOnTwoCPUsRun() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 2 }
            program w { compute 10ms }
            scheduler a space
            spawn w as x1 on a job J
            spawn w as x2 on a job J at 5ms
            run
            expect x1.finish == 10ms
            expect x2.finish == 15ms
            """)
        #expect(status == .ok, "\(error)")
    }

    // Dealt over a (2 CPUs) and b (4): a takes threads 1, 3, 5, … so 5 threads give a 3; 4 is the most
    // that fits (a 2, b 2), and the help says so.
    @Test func theHelpCountsTheCPUsOfEveryListedNode() throws {
        let (_, error, _) = try LimitTests.run("""
            cluster { server a cpus 2; server b cpus 4 }
            scheduler a,b gang quantum 10ms coordinated
            program w { compute 1ms }
            spawn w as J on a,b threads 5
            run
            """)
        #expect(error.contains("help: give it at most 4 threads"))
    }

}

/// Gang scheduling never splits a job over slots: J-1 … J-5 dealt over a and b (2 CPUs each) put 3 threads
/// on a (threads 1, 3, 5), one more than its CPUs, so the coordinated matrix over a,b is refused instead of
/// running J-5 alone in a row of its own.
@Suite struct GangNeverSplitsAJobTests {
    @Test func aCoordinatedSchedulerOverAWideJobIsRefused() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 2; server b cpus 2 }
            program w { compute 10ms }
            spawn w as J on a,b threads 5
            scheduler a,b gang quantum 10ms coordinated alternates
            run
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("4:11: error: job J has 3 threads on node a, which has 2 CPUs"))
    }
}

/// Master-slave keeps CPU 0 for kernel work; gang and space give it a matrix column: the pair is refused
/// whichever statement comes second (before, gang ran user threads on CPU 0 and kernel work on the slaves).
@Suite struct GangMasterSlaveTests {
    @Test func gangAfterMasterSlaveIsRefused() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 3 }
            multiprocessor a os master-slave
            scheduler a gang quantum 10ms
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("3:11: error: gang scheduling cannot run on a under os master-slave"))
        #expect(error.contains("help: choose os big-lock or fine-grained for a"))
    }

    @Test func masterSlaveAfterSpaceIsRefused() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 3 }
            scheduler a space
            multiprocessor a os master-slave
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("3:16: error: space scheduling cannot run on a under os master-slave"))
    }
}

/// Cheap diagnostics around parallel jobs: each case below is one mistake and one error.
@Suite struct ParallelJobDiagnosticsTests {
    // `spawn w on a,b` names one process (w) for two nodes: b (column 14) would get nothing.
    @Test func moreNodesThanProcessesIsAnError() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 2; server b cpus 2 }
            program w { compute 1ms }
            spawn w on a,b
            """)
        #expect(status == .malformed)
        #expect(error.contains("3:14: error: 2 nodes for 1 process: b would run nothing"))
    }

    // `a,a`: the second a (column 13) is the same node; coordinated over one node is no coordination.
    @Test func aNodeNamedTwiceAndCoordinationOfOneNodeAreErrors() throws {
        let (status, error, sink) = try LimitTests.run("""
            cluster { server a cpus 2 }
            scheduler a,a gang coordinated
            """)
        #expect(status == .malformed)
        #expect(error.contains("2:13: error: node a is named twice"))
        #expect(sink.errors.joined().contains("coordinated scheduling needs two nodes or more"))
    }

    // The gang options and parallel-job words lead to the pages that explain them.
    @Test(arguments: ["coordinated", "alternates", "threads", "job"])
    func helpKnowsTheGangWords(word: String) throws {
        let (status, error, _) = try LimitTests.run("help \(word)")
        #expect(status == .ok, "\(error)")
    }
}
