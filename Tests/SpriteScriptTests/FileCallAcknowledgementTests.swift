import Testing
@testable import SpriteScript

/// A fragmented reply is acknowledged once, by one extra packet, for file-system
/// calls as for `rpc`. Under sprite-1988 (1500 B of payload a packet, RPCs of
/// 16 KB) a 1 MB read is 64 read RPCs: a 64 B request (1 packet), a reply of
/// 64 + 16384 B (11 packets), and the reply's acknowledgement (1): 64 × 13 = 832,
/// as `rpc … reply 1MB` (1 + 11 + 1 a call). A 1 MB write sends 11-packet
/// requests whose one-packet replies need no acknowledgement: 64 × 12 = 768.
struct FileCallAcknowledgementTests {
    static let script = """
        cluster {
          network ethernet preset sprite-1988 topology bus
          server fs1 memory 32MB
          workstation a, b memory 8MB diskless
        }
        domain / on fs1
        cache client policy write-through
        on a { create /big size 1MB }
        at 10s { on b { open /big r; read as r1; close } }
        at 20s { on b { open /big w; write 1MB as w1; close } }
        at 30s { rpc a -> fs1 reply 1MB as c1 }
        run
        expect r1.packets == 832
        expect w1.packets == 768
        expect c1.packets == 832

        """

    @Test func aFragmentedFileReplyIsAcknowledgedOnce() throws {
        let (status, sink, _) = FSScript.run(Self.script, format: .json)
        let results = FSScript.expectations(try FSScript.objects(sink))
        #expect(results.count == 3)
        for (condition, result) in results where !result.ok { Issue.record("\(condition): actual \(result.actual)") }
        #expect(status == .ok)
    }
}
