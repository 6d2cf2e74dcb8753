import Testing
@testable import SpriteScript

/// Line 1: a server and two workstations; line 2: a program; line 3: a process running it on ws1.
private let M = "cluster { server fs1; workstation ws1, ws2 }\nprogram job { compute 50ms }\nspawn job as a on ws1\n"

/// Every error a malformed migration reports before anything runs.
private let migrationCases: [DiagnosticCase] = [
    .init(M + "migrate b to ws2", "unknown process 'b'", line: 4, column: 9),
    .init(M + "migrate a to ws3", "unknown node 'ws3'; did you mean 'ws1'?", line: 4, column: 14),
    .init(M + "migrate a ws2", "expected 'to'", line: 4, column: 11, .syntax),
    .init(M + "migrate a to ws2 strategy fluhs", "unknown migration strategy 'fluhs'; did you mean 'flush'?",
          line: 4, column: 27, help: "strategies: flush copy"),
    .init("cluster { workstation ws1, ws2; process p on ws1 }\nmigrate p to ws2",
          "'p' is a declared process: only a process that runs a program migrates", line: 2, column: 9),
    .init(M + "spawn job as b on ws2 home ws2", "'ws2' is both the node and the home", line: 4, column: 28),
    .init(M + "spawn job as b on ws2 home ws9", "unknown node 'ws9'", line: 4, column: 28),
    .init(M + "program clock { syscall gettimeofdy }", "unknown location-dependent call 'gettimeofdy'; did you mean "
          + "'gettimeofday'?", line: 4, column: 25, help: "calls: gettimeofday getpid signal device"),
    .init(M + "migration preset sparc", "unknown migration preset 'sparc'", line: 4, column: 18,
          help: "presets: modern sparcstation-1991 sprite-1988"),
]

@Suite struct MigrationScriptTests {
    @Test(arguments: migrationCases)
    func reports(_ c: DiagnosticCase) throws {
        try c.checkFirstDiagnostic()
    }

    /// Errors only the run can see are runtime errors (status 3) that name the statement.
    @Test(arguments: [
        ("at 100ms { migrate a to ws2 }\nrun", "'a' has ended: there is nothing to migrate"),
        ("migrate a to ws2\nmigrate a to ws1", "'a' is migrating already"),
        ("crash ws2\nmigrate a to ws2", "ws2 is down: it cannot take 'a'"),
        ("migrate a to ws1", "'a' is already on ws1"),
        ("at 10ms { migrate a to ws2 }\nat 20ms { migrate a to ws2 }\nrun", "'a' is already on ws2"),
    ])
    func runtimeRefusals(_ tail: String, _ message: String) {
        let (status, sink, _) = ScriptHarness.run(M + tail)
        #expect(status == .runtimeError, "\(sink.text)")
        #expect(sink.errorText.contains(message), "\(sink.errorText)")
    }

    /// A process moved away and back in `at` blocks checks cleanly, and ends where it was created.
    @Test func thereAndBackAgain() {
        let script = M + "at 5ms { migrate a to ws2 }\nat 30ms { migrate a to ws1 }\nadvance 40ms\n"
            + "migrate a to ws2\nrun\nexpect a.migrations == 3"
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// A process spawned for later is held as it arrives and starts on the target: it never runs at home.
    @Test func aProcessNotYetArrivedStartsOnTheTarget() {
        let script = M + "spawn job as b on ws1 at 1s\nmigrate b to ws2\nrun\nexpect b.migrations == 1\n"
            + "expect ws1.cpu-time == 50ms\nexpect ws2.cpu-time == 50ms"
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// The same program migrated and not gives the same file contents; only the time differs, and by the
    /// freeze: `expect` compares the runs' results in one script (two processes, two files).
    @Test func aMigratedRunMatchesALocalOne() {
        let script = """
            cluster { server fs1; workstation ws1, ws2, ws3 }
            domain / on fs1
            program local { open /l rw; write "v1"; compute 20ms; read; write "v2"; close; open /l r; read; close }
            program moved { open /m rw; write "v1"; compute 20ms; read; write "v2"; close; open /m r; read; close }
            spawn local as l on ws3
            spawn moved as m on ws1
            at 5ms { migrate m to ws2 }
            run
            expect read ws3 /l == "v2"
            expect read ws2 /m == "v2"
            expect m.migrations == 1
            expect l.cpu == m.cpu
            expect m.turnaround > l.turnaround
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// JSON: a record for the start, each phase (at trace messages) and the end, with times and bytes.
    @Test func jsonRecordsEachMigration() throws {
        let (status, sink, _) = ScriptHarness.run(M + "trace messages\nat 10ms { migrate a to ws2 }\nrun",
                                                  options: ScriptHarness.options(format: .json))
        #expect(status == .ok, "\(sink.errorText)")
        let objects = try ScriptHarness.jsonObjects(sink.output)
        #expect(ScriptHarness.events(objects, "migration.start").count == 1)
        let phases = ScriptHarness.events(objects, "migration.phase").compactMap { $0["phase"] as? String }
        #expect(phases == ["select", "state", "release"])
        let done = try #require(ScriptHarness.events(objects, "migration.done").first)
        #expect(done["bytes"] as? Int == 128 + 4096 + 128)
        #expect((done["freeze_ns"] as? Int ?? 0) > 0)
    }
}
