import Testing
@testable import SpriteScript

/// A forked child shares the files its parent has open, as in UNIX (LANGUAGE.md `program`): one session,
/// ended by the last holder's close or end. A spawned child, on another node, starts with none, and its
/// failed step says so.
@Suite("Programs: a forked child shares its parent's open files")
struct ForkOpenFilesTests {
    // p opens /f w (session 0), writes "x" and forks c; c writes "y" in the same session (a write replaces
    // the contents: "y") and closes: p still holds the session, so c's close is a local call (modern
    // preset: 1 us) and ends nothing. p's close, 1 ms later, is the last: it ends session 0 (under sprite
    // a close call to fs1) and commits "y". jill's later read returns "y", fresh under every model: the
    // session closed before jill opened and nothing else wrote /f.
    @Test func aForkedChildWritesAndClosesItsParentsSession() throws {
        let result = ScriptHarness.run("""
            cluster { server fs1; workstation jack, jill }
            domain / on fs1
            consistency sprite
            program c { write "y"; close }
            program p { open /f w; write "x"; fork c; sleep 1ms; close }
            spawn p on jack
            run
            on jill { open /f r; read as r; close }
            run
            expect r.text == "y"
            expect stale-reads unix == 0
            expect stale-reads session == 0
            """, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let objects = try ScriptHarness.jsonObjects(result.sink.output)
        #expect(ScriptHarness.events(objects, "op.failed").isEmpty)
        let closes = ScriptHarness.events(objects, "file.close").filter { $0["path"] as? String == "/f" }
        #expect(closes.map { $0["process"] as? String } == ["p.1", "p", nil])
        #expect(closes.map { $0["session"] as? Int } == [0, 0, 1])
        let times = closes.compactMap { $0["t"] as? Int }
        let writes = ScriptHarness.events(objects, "file.write").compactMap { $0["t"] as? Int }
        // c's close ends 1 us (the local call) after its write ended.
        #expect(writes.count == 2 && times.count == 3 && times[0] - writes[1] == 1_000)
    }

    // c, spawned on jill, has none of p's files: its write and close fail and say which files a child has.
    @Test func aSpawnedChildHasNoneOfItsParentsOpenFiles() throws {
        let result = ScriptHarness.run("""
            cluster { server fs1; workstation jack, jill }
            domain / on fs1
            program c { write "y"; close }
            program p { open /f w; write "x"; spawn c on jill; sleep 1ms; close }
            spawn p on jack
            run
            """, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let failures = ScriptHarness.events(try ScriptHarness.jsonObjects(result.sink.output), "op.failed")
        let message = "no file is open (a child shares only the files its parent had open when it forked it, "
            + "a spawned one none: open it in the child)"
        #expect(failures.map { $0["message"] as? String } == [message, message])
        #expect(failures.map { $0["reason"] as? String } == ["not-open", "not-open"])
        // JSON names the process whose step failed, as the text line does ("write by p.1 on jill FAILED").
        #expect(failures.map { $0["process"] as? String } == ["p.1", "p.1"])
    }

    // The parent's own step without an open file gets no such hint: it is no child.
    @Test func aProcessTheScriptStartedGetsNoChildHint() {
        let result = ScriptHarness.run("""
            cluster { server fs1; workstation jack }
            domain / on fs1
            program p { write "x" }
            spawn p on jack
            run
            """)
        #expect(result.status == .ok, "\(result.sink.errors)")
        let text = result.sink.output.joined(separator: "\n")
        #expect(text.contains("write by p on jack FAILED: no file is open"))
        #expect(!text.contains("child"))
    }
}
