import Testing
@testable import SpriteScript

/// NFS checks a copy whose attribute-cache entry has expired with a getattr and fetches it again only if the
/// file changed (CSE 513, "NFS - client caching (reads)"), wherever the copy is kept: held blocks and disk-cache
/// copies follow the rule a cached whole file's read follows.
///
/// Figures, sprite-1988 (docs/COST-MODEL.md): a message of P bytes (64 B of RPC header included) costs
/// 650 µs at each end, a copy of P / 5.4 MB/s at each end, (P + 64) × 0.8 µs on the wire and 10 µs.
/// - getattr: request 64 + 16 = 80 B: 1300 + 2 × 14.815 + 144 × 0.8 + 10 = 1454.83 µs; 100 µs of call-cpu;
///   reply 64 + 64 B of attributes = 128 B: 1300 + 2 × 23.704 + 192 × 0.8 + 10 = 1511.01 µs; 3.06584 ms.
/// - a block the client holds: a local call and a 4KB copy, 100 + 512 = 612 µs; a block read call 7.8965 ms.
/// - /f was created at 0s, so at 1000s and after its timeout is a tenth of its age capped at 30 s: 30 s.
struct ExpiredCopiesTests {
    static let cluster = """
        cluster {
          network ethernet preset sprite-1988
          server fs1
          workstation ws disk fujitsu-eagle
          workstation w2 diskless
        }
        domain / on fs1
        on fs1 { create /f size 64KB }
        on ws, w2 { stat /f }
        on fs1 { open /f r; read; close }      # /f into fs1's memory
        run

        """

    private func run(_ script: String, count: Int) throws -> [[String: Any]] {
        try FSScript.runExpecting(Self.cluster + script, expectations: count)
    }

    /// ws holds block 3 from 1000s (a block read call). At 1040s its entry is 40 s old, past the 30 s timeout:
    /// one getattr finds /f unchanged and the held block serves, 3.06584 + 0.612 = 3.67784 ms, no read call.
    /// At 1080s the four held blocks 0..3 are 40 s past their check: one getattr vouches for all four,
    /// 3.06584 + 4 × 0.612 = 5.51384 ms. w2 then writes /f (its close flushes under NFS) and at 1120s ws's
    /// check finds a new modification time: the held block is dropped and read again, 3.06584 + 7.8965 =
    /// 10.96234 ms (fs1's memory holds w2's version), fresh. Before, each expiry was a read call without a
    /// getattr: 7.8965 ms at 1040s, four read calls at 1080s.
    @Test func heldBlocksAreCheckedWithAGetattrWhenTheirTimeoutExpires() throws {
        _ = try run("""
            consistency nfs
            access ws blocks
            at 1000s { on ws { open /f r; read block 3 as b1; read blocks 0..3 as r1 } }
            at 1040s { on ws { read block 3 as b3; read block 3 as b4 } }
            at 1080s { on ws { read blocks 0..3 as r2 } }
            at 1100s { on w2 { open /f w; write 64KB; close } }
            at 1120s { on ws { read block 3 as b5; close } }
            run
            expect b1.time == 7.8965ms within 0.01%
            expect b3.time == 3.67784ms within 0.01%
            expect b4.time == 612us
            expect r2.time == 5.51384ms within 0.01%
            expect b5.time == 10.96234ms within 0.01%
            expect stats.rpc.getattr == 5          # the two stats, then ws's 3 checks
            expect stats.rpc.read == 9             # fs1's own 4 pieces, b1, r1's blocks 0..2, b5
            expect stale-reads unix == 0

            """, count: 8)
    }

    /// `cache ws disk` (whole files in memory, blocks on the disk): ws reads block 3 at 1000s (a block read
    /// call, written to its disk behind); at 1040s the disk copy is past its timeout: a getattr, then the
    /// disk, 3.06584 + 28.3892 (the Eagle at random 27.7772 + 0.612) = 31.45504 ms. Before, a read call.
    @Test func aDiskCopyIsCheckedWithAGetattrToo() throws {
        _ = try run("""
            consistency nfs
            cache ws disk
            at 1000s { on ws { open /f r; read block 3 as d1 } }
            at 1040s { on ws { read block 3 as d2; close } }
            run
            expect d2.time == 31.45504ms within 0.01%
            expect stats.disk-cache-hits == 1
            expect stats.rpc.read == 5

            """, count: 3)
    }

    /// `consistency nfs timeout 1ns`: every read checks (as NFS mounted noac, near enough). b2 begins the
    /// instant b1's block arrived (its server's word is 0 ns old): a local read, 612 µs. b3 begins 612 µs
    /// later: a getattr finds /f unchanged and the held block serves, 3.67784 ms, never a second read call.
    @Test func aTinyTimeoutChecksEveryReadAndStillUsesTheCopy() throws {
        _ = try run("""
            consistency nfs timeout 1ns
            access ws blocks
            at 1000s { on ws { open /f r; read block 3 as b1; read block 3 as b2; read block 3 as b3; close } }
            run
            expect b2.time == 612us
            expect b3.time == 3.67784ms within 0.01%
            expect stats.rpc.read == 5

            """, count: 3)
    }
}
