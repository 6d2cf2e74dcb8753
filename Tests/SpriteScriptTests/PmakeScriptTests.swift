import Testing
@testable import SpriteScript

/// Lines 1-2: a server, a home and two hosts; line 3: a program.
private let P = "cluster { network ethernet preset sprite-1988; server fs1; workstation ws0, ws1, ws2 diskless }\n"
    + "domain / on fs1\nprogram cc { compute 1s }\n"

/// Every error a malformed pmake (or show pmake, or expect on a build) reports before anything runs.
private let pmakeCases: [DiagnosticCase] = [
    .init(P + "pmake b on ws0 {\n  job a program cc after c\n  job c program cc after a\n}",
          "the jobs' dependencies form a cycle: a after c after a", line: 5, column: 26,
          help: "drop one of these 'after's"),
    .init(P + "pmake b on ws0 { job a program ccc }", "unknown program 'ccc'; did you mean 'cc'?", line: 4,
          column: 32, help: "declared programs: cc"),
    .init(P + "pmake b on ws0 { job a program cc; job b program cc after aa }", "unknown job 'aa'; did you mean 'a'?",
          line: 4, column: 59, help: "declared jobs of b: a, b"),
    .init(P + "pmake b on ws0 { job a program cc after a }", "job 'a' cannot wait for itself", line: 4, column: 41),
    .init(P + "pmake b on ws0 { job a program cc; job a program cc }", "job 'a' is declared twice", line: 4,
          column: 40),
    .init(P + "pmake b on ws0 { }", "the build has no jobs", line: 4, column: 1, help: "job cc1 program compile"),
    .init(P + "pmake b on ws9 jobs 4 compile 1s link 1s", "unknown node 'ws9'; did you mean 'ws0'?", line: 4,
          column: 12),
    .init(P + "pmake b on ws0 jobs 4 compile 1s", "a generated build needs 'link'", line: 4, column: 1),
    .init(P + "pmake b on ws0 jobs 4 { job a program cc }", "'jobs' belongs to a generated build", line: 4,
          column: 16),
    .init(P + "pmake b on ws0 jobs 4 compile 1s link 1s hosts 0", "hosts must be 1 to 1024", line: 4, column: 48),
    .init(P + "pmake b on ws0 jobs 4 compile 1s link 1s hots 2", "unknown pmake option 'hots'; did you mean 'hosts'?",
          line: 4, column: 42, .syntax),
    .init(P + "pmake b on ws0 jobs 1 compile 1s link 1s\npmake b on ws0 jobs 1 compile 1s link 1s",
          "build 'b' is already declared", line: 5, column: 7, help: "pmake b2 on"),
    .init(P + "pmake ws1 on ws0 { job a program cc }", "node 'ws1' is already declared", line: 4, column: 7),
    .init(P + "at 1s { pmake b on ws0 { job a program cc } }\nexpect b.makespan == 1s",
          "'b' is declared in an 'at' block that has not run yet", line: 5, column: 8),
    .init(P + "pmake b on ws0 { job a program cc }\nshow pmake bb", "unknown build 'bb'; did you mean 'b'?", line: 5,
          column: 12),
    .init(P + "pmake b on ws0 { job a program cc }\nexpect b.makespn == 1s",
          "'b' has no field 'makespn'; did you mean 'makespan'?", line: 5, column: 10),
]

@Suite struct PmakeScriptTests {
    @Test(arguments: pmakeCases)
    func reports(_ c: DiagnosticCase) throws {
        try c.checkFirstDiagnostic()
    }

    /// One mistake, one error: a job waiting for itself is not also a cycle, a job declared twice does not
    /// also declare its process twice, and `local` twice is refused.
    @Test func eachMistakeIsReportedOnce() {
        let selfWait = ScriptHarness.diagnostics(P + "pmake b on ws0 { job a program cc after a }")
        #expect(selfWait.map(\.message) == ["job 'a' cannot wait for itself"])
        let twice = ScriptHarness.diagnostics(P + "pmake b on ws0 { job a program cc; job a program cc }")
        #expect(twice.map(\.message) == ["job 'a' is declared twice"])
        let local = ScriptHarness.diagnostics(P + "pmake b on ws0 { job a program cc local local }")
        #expect(local.map(\.message) == ["'local' is given twice"] && local.first?.span?.column == 41)
    }

    /// Running K jobs at once with no host selection on the home is a runtime error naming the option.
    @Test func hostsWithoutHostSelectionIsARuntimeError() {
        let (status, sink, _) = ScriptHarness.run(P + "pmake b on ws0 jobs 2 compile 1s link 1s hosts 2")
        #expect(status == .runtimeError, "\(sink.text)")
        #expect(sink.errorText.contains("no host selection is declared on ws0"), "\(sink.errorText)")
        #expect(sink.errorText.contains(":4:48:"), "\(sink.errorText)")
    }

    /// A declared build of compute-only jobs, a and b (1s each) then the local link (500ms), on the sprite-1988
    /// wire with the SPARCstation 1 migration preset:
    ///   hosts 1 (plain make on ws0): 1 + 1 + 0.5 = 2.5s.
    ///   hosts 2, ws1 and ws2 idle: each job asks fs1 for a host (2.9222ms) and is frozen 53.0007ms in its
    ///   remote exec (select 18.0002 + state 35.0005, Examples/eviction.sprite), so a starts on its host at
    ///   55.9229ms and ends at 1.0559s; b's request and exec follow a's on the same wire and CPUs, about
    ///   0.1ms later. The link starts when b ends, 1.0560s, and ends 0.5s later: about 1.5560s, a speedup of
    ///   2.5 / 1.5560 = 1.607.
    @Test func aDeclaredBuildsMakespanAndSpeedup() throws {
        let script = P + """
            program link { compute 500ms }
            migration preset sparcstation-1991
            idle ws1, ws2 after 30s load 1.5
            balance ws0, ws1, ws2 strategy sprite central fs1
            pmake make on ws0 { job a program cc; job b program cc; job ln program link after a, b local }
            run
            pmake two on ws0 hosts 2 { job a program cc; job b program cc; job ln program link after a, b local }
            run
            expect make.makespan == 2.5s
            expect make.remote-jobs == 0
            expect two.remote-jobs == 2
            expect two.jobs == 3
            expect two.makespan == 1.5560s within 0.01%
            expect two.link-time == 500ms
            expect two.speedup == 1.607 within 0.1%
            expect two-a.turnaround == 1.0559s within 0.01%
            """
        _ = try FSScript.runExpecting(script, expectations: 8)
    }

    /// A compile ends with a file operation (closing its source), off the CPU: its host must be free for the
    /// next job all the same. Four compiles on two idle hosts, two at a time: all four run remotely.
    @Test func aHostIsLentAgainAfterAJobThatEndsWithAFileOperation() throws {
        let script = P + """
            migration preset sparcstation-1991
            idle ws1, ws2 after 30s load 1.5
            balance ws0, ws1, ws2 strategy sprite central fs1
            pmake g on ws0 jobs 4 compile 1s reads 4KB writes 4KB link 100ms hosts 2
            run
            expect g.remote-jobs == 4
            expect g.recalls == 4
            expect g-link.migrations == 0
            """
        _ = try FSScript.runExpecting(script, expectations: 3)
    }

    /// show pmake's JSON carries the build's fields beside its rows; before any build it says so.
    @Test func showPmakeGivesTheRowsAndTheSummary() throws {
        let (_, none, _) = ScriptHarness.run(P + "show pmake")
        #expect(none.text.contains("no build has been started"), "\(none.text)")
        let objects = try FSScript.runExpecting(P + "pmake b on ws0 { job a program cc }\nrun\nshow pmake",
                                                expectations: 0)
        let table = try #require(objects.first { $0["table"] as? String == "pmake" })
        #expect(table["build"] as? String == "b" && table["makespan_ns"] as? Int == 1_000_000_000)
        #expect((table["rows"] as? [[String: Any]])?.first?["host"] as? String == "ws0")
    }
}
