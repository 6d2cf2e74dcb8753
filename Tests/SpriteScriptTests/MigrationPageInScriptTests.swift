import Testing
@testable import SpriteScript

/// A migration asked for while the process waits on a page-in freezes it when the page-in ends.
@Suite struct MigrationPageInScriptTests {
    /// p (16 pages of data, written in a loop) moves to ws2 by flush at 100ms (done at 176.9ms), then
    /// demand-pages its 16 pages from fs1 there. The second migration, asked for at 300ms, finds it blocked
    /// in a page-in: the end of that page-in is a safe point, so p freezes there and moves back to ws1.
    /// Two migrations done, none failed, and the hosts' reservations all ended. (Before, p never froze: the
    /// second migration held ws1 reserved until p ended at 10.2s and failed with "the process ended first".)
    @Test func aPageInEndFreezesTheProcess() {
        let (status, sink, _) = ScriptHarness.run("""
            trace off
            cluster { network ethernet preset sprite-1988 topology bus; server fs1; workstation ws1, ws2 }
            domain / on fs1
            vm ws1, ws2 backing files
            space sp { data 64KB; touch 1ms; writes 100%; pattern loop 16 pages }
            program job space sp { compute 10s }
            spawn job as p on ws1
            at 100ms { migrate p to ws2 }
            at 300ms { migrate p to ws1 }
            run
            expect p.migrations == 2
            """)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }
}

/// Migrating a process its node's crash killed says it was killed, not that it ended.
@Suite struct MigrateKilledProcessScriptTests {
    /// ws1 crashes at 10ms and kills a (it had 490ms of its 500ms left); the migrate at 20ms is refused.
    @Test func theRefusalSaysTheProcessWasKilled() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster { server fs1; workstation ws1, ws2 }
            program job { compute 500ms }
            spawn job as a on ws1
            at 10ms { crash ws1 }
            at 20ms { migrate a to ws2 }
            run
            """)
        #expect(status == .runtimeError, "\(sink.text)\(sink.errorText)")
        #expect(sink.errorText.contains("'a' was killed by a crash at 10ms: there is nothing to migrate"),
                "\(sink.errorText)")
    }
}
