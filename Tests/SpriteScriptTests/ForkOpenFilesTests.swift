import Testing
@testable import SpriteScript

/// A child process inherits none of its parent's open files (LANGUAGE.md `program`), and its failed
/// step says so, where a UNIX programmer would expect the parent's files to be shared.
@Suite("Programs: a child starts with no open files")
struct ForkOpenFilesTests {
    // p opens /f and writes "x", forks c, sleeps 1 ms and closes. c's write and close without a PATH find
    // no file open (c has none of p's), fail, and say why; p's own write and close are done, so /f holds "x".
    @Test func aForkedChildHasNoneOfItsParentsOpenFiles() throws {
        let result = ScriptHarness.run("""
            cluster { server fs1; workstation jack }
            domain / on fs1
            program c { write "y"; close }
            program p { open /f w; write "x"; fork c; sleep 1ms; close }
            spawn p on jack
            run
            on jack { open /f r; read as r; close }
            run
            expect r.text == "x"
            """, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let failures = ScriptHarness.events(try ScriptHarness.jsonObjects(result.sink.output), "op.failed")
        let message = "no file is open (a child process starts with none of its parent's open files: "
            + "open it in the child)"
        #expect(failures.map { $0["message"] as? String } == [message, message])
        #expect(failures.map { $0["reason"] as? String } == ["not-open", "not-open"])
        // JSON names the process whose step failed, as the text line does ("write by p.1 on jack FAILED").
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
        #expect(!text.contains("child process"))
    }
}
