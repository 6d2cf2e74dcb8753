import Foundation
import Testing
@testable import SpriteScript

/// Lines 1-5: a server, a home and two hosts, the sprite-1988 wire with the SPARCstation 1 migration preset
/// (a remote exec: a 2.9222ms host request, then 53.0007ms frozen, select 18.0002 + state 35.0005;
/// PmakeScriptTests).
private let P = """
    cluster { network ethernet preset sprite-1988; server fs1; workstation ws0, ws1, ws2 }
    domain / on fs1
    migration preset sparcstation-1991
    idle ws1, ws2 after 30s load 1.5
    balance ws0, ws1, ws2 strategy sprite central fs1

    """

/// How a build that did not end well reads: failed jobs, the serial tail's freeze, objects lost in a crash.
@Suite struct PmakeOutcomeScriptTests {
    /// seq (hosts 1): a, b, then c after both, 1s each: 3s. par, the same two at a time, starts at 3s: a goes
    /// to ws1 by remote exec, b runs home; ws1 crashes at 3.5s, killing a (failed) and so c never runs. par
    /// stopped at b's end (about 4.02s), a third of seq's 3s, but built nothing: makespan and speedup read
    /// "the build failed" (the expects fail with it, as on an unfinished build's), and JSON has them null.
    @Test func aFailedBuildHasNoMakespanNorSpeedup() throws {
        let script = P + """
            program one { compute 1s }
            pmake seq on ws0 { job a program one; job b program one; job c program one after a, b }
            run
            pmake par on ws0 hosts 2 { job a program one; job b program one; job c program one after a, b }
            at 3.5s { crash ws1 }
            run
            expect par.failed-jobs == 2
            expect seq.failed-jobs == 0
            expect par.speedup > 1
            expect par.makespan < 3s
            show pmake par
            """
        let (status, sink, _) = FSScript.run(script, format: .json)
        let objects = try FSScript.objects(sink)
        let results = FSScript.expectations(objects)
        #expect(status == .expectationFailed && results.count == 4)
        #expect(Set(results.filter { !$0.value.ok }.keys) == ["par.speedup > 1", "par.makespan < 3s"])
        let table = try #require(objects.first { $0["table"] as? String == "pmake" })
        #expect(table["makespan_ns"] is NSNull && table["speedup"] is NSNull && table["failed_jobs"] as? Int == 2)
        #expect(table["link_ns"] is NSNull && (table["rows"] as? [[String: Any]])?[2]["process"] is NSNull)
        let (_, text, _) = ScriptHarness.run(script)
        #expect(text.text.contains("found the build failed: 2 of 3 jobs failed or never ran"), "\(text.text)")
    }

    /// The serial tail c of par (no file step) took 2.9222 + 53.0007 + 1000 = 1055.9229ms: its host request,
    /// its freeze in the remote exec, then 1s. None of it waits for files: link-wait is 0 and the note names
    /// the freeze.
    @Test func theSerialTailsFreezeIsNotAWaitForFiles() throws {
        let script = P + """
            program one { compute 1s }
            pmake seq on ws0 { job a program one; job b program one; job c program one after a, b }
            run
            pmake par on ws0 hosts 2 { job a program one; job b program one; job c program one after a, b }
            run
            expect par.link-wait == 0s
            expect par.link-time == 1.0559s within 0.01%
            show pmake par
            """
        let objects = try FSScript.runExpecting(script, expectations: 2)
        let table = try #require(objects.first { $0["table"] as? String == "pmake" })
        #expect(abs((table["link_frozen_ns"] as? Int ?? 0) - 53_000_700) < 100)
        let (_, sink, _) = ScriptHarness.run(script)
        #expect(sink.text.contains("0s of it waiting for files and 53.0007ms frozen while it was moved"),
                "\(sink.text)")
    }

    /// w1 (500ms of compute, then writes /o1) runs on ws1 by remote exec and writes at about 0.56s; under
    /// delayed write /o1 stays dirty in ws1's cache (30s). ws1 crashes at 1.5s: the write is lost. The link l
    /// starts after w2 (3s on ws2, about 3.1s) and reads /o1: the file system returns the server's version
    /// (empty) with no error, so every job is done, and the report names the object and its reader.
    @Test func anObjectLostInACrashIsNamedWithItsReader() throws {
        let script = P + """
            program writer { compute 500ms; open /o1 w; write /o1 "obj1"; close /o1 }
            program slow { compute 3s }
            program reader { open /o1 r; read /o1; close /o1; compute 1s }
            pmake b on ws0 hosts 2 {
              job w1 program writer; job w2 program slow; job l program reader after w1, w2 local
            }
            at 1500ms { crash ws1 }
            run
            expect b.failed-jobs == 0
            expect b.lost-objects == 1
            show pmake
            """
        _ = try FSScript.runExpecting(script, expectations: 2)
        let (_, sink, _) = ScriptHarness.run(script)
        #expect(sink.text.contains("/o1 written by w1, lost with ws1 at 1.5s; read after by l"), "\(sink.text)")
    }
}
