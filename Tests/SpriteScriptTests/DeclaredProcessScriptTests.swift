import Testing
@testable import SpriteScript

/// Declared processes as processes like the spawned ones: their compute under a declared scheduler, and
/// V exchanges with a program's process, end to end. Times derived by hand in the comments.
@Suite struct DeclaredProcessScriptTests {
    private func run(_ script: String) -> (status: SpriteScript.ExitStatus, sink: BufferSink) {
        let result = ScriptHarness.run(script, options: ScriptHarness.options())
        return (result.status, result.sink)
    }

    /// No scheduler declared: each compute books ws1's one CPU at issue, a 0-25ms, b 25-30ms.
    /// Round robin (10ms): a 0-10ms, b 10-15ms (done), then a alone to 30ms.
    @Test func computeBooksTheCPUUntilASchedulerIsDeclared() {
        let booked = run("""
            cluster { workstation ws1; process a on ws1; process b on ws1 }
            compute a 25ms as ca
            compute b 5ms as cb
            run
            expect ca.time == 25ms
            expect cb.time == 30ms
            """)
        #expect(booked.status == .ok, "\(booked.sink.text)\(booked.sink.errorText)")
        let scheduled = run("""
            cluster { workstation ws1; process a on ws1; process b on ws1 }
            scheduler ws1 rr quantum 10ms
            compute a 25ms as ca
            compute b 5ms as cb
            run
            expect ca.time == 30ms
            expect cb.time == 15ms
            """)
        #expect(scheduled.status == .ok, "\(scheduled.sink.text)\(scheduled.sink.errorText)")
    }

    /// A program's process sends to a declared one, which receives and replies from the script. Zero-overhead
    /// preset, one node: local messages cost nothing, so c1 is unblocked at 0 and finishes its 1ms at 1ms.
    @Test func aDeclaredProcessRepliesToAProgramsProcess() {
        let (status, sink) = run("""
            cluster { network ethernet preset zero-overhead; workstation ws1; process server on ws1 }
            program client { send server "hi"; compute 1ms }
            spawn client as c1 on ws1
            receive server as got
            run
            expect got.text == "hi"
            reply server -> c1 "back"
            run
            expect c1.finish == 1ms
            expect c1.blocked == 0s
            """)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }
}
