import Foundation
import Testing
@testable import SpriteScript

/// The process statements end to end: each schedule derived by hand in the comments.
@Suite struct ProcessScriptTests {
    private func run(_ script: String, seed: UInt64 = 1) -> (status: SpriteScript.ExitStatus, sink: BufferSink) {
        let result = ScriptHarness.run(script, options: ScriptHarness.options(seed: seed))
        return (result.status, result.sink)
    }

    private func json(_ script: String, seed: UInt64 = 1) throws -> [[String: Any]] {
        let result = ScriptHarness.run(script, options: ScriptHarness.options(seed: seed, format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        return try ScriptHarness.jsonObjects(result.sink.output)
    }

    private func rows(_ objects: [[String: Any]], _ table: String) -> [[String: Any]] {
        ScriptHarness.events(objects, "show").filter { $0["table"] as? String == table }
            .flatMap { $0["rows"] as? [[String: Any]] ?? [] }
    }

    /// Preemptive priorities: L (priority 5) runs from 0; H (priority 1) arrives at 2ms and takes the CPU
    /// for its 3ms; L finishes its last 8ms at 13ms.
    @Test func aHigherPriorityArrivalPreempts() {
        let (status, sink) = run("""
            cluster { workstation ws1 }
            scheduler ws1 priority preemptive
            program job { compute 10ms }
            program quick { compute 3ms }
            spawn job as L on ws1 priority 5
            spawn quick as H on ws1 at 2ms priority 1
            run
            expect H.turnaround == 3ms
            expect L.finish == 13ms
            expect L.preemptions == 1
            expect L.wait == 3ms
            """)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// A program's repeat and sleep: 3 × (2ms compute + 1ms sleep) = 9ms, of which 6ms CPU and 3ms blocked.
    @Test func aProgramRepeatsItsSteps() {
        let (status, sink) = run("""
            cluster { workstation ws1 }
            program loop { repeat 3 { compute 2ms; sleep 1ms } }
            spawn loop on ws1
            run
            expect loop.turnaround == 9ms
            expect loop.cpu == 6ms
            expect loop.state == "done"
            """)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// Two CPUs with a queue each: two 5ms jobs run side by side and both finish at 5ms.
    @Test func perCPUQueuesRunJobsInParallel() {
        let (status, sink) = run("""
            cluster { server mp1 cpus 2 }
            multiprocessor mp1 queues per-cpu stealing
            jobs mp1 { A burst 5ms; B burst 5ms }
            run
            expect A.finish == 5ms
            expect B.finish == 5ms
            expect mp1.utilization == 100%
            """)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// A shared queue's lock held 1ms a dispatch: both CPUs go for it at 0; CPU 0 holds it 0-1ms and starts A
    /// at 1ms, CPU 1 waits, holds it 1-2ms and starts B at 2ms.
    @Test func aSharedQueuesLockIsTakenInTurn() {
        let (status, sink) = run("""
            cluster { server mp1 cpus 2 }
            multiprocessor mp1 lock 1ms
            jobs mp1 { A burst 5ms; B burst 5ms }
            run
            expect A.first-run == 1ms
            expect B.first-run == 2ms
            expect B.finish == 7ms
            """)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// threads 4 on 4 CPUs: four threads NAME-1 … NAME-4 arrive at once and run side by side.
    /// On 2 CPUs, FCFS: two threads 0-10ms, the other two 10-20ms.
    @Test func threadsShareTheNodesCPUs() throws {
        let objects = try json("""
            cluster { server mp1 cpus 4; server mp2 cpus 2 }
            program work { compute 10ms }
            spawn work as wide on mp1 threads 4
            spawn work as narrow on mp2 threads 4
            run
            show processes
            """)
        let processes = rows(objects, "process-metrics")
        #expect(processes.map { $0["name"] as? String } == ["wide-1", "wide-2", "wide-3", "wide-4",
                                                           "narrow-1", "narrow-2", "narrow-3", "narrow-4"])
        #expect(processes.prefix(4).allSatisfy { $0["finish_ns"] as? Int == 10_000_000 })
        #expect(processes.suffix(4).map { $0["finish_ns"] as? Int }.sorted { ($0 ?? 0) < ($1 ?? 0) }
                == [10_000_000, 10_000_000, 20_000_000, 20_000_000])
    }

    /// fixed arrivals 4ms apart, fixed 3ms bursts: job k arrives at 4(k-1) and never waits.
    @Test func aFixedWorkloadIsExactlyItsNumbers() throws {
        let objects = try json("""
            cluster { workstation ws1 }
            workload ws1 jobs 3 arrival fixed 4ms burst fixed 3ms
            run
            show processes
            """)
        let processes = rows(objects, "process-metrics")
        #expect(processes.map { $0["name"] as? String } == ["job1", "job2", "job3"])
        #expect(processes.map { $0["arrival_ns"] as? Int } == [0, 4_000_000, 8_000_000])
        #expect(processes.map { $0["turnaround_ns"] as? Int } == [3_000_000, 3_000_000, 3_000_000])
        let averages = rows(objects, "process-averages")
        #expect(averages.first?["wait_ns"] as? Int == 0)
        #expect(averages.first?["finished"] as? Int == 3)
    }

    /// Draws come from the session's seeded generator: the same seed gives the same jobs, another seed
    /// other jobs; bimodal bursts are one of its two values.
    @Test func aGeneratedWorkloadDependsOnlyOnTheSeed() throws {
        let script = """
            cluster { workstation ws1 }
            workload ws1 jobs 20 arrival exponential 5ms burst bimodal 1ms 9ms 50%
            run
            show processes
            """
        let first = rows(try json(script), "process-metrics")
        let again = rows(try json(script), "process-metrics")
        let other = rows(try json(script, seed: 2), "process-metrics")
        let arrivals = { (rows: [[String: Any]]) in rows.map { $0["arrival_ns"] as? Int ?? -1 } }
        #expect(arrivals(first) == arrivals(again))
        #expect(arrivals(first) != arrivals(other))
        let bursts = Set(first.map { $0["cpu_ns"] as? Int ?? -1 })
        #expect(bursts.isSubset(of: [1_000_000, 9_000_000]) && bursts.count == 2, "\(bursts)")
    }

    /// The timeline in JSON: RR, quantum 2ms, A 3ms and B 2ms from 0: A 0-2 (quantum), B 2-4 (done), A 4-5.
    @Test func theTimelineGivesEverySlice() throws {
        let objects = try json("""
            cluster { workstation ws1 }
            scheduler ws1 rr quantum 2ms
            jobs ws1 { A burst 3ms; B burst 2ms }
            run
            show timeline
            show stats
            """)
        let slices = rows(objects, "timeline")
        #expect(slices.map { $0["process"] as? String } == ["A", "B", "A"])
        #expect(slices.map { $0["start_ns"] as? Int } == [0, 2_000_000, 4_000_000])
        #expect(slices.map { $0["ending"] as? String } == ["quantum", "done", "done"])
        let cpus = rows(objects, "cpus")
        #expect(cpus.first?["busy_ns"] as? Int == 5_000_000)
        #expect(cpus.first?["utilization"] as? Double == 1)
    }

    /// The text chart stays within 80 columns and names every process in its legend.
    @Test func theTimelineChartFitsEightyColumns() {
        let (status, sink) = run("""
            cluster { workstation ws1 }
            scheduler ws1 rr quantum 1ms
            workload ws1 jobs 70 burst uniform 1ms 3ms
            run
            show timeline from 0s to 100ms
            """)
        #expect(status == .ok)
        #expect(sink.output.allSatisfy { $0.count <= 80 }, "\(sink.output.filter { $0.count > 80 })")
        #expect(sink.output.contains { $0.contains("# ") && $0.contains("more") }, "past 62 processes: #")
    }

    /// What the engine refuses or lacks is a runtime error at the statement, with what to do instead.
    @Test func runtimeErrorsNameTheStatement() {
        let past = run("cluster { workstation ws1 }\nprogram p { compute 1ms }\nadvance 5ms\nspawn p on ws1 at 1ms")
        #expect(past.status == .runtimeError)
        #expect(past.sink.errorText.contains("1ms is before now (5ms)"), "\(past.sink.errorText)")
        #expect(past.sink.errorText.contains("help: give an arrival"))
        let master = run("cluster { workstation ws1 }\nmultiprocessor ws1 os master-slave")
        #expect(master.status == .runtimeError)
        #expect(master.sink.errorText.contains("test.sprite:2:16: error: master-slave needs two CPUs"),
                "\(master.sink.errorText)")
    }

    /// At the prompt, programs and spawned processes stay known from one input to the next.
    @Test func namesLastAcrossInputs() {
        let session = Session(options: ScriptHarness.options(), sink: BufferSink())
        let inputs = ["cluster { workstation ws1 }", "program worker { compute 4ms }",
                      "spawn worker as w1 on ws1", "run", "expect w1.turnaround == 4ms",
                      "spawn worker as w2 on ws1"]
        for input in inputs {
            #expect(session.evaluate(SourceFile(name: "<input>", text: input)) == .done, "\(input)")
        }
        #expect(session.completions(for: "spawn w", cursor: 7) == ["worker"])
        #expect(session.completions(for: "expect w1.tu", cursor: 12) == ["w1.turnaround"])
        #expect(session.completions(for: "scheduler ws1 ml", cursor: 16) == ["mlfq"])
        #expect(session.completions(for: "scheduler ws1 rr ", cursor: 17) == ["quantum", "switch"])
        #expect(session.completions(for: "program p { co", cursor: 14) == ["compute"])
        #expect(session.completions(for: "show ti", cursor: 7) == ["timeline"])
        #expect(session.completions(for: "show timeline ", cursor: 14) == ["from", "to", "width", "ws1"])
        #expect(session.completions(for: "show processes ", cursor: 15) == ["ws1"])
        #expect(session.evaluate(SourceFile(name: "<input>", text: "spawn worker as w1 on ws1")) != .done)
    }

    /// V IPC in programs, both on one FCFS CPU with no message cost: the client sends at 0 and blocks;
    /// the server receives at 0, computes 0-2ms and replies; the client computes 2-5ms: 2ms blocked. With
    /// `nowait` the client computes 0-3ms at once, the server (woken at 0, queued behind it) 3-5ms; its
    /// reply fails (nobody awaits it), is reported, and the server goes on.
    @Test func programsSendReceiveAndReply() {
        let (status, sink) = run("""
            cluster { network ethernet preset zero-overhead; workstation ws1 }
            program client { send server "req"; compute 3ms }
            program server { receive; compute 2ms; reply client "ok" }
            spawn server on ws1
            spawn client on ws1
            run
            expect client.finish == 5ms
            expect client.blocked == 2ms
            expect server.finish == 2ms
            """)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        let (quick, quickSink) = run("""
            cluster { network ethernet preset zero-overhead; workstation ws1 }
            program client { send server "req" nowait; compute 3ms }
            program server { receive; compute 2ms; reply client "ok" }
            spawn server on ws1
            spawn client on ws1
            run
            expect client.finish == 3ms
            expect server.finish == 5ms
            """)
        #expect(quick == .ok, "\(quickSink.text)\(quickSink.errorText)")
        #expect(quickSink.text.contains("reply server -> client FAILED: client is not blocked awaiting a reply "
                                        + "from server"), "\(quickSink.text)")
    }
}

/// A deadlock is printed when it closes, counted by expect and in the summary.
@Suite struct DeadlockScriptTests {
    /// As SchedulingDeadlockTests: A holds L1 and waits for L2 from 1ms; B, holding L2, waits for L1 at 1ms.
    @Test func theDeadlockIsPrintedAndCounted() {
        let result = ScriptHarness.run("""
            cluster { server mp1 cpus 2 }
            program ab { lock L1; compute 1ms; lock L2; unlock L2; unlock L1 }
            program ba { lock L2; compute 1ms; lock L1; unlock L1; unlock L2 }
            spawn ab as A on mp1
            spawn ba as B on mp1
            run
            expect mp1.deadlocks == 1
            expect A.state == "blocked"
            """, options: ScriptHarness.options())
        #expect(result.status == .ok, "\(result.sink.text)\(result.sink.errorText)")
        #expect(result.sink.output.contains {
            $0.hasPrefix("   1.0000ms  mp1     deadlock: B waits for L1, held by A; A waits for L2, held")
        })
    }
}
