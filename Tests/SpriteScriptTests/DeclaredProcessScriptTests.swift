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

    /// Under a declared scheduler a declared process is measured like a spawned one. Round robin, 10ms,
    /// one CPU: editor (declared at 0, compute 20ms issued at 0) and h (spawned at 0, 30ms) alternate:
    /// editor 0-10, h 10-20, editor 20-30 (done: cpu 20ms, wait 10ms, response 0), h 30-50 (done: cpu
    /// 30ms, wait 10-0 + 30-20 = 20ms, response 10ms, turnaround 50ms). From 30ms on, editor waits for the
    /// script's next step (idle): blocked 20ms by 50ms. It never finishes, so avg is h's alone.
    /// A send it then makes to a peer that never receives blocks it (blocked(message)); the crash of
    /// ws1 at 60ms kills it: blocked 20ms + 10ms, and the time blocked counts up to the crash only.
    @Test func aDeclaredProcessIsMeasuredUnderADeclaredScheduler() {
        let (status, sink) = run("""
            cluster { workstation ws1; process editor on ws1; process peer on ws1 }
            scheduler ws1 rr quantum 10ms
            program hog { compute 30ms }
            spawn hog as h on ws1
            compute editor 20ms
            run
            expect editor.cpu == 20ms
            expect editor.wait == 10ms
            expect editor.response == 0s
            expect editor.blocked == 20ms
            expect editor.switches == 1
            expect editor.state == "ready"
            expect avg.turnaround == 50ms
            expect avg.finished == 1
            at 50ms { try { send editor -> peer "hi" } }
            at 60ms { crash ws1 }
            run
            expect editor.blocked == 30ms
            expect peer.blocked == 60ms
            show processes ws1
            """)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        #expect(sink.text.contains("processes on ws1 (3, 1 finished, 2 killed)"), "\(sink.text)")
    }

    /// With no scheduler declared a declared process's compute books the CPU: it is not measured, and
    /// expect says why.
    @Test func aDeclaredProcessIsNotMeasuredWithoutAScheduler() {
        let (status, sink) = run("""
            cluster { workstation ws1; process editor on ws1 }
            compute editor 20ms
            run
            expect editor.cpu == 20ms
            """)
        #expect(status == .expectationFailed)
        #expect(sink.text.contains("no scheduler declared"), "\(sink.text)")
    }
}
