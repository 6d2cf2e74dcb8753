import Testing
@testable import SpriteScript

/// The interpreter keeps the checker's report until the history changes. A
/// version reaching its server later (a delayed write-back) changes the
/// history without adding an event, so the report must be judged again.
struct SemanticsRevisionTests {
    @Test func aLaterWriteBackIsSeenByTheNextExpect() {
        // No protocol and delayed-write: b's v2 and a's v1 stay dirty in the
        // caches until the daemon; only then does v2 replace v1 at the server.
        let (status, sink, _) = FSScript.run("""
            cluster { server fs1; workstation a, b diskless }
            domain / on fs1
            consistency none
            cache client policy delayed-write
            on a { open /f w; write "v0"; close }
            advance 61s
            on b { open /f rw; read }
            advance 1s
            on a { open /f w; write "v1"; close }
            advance 1s
            on b { write "v2"; close }
            advance 1s
            expect lost-updates == 0
            advance 61s
            expect lost-updates == 1

            """)
        #expect(status == .ok, "\((sink.output + sink.errors).joined(separator: "\n"))")
    }
}
