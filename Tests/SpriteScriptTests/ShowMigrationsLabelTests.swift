import Testing
@testable import SpriteScript

/// show migrations' phase lines name the move when a process moved more than once.
@Suite struct ShowMigrationsLabelTests {
    /// a moves ws1 -> ws2 at 10ms and back at 100ms: two phase lines, each naming its move; b moves once
    /// and its line keeps the bare name.
    @Test func eachMoveOfAProcessIsNamed() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster { server fs1; workstation ws1, ws2 }
            program job { compute 500ms }
            spawn job as a on ws1
            spawn job as b on ws1
            at 10ms { migrate a to ws2 }
            at 100ms { migrate a to ws1 }
            at 20ms { migrate b to ws2 }
            run
            show migrations
            """)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        #expect(sink.text.contains("  a ws1 -> ws2 at 10ms: select"), "\(sink.text)")
        #expect(sink.text.contains("  a ws2 -> ws1 at 100ms: select"), "\(sink.text)")
        #expect(sink.text.contains("  b: select"), "\(sink.text)")
    }
}

/// A migration that fails after the freeze reports how long the process was frozen; a release that fails
/// after the unfreeze is said, though the move stands.
@Suite struct FailedMigrationReportTests {
    private func row(_ text: String) -> [Substring]? {
        text.split(separator: "\n").first { $0.hasPrefix("  a ") && $0.contains("ws1") }?.split(separator: " ")
    }

    /// ws2 crashes at 1.05s while a's state is on its way (a was frozen after select, at 1.018s): the state
    /// RPC gives up 600ms later and a goes on at ws1. It was frozen all that time, so frozen is a time.
    @Test func aFailureInsideTheFreezeReportsTheFreeze() throws {
        let (_, sink, _) = ScriptHarness.run("""
            cluster { network ethernet preset sprite-1988; server fs1; workstation ws1, ws2 }
            migration preset sparcstation-1991
            program job { compute 2s }
            spawn job as a on ws1
            at 1s { migrate a to ws2 }
            at 1050ms { crash ws2 }
            run
            show migrations
            """)
        let fields = try #require(row(sink.text), "\(sink.text)")
        #expect(fields.count > 6 && fields[5] != "-" && fields.last == "failed", "\(sink.text)")
    }

    /// ws2 crashes at 1.1s, after a was unfrozen there (1.094s) and while the release goes to ws1: the
    /// release fails, the migration is done, and its line says the release failed.
    @Test func aFailedReleaseIsSaid() {
        let (_, sink, _) = ScriptHarness.run("""
            cluster { network ethernet preset sprite-1988; server fs1; workstation ws1, ws2 }
            migration preset sparcstation-1991
            program job { compute 2s }
            spawn job as a on ws1
            at 1s { migrate a to ws2 }
            at 1100ms { crash ws2 }
            run
            show migrations
            """)
        #expect(sink.text.contains("release failed: "), "\(sink.text)")
    }
}
