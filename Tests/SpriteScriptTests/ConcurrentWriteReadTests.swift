import Testing
@testable import SpriteScript

/// A read that returns a write which began while the read was on its way is fresh under UNIX semantics (a write
/// concurrent with a read may or may not be seen), in its trace line and in `show outcomes` alike.
struct ConcurrentWriteReadTests {
    /// sprite-1988, write-through. /f holds "old". ws1 opens it to read at 10s, ws2 to write at 11s: concurrent
    /// write-sharing, so fs1 disables caching on both and every read and write is a call. At 12s ws1 is cut off
    /// and reads: its read call's first request is lost. At 12.001s ws2 writes "new" through (fs1 has it at
    /// 12.0041s). At 12.05s the network heals; ws1's retransmission at 12.1s reaches fs1, which answers "new".
    /// The read took 100 ms (one lost attempt) + a read call: request 64 + 16 B, 1300 + 2 × 14.815 + 144 × 0.8
    /// + 10 = 1454.83 µs; read-cpu 100 µs; reply 64 + 3 B, 1300 + 2 × 12.407 + 131 × 0.8 + 10 = 1439.61 µs:
    /// 102.99444 ms.
    /// UNIX requires "old" (the last write before 12s) and allows "new" (begun at 12.001s, inside the read): fresh.
    /// It used to be STALE. Session semantics still expects "old": ws1's session opened at 10s, when "old" was
    /// the committed version, and never saw ws2's close.
    @Test func aReadThatSeesAWriteBegunDuringItIsFresh() throws {
        let script = """
            cluster {
              network ethernet preset sprite-1988
              server fs1
              workstation ws1, ws2 diskless
            }
            domain / on fs1
            cache client policy write-through
            on fs1 { create /f size 1KB; open /f w; write "old"; close }
            on ws1, ws2 { stat /f }
            run
            at 10s { on ws1 { open /f r } }
            at 11s { on ws2 { open /f w } }
            at 12s { partition ws1 | fs1, ws2 }
            at 12s { on ws1 { read as r } }
            at 12.001s { on ws2 { write "new" as w } }
            at 12.05s { heal }
            at 13s { on ws1 { close }; on ws2 { close } }
            run
            expect r.time == 102.99444ms within 0.01%
            expect read ws1 /f == "new"
            expect stale-reads unix == 0
            expect stale-reads session == 1
            show outcomes

            """
        let result = ScriptHarness.run(script, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let objects = try ScriptHarness.jsonObjects(result.sink.output)
        let read = try #require(ScriptHarness.events(objects, "file.read").first)
        #expect(read["unix_verdict"] as? String == "fresh")
        #expect(read["session_verdict"] as? String == "stale")
        let show = try #require(ScriptHarness.events(objects, "show").first { $0["table"] as? String == "outcomes" })
        let rows = try #require(show["rows"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["unix_verdict"] as? String == "fresh")
        #expect(rows.first?["session_verdict"] as? String == "stale")
    }
}
