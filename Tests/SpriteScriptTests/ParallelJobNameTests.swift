import Testing
@testable import SpriteScript
import SpriteKernel

/// A parallel job's name is not a process: `expect` on it names the job's threads, and a second job whose
/// threads would reuse names gets one error with a name that works.
@Suite struct ParallelJobNameTests {
    // `threads 2` makes J-1 and J-2; J itself (line 5, column 8) is the job, so the error lists them.
    @Test func expectOnAThreadsJobNamesItsThreads() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 2 }
            program w { compute 10ms }
            spawn w as J on a threads 2
            run
            expect J.finish == 10ms
            """)
        #expect(status == .malformed)
        #expect(error.contains("5:8: error: 'J' is a parallel job: expect checks its threads one by one (J-1, J-2)"))
        #expect(error.contains("help: name a thread: expect J-1.finish"))
        #expect(!error.contains("did you mean"))
    }

    // `job J` joins x1 … x4 to J: the list gives the first two and the last.
    @Test func expectOnANamedJobNamesItsMembers() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 4 }
            program w { compute 10ms }
            spawn w as x[1..4] on a job J
            expect J.turnaround == 10ms
            """)
        #expect(status == .malformed)
        #expect(error.contains("4:8: error: 'J' is a parallel job: expect checks its threads one by one "
                               + "(x1, x2 … x4)"))
    }

    // The second spawn would make J-1 … J-4 again: one error (not one per thread), and the suggestion is a
    // new job name (J2, threads J2-1 … J2-4), not 'J-12' (which would make J-12-1).
    @Test func aSecondJobOfTheSameNameIsOneError() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { server a cpus 2; server b cpus 2 }
            program w { compute 10ms }
            spawn w as J on a,b threads 4
            spawn w as J on a,b threads 4
            """)
        #expect(status == .malformed)
        #expect(error.components(separatedBy: "error:").count == 2)
        #expect(error.contains("4:12: error: process 'J-1' is already declared: job 'J' would make threads "
                               + "J-1 … J-4"))
        #expect(error.contains("spawn w as J2 … (threads J2-1 … J2-4)"))
    }

    // J2 is a process already, so the suggestion skips to J3.
    @Test func theSuggestedJobNameIsFree() throws {
        let (_, error, _) = try LimitTests.run("""
            cluster { server a cpus 2 }
            program w { compute 1ms }
            spawn w as J on a threads 2
            spawn w as J2 on a
            spawn w as J on a threads 2
            """)
        #expect(error.contains("spawn w as J3 … (threads J3-1 … J3-2)"))
    }

    // At the prompt the job is known from the session: the same error as in a file.
    @Test func theSessionKnowsItsJobs() {
        let sink = BufferSink()
        let session = Session(options: ScriptHarness.options(), sink: sink)
        _ = session.evaluate(ScriptHarness.file("""
            cluster { server a cpus 2 }
            program w { compute 10ms }
            spawn w as J on a threads 2
            run
            """, name: "<1>"))
        _ = session.evaluate(ScriptHarness.file("expect J.finish == 10ms", name: "<2>"))
        #expect(sink.errors.joined().contains("'J' is a parallel job: expect checks its threads one by one (J-1, J-2)"))
    }
}
