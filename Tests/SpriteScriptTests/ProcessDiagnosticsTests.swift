import Foundation
import Testing
@testable import SpriteScript

/// Line 1 of most cases: a workstation and a 4-CPU server.
private let C = "cluster { workstation ws1; server mp1 cpus 4 }\n"
/// Lines 1–2: the same and a program.
private let W = C + "program worker { compute 10ms }\n"

/// Every error the process and scheduling statements report: the message,
/// where the caret goes, and the suggestion.
private let processCases: [DiagnosticCase] = [
    // scheduler
    .init(C + "scheduler ws1 robin", "unknown scheduling policy 'robin'", line: 2, column: 15, endColumn: 20,
          help: "policies: fcfs sjf srtf rr priority mlfq lottery stride gang space"),
    .init(C + "scheduler ws1 mlfw", "unknown scheduling policy 'mlfw'; did you mean 'mlfq'?", line: 2, column: 15),
    .init(C + "scheduler ws2 rr", "unknown node 'ws2'; did you mean 'ws1'?", line: 2, column: 11),
    .init(C + "scheduler ws1 rr quantm 5ms", "unknown rr option 'quantm'; did you mean 'quantum'?", line: 2,
          column: 18, .syntax, help: "options: quantum switch"),
    .init(C + "scheduler ws1 rr aging 10ms", "rr takes no option 'aging'", line: 2, column: 18,
          help: "'aging' is an option of priority"),
    .init(C + "scheduler ws1 fcfs quantum 10ms", "fcfs takes no option 'quantum'", line: 2, column: 20,
          help: "'quantum' is an option of rr, priority, mlfq, lottery, stride, gang"),
    .init(C + "scheduler ws1 rr quantum 5ms,6ms", "rr takes one quantum, not 2", line: 2, column: 26,
          help: "a quantum per level is for mlfq"),
    .init(C + "scheduler ws1 mlfq levels 2 quantum 5ms,6ms,7ms", "3 quanta for 2 levels", line: 2, column: 37),
    .init(C + "scheduler ws1 mlfq levels 17", "levels must be between 1 and 16, not 17", line: 2, column: 27),
    .init(C + "scheduler ws1 rr quantum 0ms", "the quantum must be greater than zero", line: 2, column: 26),
    .init(C + "scheduler ws1 rr quantum 5", "expected a duration like 20ms, found a number with no unit '5'",
          line: 2, column: 26),
    .init(C + "scheduler ws1 rr switch 1ms switch 2ms", "'switch' is given twice", line: 2, column: 29),
    .init(C + "scheduler ws1 rr coordinated", "rr takes no option 'coordinated'", line: 2, column: 18,
          help: "'coordinated' is an option of gang"),
    .init(C + "scheduler ws1 space alternates", "space takes no option 'alternates'", line: 2, column: 21,
          help: "'alternates' is an option of gang"),
    .init(C + "scheduler ws1 gang alternate", "unknown gang option 'alternate'; did you mean 'alternates'?",
          line: 2, column: 20, .syntax),
    .init(W + "spawn worker on ws1 job J job K", "'job' is given twice", line: 3, column: 27),
    .init(W + "spawn worker on ws1 job 5ms", "expected a job name", line: 3, column: 25, .syntax),
    .init(W + "spawn worker as J on ws1,ws3 threads 2", "unknown node 'ws3'", line: 3, column: 26),
    // multiprocessor
    .init(C + "multiprocessor mp1 stealing", "stealing takes work from another CPU's queue", line: 2, column: 20,
          help: "write queues per-cpu stealing"),
    .init(C + "multiprocessor mp1 affinity reload 1ms", "affinity keeps a process on its CPU's own queue; a shared "
          + "queue has none", line: 2, column: 20, help: "write queues per-cpu affinity, or drop 'affinity'"),
    .init(C + "multiprocessor mp1 queues shared affinity", "affinity keeps a process on its CPU's own queue",
          line: 2, column: 34),
    .init(C + "multiprocessor mp1 os master-slav", "unknown OS organisation 'master-slav'; did you mean "
          + "'master-slave'?", line: 2, column: 23),
    .init(C + "multiprocessor mp1 queues percpu", "unknown run-queue kind 'percpu'; did you mean 'per-cpu'?",
          line: 2, column: 27),
    .init(C + "multiprocessor mp1 interconnect bus remote 3", "'remote' is the cost of a remote access on a NUMA",
          line: 2, column: 37, help: "write interconnect numa remote N"),
    .init(C + "multiprocessor mp1 interconnect numa remote 0", "remote must be between 1 and 1000, not 0",
          line: 2, column: 45),
    .init(C + "multiprocessor mp1 interconnect bus cells 2", "'cells' groups the CPUs of a NUMA machine",
          line: 2, column: 37, help: "write interconnect numa cells K"),
    .init(C + "multiprocessor mp1 os big-lock kernel-locks 4", "'kernel-locks' is the number of kernel locks",
          line: 2, column: 32, help: "write os fine-grained kernel-locks K"),
    .init(C + "multiprocessor mp1 os fine-grained kernel-locks 2000",
          "kernel-locks must be between 0 and 1024, not 2000", line: 2, column: 49),
    .init("program p { compute 10ms; signal }", "expected a channel name", line: 1, column: 34, .syntax),
    .init(C + "multiprocessor mp1 afinity", "unknown multiprocessor option 'afinity'; did you mean 'affinity'?",
          line: 2, column: 20, .syntax),
    // program
    .init("program p { compute 10ms; lok L }", "unknown program step 'lok'; did you mean 'lock'?", line: 1,
          column: 27, .syntax, help: "steps: compute syscall io sleep"),
    .init("program p { compute 10ms memory 120% }", "the memory share must be at most 100%", line: 1, column: 33),
    .init("program p { fork q }", "unknown program 'q'; did you mean 'p'?", line: 1, column: 18),
    .init("program p { send q \"a message text of forty bytes, too long!\" nowait }",
          "message text is 40 bytes; a V message holds 32", line: 1, column: 20,
          help: "shorten it, or move the data with 'segment' or moveto"),
    .init("program p { receive; reply q \"an answer that is more than 32 bytes\" }",
          "message text is 36 bytes; a V message holds 32", line: 1, column: 30),
    // a program's process takes its program's steps only; it may be a declared process's peer
    .init(W + "spawn worker as w1 on ws1\nreceive w1", "'w1' runs a program: it takes only its program's steps, "
          + "not 'receive'", line: 4, column: 9, help: "process NAME on ws1"),
    .init(W + "process p on ws1\nspawn worker as w1 on ws1\ncompute w1 1ms", "'w1' runs a program", line: 5,
          column: 9),
    // a program's file steps: the grammar of on NODE { }, without labels
    .init("program p { open /a r as x }", "a program's file step cannot be labelled", line: 1, column: 26,
          endColumn: 27, help: "drop 'as x'"),
    .init("program p { opne /a }", "unknown program step 'opne'; did you mean 'open'?", line: 1, column: 13,
          .syntax, help: "movefrom open read write append close delete stat sync create mkdir ls"),
    .init("program p { open /a rx }", "unknown open mode 'rx'; did you mean 'r'?", line: 1, column: 21,
          help: "modes: r w rw append"),
    .init(C + "program p { read /x }", "no domain covers /x", line: 2, column: 18,
          help: "declare one first: domain / on SERVER"),
    .init(C + "domain / on mp1\nprogram p { create /a size 2TB }", "the size must be at most 1GB", line: 3,
          column: 28),
    .init("program p { compute 1ms }\nprogram q { spawn pp on ws1 }", "unknown program 'pp'; did you mean 'p'?",
          line: 2, column: 19),
    .init("program p { repeat 0 { exit } }", "the repeat count must be between 1 and 10000000, not 0", line: 1,
          column: 20),
    // 10,000 computes and 10,000 x 1,000 sleeps (a repeat is not a step of its own): 10,010,000.
    .init("program p { repeat 10000 { compute 1ms; repeat 1000 { sleep 1ms } } }", "program 'p' takes 10010000 steps "
          + "with its repeats multiplied out; a program may take at most 10000000", line: 1, column: 9,
          help: "repeat fewer times"),
    .init("program p { lock L spin }", "unknown lock kind 'spin'", line: 1, column: 20,
          help: "lock kinds: block tas ttas spin-then-block"),
    .init("program p { barrier B parties 0 }", "parties must be between 1 and 100000, not 0", line: 1, column: 31),
    .init("program p { }", "program 'p' has no steps", line: 1, column: 9),
    .init("program p { compute 10ms", "block is not closed", line: 1, column: 25, .incomplete),
    .init("program p { " + String(repeating: "repeat 2 { ", count: 9) + "exit"
          + String(repeating: " }", count: 10), "repeat is nested more than 8 deep", line: 1, column: 101),
    // spawn
    .init(W + "spawn wroker on ws1", "unknown program 'wroker'; did you mean 'worker'?", line: 3, column: 7),
    .init(W + "spawn worker on ws1\nspawn worker on ws1", "process 'worker' is already declared", line: 4,
          column: 7, help: "name the new one: spawn worker as worker2 on ws1"),
    .init(W + "spawn worker as w[1..2] on ws1 priority 100", "priority must be between 0 and 99, not 100",
          line: 3, column: 41),
    .init(W + "spawn worker on ws1 tickts 5", "unknown spawn option 'tickts'; did you mean 'tickets'?", line: 3,
          column: 21, .syntax),
    .init(W + "spawn worker as ws1 on ws1", "'ws1' already names a node", line: 3, column: 17),
    // jobs
    .init(C + "jobs ws1 { A burst 3ms io 2ms }", "expected 'burst' and the CPU burst after the I/O", line: 2,
          column: 31, .syntax, help: "a job ends with a CPU burst"),
    .init(C + "jobs ws1 { A burst 3ms; A burst 4ms }", "process 'A' is already declared", line: 2, column: 25),
    .init(C + "jobs ws1 { A brust 3ms }", "expected 'burst', found 'brust'", line: 2, column: 14, .syntax),
    .init(C + "jobs ws1 { A burst 3ms threads 2 }", "unknown spawn option 'threads'", line: 2, column: 24, .syntax),
    .init(C + "jobs ws1 { }", "the job list is empty", line: 2, column: 1),
    // workload
    .init(C + "workload ws1 jobs 0 burst fixed 1ms", "the number of jobs must be between 1 and 100000, not 0",
          line: 2, column: 19),
    .init(C + "workload ws1 jobs 10 arrival bimodal 1ms 2ms 50% burst fixed 1ms", "arrival cannot be bimodal",
          line: 2, column: 30, help: "arrival: fixed T | uniform LOW HIGH | exponential MEAN"),
    .init(C + "workload ws1 jobs 100000 burst fixed 1ms bursts 100 io fixed 1ms", "100000 jobs of 100 bursts are "
          + "20000000 bursts and I/O waits to draw; a workload may have at most 10000000", line: 2, column: 1,
          help: "generate fewer jobs"),
    .init(C + "workload ws1 jobs 10 burst uniform 5ms 1ms", "LOW is longer than HIGH", line: 2, column: 36),
    .init(C + "workload ws1 jobs 10 burst exponental 5ms", "unknown distribution 'exponental'; did you mean "
          + "'exponential'?", line: 2, column: 28),
    .init(C + "workload ws1 jobs 10 burst bimodal 1ms 9ms 150%", "the share of short bursts must be at most 100%",
          line: 2, column: 44),
    .init(C + "jobs ws1 { job3 burst 1ms }\nworkload ws1 jobs 5 burst fixed 1ms", "process 'job3' is already "
          + "declared", line: 3, column: 19),
    // show and expect
    .init(C + "show timeline from 5ms to 2ms", "the window ends before it starts", line: 2, column: 20),
    .init(C + "show timline", "cannot show 'timline'; did you mean 'timeline'?", line: 2, column: 6),
    .init(C + "show processes ws2", "unknown node 'ws2'; did you mean 'ws1'?", line: 2, column: 16),
    .init(C + "jobs ws1 { A burst 3ms }\nexpect A.turnaroud == 3ms", "'A' has no field 'turnaroud'; did you mean "
          + "'turnaround'?", line: 3, column: 10),
    .init(C + "expect avg.respnse < 3ms", "'avg' has no field 'respnse'; did you mean 'response'?", line: 2,
          column: 12),
    .init(C + "expect ws1.utilization > 90", "expected a percentage like 5%, found a plain number", line: 2,
          column: 26),
    .init(C + "expect av.response < 3ms", "unknown name 'av'; did you mean 'avg'?", line: 2, column: 8),
    // space: an empty trace is malformed (status 2), not a limit reached; an item given twice is refused
    .init(C + "space s { data 4KB; pattern trace \"\" }", "a trace needs at least one page", line: 2, column: 35),
    .init(C + "space s { data 4KB; data 8KB }", "data is given twice in space s", line: 2, column: 21,
          help: "give each item of a space once"),
]

@Suite struct ProcessDiagnosticsTests {
    @Test(arguments: processCases)
    func reports(_ c: DiagnosticCase) throws {
        try c.checkFirstDiagnostic()
    }

    @Test func theValidFormsCheckCleanly() {
        let script = W + """
            scheduler ws1 rr quantum 10ms switch 100us
            scheduler mp1 mlfq levels 3 quantum 10ms,20ms,40ms allotment 50ms boost 1s switch 0s
            scheduler ws1 priority aging 100ms preemptive
            scheduler ws1 lottery; scheduler ws1 stride quantum 1ms; scheduler ws1 sjf; scheduler ws1 srtf
            scheduler mp1 gang quantum 5ms; scheduler mp1 space
            scheduler ws1,mp1 gang quantum 5ms coordinated alternates switch 10us
            spawn worker as G on ws1,mp1 threads 3 job H
            spawn worker as c1, c2 on ws1, mp1 job H
            multiprocessor mp1 queues per-cpu stealing reload 50us lock 1us os master-slave interconnect numa remote 3
            multiprocessor mp1 os fine-grained kernel-locks 4 interconnect numa cells 2 remote 2
            program helper { compute 1ms }
            program all {
              compute 30ms memory 40%; syscall 200us; io 5ms; sleep 1ms
              lock L tas; lock M ttas; lock N spin-then-block 5us; lock O; unlock L
              signal C; wait C; barrier B parties 4
              fork helper; shared fork helper; spawn helper on mp1; spawn helper on ws1
              repeat 10 { send peer "x" nowait; receive; reply peer "y"; moveto peer 8KB; movefrom peer 1KB }
              exit
            }
            spawn all as a[1..3] on mp1 at 5ms priority 3 tickets 50 burst 30ms threads 4
            spawn worker on ws1
            jobs ws1 { A burst 24ms; B at 1ms burst 3ms io 5ms burst 2ms priority 1 tickets 10 }
            workload ws1 jobs 20 as w arrival exponential 10ms burst bimodal 2ms 50ms 80% bursts 3 io uniform 1ms 5ms
            show processes ws1
            show timeline mp1 from 0s to 10ms
            show timeline to 10ms
            expect A.turnaround == 30ms
            expect avg.response < 20ms
            expect mp1.utilization > 90%
            expect ws1.run-queue < 1.5
            expect avg.switches >= 0
            """
        let diagnostics = ScriptHarness.diagnostics(script)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    }
}

/// `affinity` is accepted with per-cpu queues, where it names what they do.
@Suite struct AffinityOptionTests {
    /// Per-cpu queues, 2 CPUs, RR 10ms: A → queue 0, B → queue 1, C → queue 0 (the shorter, first). CPU 0
    /// alternates A and C (0-40), CPU 1 runs B 0-20 then idles (no stealing): C ends at 40 with no reload.
    @Test func perCPUQueuesTakeAffinity() {
        let result = ScriptHarness.run("""
            cluster { server mp1 cpus 2 }
            multiprocessor mp1 queues per-cpu affinity reload 1ms
            scheduler mp1 rr quantum 10ms
            jobs mp1 { A burst 20ms; B burst 20ms; C burst 20ms }
            run
            expect C.finish == 40ms
            expect B.finish == 20ms
            expect C.reloads == 0
            """, options: ScriptHarness.options())
        #expect(result.status == .ok, "\(result.sink.text)\(result.sink.errorText)")
    }
}
