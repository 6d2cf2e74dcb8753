import Testing
@testable import SpriteScript

/// A forked child is NAME.N: `migrate` and `expect` name it written together, and a number after the dot is
/// never a field, so `p.1.cpu` is the child's cpu and `p.cpu` the parent's.
@Suite struct ForkedChildNameTests {
    private let cluster = """
        cluster { server fs1; workstation ws1, ws2 }
        trace off
        program child { compute 500ms }
        program parent { fork child; compute 1s }
        spawn parent as p on ws1

        """

    /// p forks p.1 first thing; at 100ms the script moves p.1 (500ms of CPU) to ws2. The move changes where
    /// it runs, not what it does: 1 migration and 500ms of CPU for p.1; p stays, none, and its own 1s.
    @Test func aChildIsMigratedAndCheckedByItsName() {
        let result = ScriptHarness.run(cluster + """
            at 100ms { migrate p.1 to ws2 }
            run
            show migrations
            expect p.1.migrations == 1
            expect p.1.cpu == 500ms
            expect p.migrations == 0
            expect p.cpu == 1s
            """)
        #expect(result.status == .ok, "\(result.sink.text)\(result.sink.errorText)")
        #expect(result.sink.text.contains("  p.1      ws1   ws2  "), "\(result.sink.text)")
    }

    /// The name is read as one: the expect's owner is p.1 and its field cpu.
    @Test func theChildsNameIsOneOwner() {
        #expect(ScriptHarness.diagnostics(cluster + "expect p.1.cpu == 500ms\nexpect p.turnaround == 1s\n").isEmpty)
    }

    /// p forks once: p.2 never exists. The expect fails saying so (not a node's 'at' block); the migration is
    /// a runtime error whose help names the children.
    @Test func aChildNotForkedYetIsSaidSo() {
        let checked = ScriptHarness.run(cluster + "run\nexpect p.2.cpu == 0s\n")
        #expect(checked.status == .expectationFailed)
        #expect(checked.sink.text.contains("p's family has not forked 'p.2' yet"), "\(checked.sink.text)")
        let moved = ScriptHarness.run(cluster + "migrate p.2 to ws2\n")
        #expect(moved.status == .runtimeError)
        #expect(moved.sink.errorText.contains("process 'p.2' does not exist at 0s"), "\(moved.sink.errorText)")
        #expect(moved.sink.errorText.contains("p's family has not forked it yet"), "\(moved.sink.errorText)")
    }

    /// Written apart, with a leading zero, or after a name that runs no program: each error says how a child
    /// is written, or which processes have children.
    @Test(arguments: [
        ("migrate p. 1 to ws2", "a forked child is written p.N, with no spaces"),
        ("migrate p.0 to ws2", "a forked child is written p.N, with no spaces"),
        ("expect p . 1.cpu == 1s", "a forked child is written p.N.FIELD"),
        ("expect p.01.cpu == 1s", "a forked child is written p.N.FIELD"),
        ("migrate q.1 to ws2", "no program's process is named 'q', so it has no forked child"),
    ])
    func aMiswrittenChildIsExplained(_ line: String, _ words: String) throws {
        let diagnostic = try #require(ScriptHarness.diagnostics(cluster + line + "\n").first)
        #expect((diagnostic.message + " " + (diagnostic.help ?? "")).contains(words), "\(diagnostic)")
    }
}
