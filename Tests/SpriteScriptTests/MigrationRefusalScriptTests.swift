import Testing
@testable import SpriteScript

/// Line 1: a server and three workstations; line 2: a 500 ms program; line 3: a process running it on ws1.
private let R = "cluster { server fs1; workstation ws1, ws2, ws3 }\nprogram job { compute 500ms }\n"
    + "spawn job as a on ws1\n"

/// A refused migration is a failed operation: 'try' allows for it at the top level and in an `at` block alike,
/// and without 'try' it stops the script as any failed operation does.
@Suite struct MigrationRefusalScriptTests {
    /// Under 'try' the refusal is printed as a warning and the script goes on: the expect after it is
    /// evaluated. a runs 500 ms of compute on ws1 alone, so it ends at 500 ms unless it moved; in the second
    /// case the first migration (at 10 ms) goes on and the refused second one leaves it at one migration.
    @Test(arguments: [
        ("crash ws2\ntry migrate a to ws2\nrun\nexpect a.turnaround == 500ms",
         "migration refused: ws2 is down: it cannot take 'a'"),
        ("at 10ms { migrate a to ws2 }\nat 10ms { try migrate a to ws3 }\nrun\nexpect a.migrations == 1",
         "migration refused: 'a' is migrating already"),
        ("at 600ms { try migrate a to ws2 }\nrun\nexpect a.turnaround == 500ms", "migration refused: 'a' has ended"),
    ])
    func tryAllowsARefusal(_ tail: String, _ warning: String) {
        let (status, sink, _) = ScriptHarness.run(R + tail)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        #expect(sink.errorText.contains("warning: " + warning), "\(sink.errorText)")
        #expect(sink.text.contains("expect  ok"), "\(sink.text)")
    }

    /// Without 'try', a refusal inside an `at` block is a runtime error at that statement (status 3), like
    /// any other failed operation there; the help names the way out of a lock.
    @Test func refusalWithoutTryStops() {
        let script = "cluster { server fs1; workstation ws1, ws2 }\nprogram p { lock L; compute 100ms; unlock L }\n"
            + "spawn p as a on ws1\nat 10ms { migrate a to ws2 }\nrun"
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .runtimeError)
        #expect(sink.errorText.contains("test.sprite:4:11: error: 'a' cannot leave its node: it holds a lock"),
                "\(sink.errorText)")
        #expect(sink.errorText.contains("help: migrate it before its 'lock' or after its 'unlock'"))
    }
}
