import Testing
@testable import SpriteScript

/// Copies kept outside the whole-file cache (blocks held in memory, the disk cache) obey the consistency
/// protocol as the whole-file cache does: every access model gives the verdicts the protocol gives.
struct CachePlacesProtocolTests {
    private func run(_ script: String, count: Int) throws -> [[String: Any]] {
        try FSScript.runExpecting(script, expectations: count)
    }

    /// Sprite, write-through. ws holds /f open and has block 3 (held under `blocks`, on its disk under
    /// `files` with a disk cache). w2's open for writing is concurrent write-sharing: fs1 disables caching
    /// on ws until ws closes, and w2 writes version 1 through. ws's next read of block 3 must go to fs1:
    /// a block read call served from fs1's memory (the write put it there), 7.8965ms, fresh under UNIX.
    /// After ws closes and opens again (version 1), the block fetched at 7.8965ms is of version 1: under
    /// `blocks` it is kept and read locally (0.612ms). No read is stale, whichever the model.
    @Test(arguments: ["access ws blocks", "cache ws disk"])
    func writeSharingDisablesHeldAndDiskCopies(_ setting: String) throws {
        let script = CachePlacesScriptTests.sprite1988 + setting + """

            on ws { open /f r; read block 3 as a }
            run
            on w2 { open /f rw; write 64KB; close }
            run
            on ws { read block 3 as b; close }
            run
            on ws { open /f r; read block 3 as c; close }
            run
            expect b.time == 7.8965ms within 0.01%
            expect stale-reads == 0
            expect stats.caching-disabled == 1

            """
        let objects = try run(script, count: 3)
        let b = try #require(FSScript.events(objects, "file.read").first { $0["label"] as? String == "b" })
        #expect(b["unix_verdict"] as? String == "fresh")
    }

    static let bigFile = """
        cluster {
          network ethernet preset sprite-1988
          server fs1
          workstation ws disk fujitsu-eagle memory 4MB
          workstation w3 diskless memory 4MB
        }
        domain / on fs1
        on fs1 { create /big size 8MB }
        on ws, w3 { stat /big }
        run
        access ws, w3 whole-file

        """

    /// w3's cache is 4MB / 2 = 2MB, 512 blocks; /big is 2048 blocks. The open does not download what the cache
    /// could not keep (AFS bounds its fetches by its cache): one open call, no pieces (rpc.open 1). Block 3
    /// then passes through as under `files`: first from fs1's disk, 7.8965 + 27.7772 = 35.6737ms, then from
    /// fs1's memory, 7.8965ms: 2 read calls.
    @Test func aWholeFileOpenDoesNotDownloadWhatTheCacheCannotHold() throws {
        let script = Self.bigFile + """
            on w3 { open /big r; read block 3 as first; read block 3 as again; close }
            run
            expect stats.rpc.open == 1
            expect stats.rpc.read == 2
            expect first.time == 35.6737ms within 0.01%
            expect again.time == 7.8965ms within 0.01%

            """
        _ = try run(script, count: 4)
    }

    /// ws has a 64MB disk cache: the 8MB file fits there, so the open downloads it in 8MB / 16KB = 512
    /// pieces of rpc-size, the first in the open's own reply: 512 open calls. It is kept
    /// on the disk (not in the 2MB memory): both reads of block 3 are disk-cache hits, no read call is made.
    @Test func aWholeFileOpenKeepsWhatFitsOnTheDiskCache() throws {
        let script = Self.bigFile + """
            cache ws disk
            on ws { open /big r; read block 3; read block 3; close }
            run
            expect stats.rpc.open == 512
            expect stats.rpc.read == 0
            expect stats.disk-cache-hits == 2

            """
        _ = try run(script, count: 3)
    }

    /// A restart empties the prefix table, so the open after it must broadcast; partitioned, nobody
    /// answers: 6 attempts 100ms apart, 600ms. The disk cache still holds version 0 of /f's blocks 0..3
    /// (the disk survives the crash), so the open falls back to it (disconnected) and the 4 block reads
    /// come from the disk, judged stale (fs1 holds version 1): 4 disconnected reads, 1 stale read step.
    /// /g was never on the disk: its open fails because fs1 did not answer, not for want of a domain.
    @Test func aRestartedClientReadsItsDiskCacheDisconnected() throws {
        let script = CachePlacesScriptTests.sprite1988 + """
            cache ws disk
            access ws blocks
            on fs1 { create /g size 4KB }
            on ws { open /f r; read /f blocks 0..3; close }
            run
            on w2 { open /f w; write 64KB; close }
            run
            crash ws
            restart ws
            partition ws | fs1, w2, w3
            on ws { open /f r as cut; read /f blocks 0..3 as dr; close }
            run
            expect cut.time == 600ms within 1%
            expect stats.disconnected-reads == 4
            expect stale-reads == 1
            on ws { try open /g r }
            run

            """
        let (status, sink, _) = FSScript.run(script)
        let text = sink.output.joined(separator: "\n")
        #expect(status == .ok)
        #expect(!text.contains("FAILED  "), "an expectation failed:\n\(text)")
        #expect(text.contains("disconnected: the server did not answer"))
        #expect(text.contains("open /g on ws FAILED: no answer from fs1 after 6 attempts"))
        #expect(!text.contains("no domain covers"))
    }

    /// sprite-1988 caps an RPC at 16KB (rpc-size), 4 blocks of 4KB. 16 blocks: batch 16 is one 64KB call,
    /// 4 RPCs; batch 8 two 32KB calls, 2 RPCs each: 4; batch 3 five 12KB calls and one 4KB call: 6 RPCs.
    /// The trace's "write calls" and stats.rpc.write count the same RPCs.
    @Test(arguments: [(16, 4), (8, 4), (3, 6)])
    func aBatchPastRpcSizeCountsItsRpcs(_ batch: Int, _ rpcs: Int) throws {
        let script = CachePlacesScriptTests.sprite1988 + """
            cache client policy write-through batch \(batch)
            on w2 { open /f rw; write /f blocks 0..15; close }
            run
            expect stats.rpc.write == \(rpcs)

            """
        let objects = try run(script, count: 1)
        let written = try #require(FSScript.events(objects, "file.write-blocks").first)
        #expect(written["calls"] as? Int == rpcs)
    }

    /// A disk cache of 8KB holds 2 blocks. Reading blocks 1, 2, 3 keeps the 2 most recent: {2, 3} (oldest
    /// first), not nothing. After a restart: block 1 misses and is stored, pushing out 2 -> {3, 1}; block 3
    /// is a disk hit -> {1, 3}; block 2 misses, pushing out 1 -> {3, 2}. One disk-cache hit, and the disk
    /// holds 2 of 2 blocks.
    @Test func aFileLargerThanTheDiskCacheKeepsItsMostRecentBlocks() throws {
        let script = CachePlacesScriptTests.sprite1988 + """
            cache ws disk size 8KB
            on ws { open /f r; read block 1; read block 2; read block 3; close }
            run
            crash ws
            restart ws
            on ws { open /f r; read block 1; read block 3; read block 2; close }
            run
            expect stats.disk-cache-hits == 1
            show cache ws

            """
        let (status, sink, _) = FSScript.run(script)
        let text = sink.output.joined(separator: "\n")
        #expect(status == .ok)
        #expect(text.contains("disk cache of ws: 2 of 2 blocks: /f version 0 (2 blocks)"))
        #expect(!text.contains("FAILED"))
    }

    /// ws writes /f through (version 1): the server's reply says it holds what ws wrote, so ws's disk cache
    /// keeps version 1 in place of version 0. Partitioned, the open gives up after 600ms and opens the
    /// disk's version 1, which is the server's: the read is fresh (not stale, not a failure).
    @Test func aClientsOwnWriteThroughKeepsItsDiskCopyCurrent() throws {
        let script = CachePlacesScriptTests.sprite1988 + """
            cache ws disk
            on ws { open /f r; read; close }
            run
            on ws { open /f rw; write 64KB; close }
            run
            partition ws | fs1, w2, w3
            on ws { open /f r as cut; read as dr; close }
            run
            expect cut.time == 600ms within 1%
            expect stale-reads == 0
            expect stats.disconnected-reads == 1

            """
        _ = try run(script, count: 3)
    }

    /// The four places, one read each (the script of oneBlockFromEachOfTheFourPlaces): fs1 reads block 3
    /// from its disk first, then has it in memory; w2's whole-file read caches /f, so its next block read is
    /// from client memory; ws's block 5 after the restart is on its disk. A disconnected read says so.
    @Test func eachReadNamesThePlaceThatServedIt() throws {
        let script = CachePlacesScriptTests.sprite1988 + """
            cache ws disk
            on w2 { open /f r; read block 3 as serverdisk; read block 3 as servermemory; read; read block 3 as m }
            run
            on ws { open /f r; read block 5; close }
            run
            crash ws
            restart ws
            on ws { open /f r; read block 5 as clientdisk; close }
            run
            partition ws | fs1, w2, w3
            on ws { open /f r; read block 5 as cut; close }
            run

            """
        let objects = try run(script, count: 0)
        let reads = FSScript.events(objects, "file.read")
        func read(_ label: String) -> [String: Any]? { reads.first { $0["label"] as? String == label } }
        #expect(read("serverdisk")?["place"] as? String == "server-disk")
        #expect(read("servermemory")?["place"] as? String == "server-memory")
        #expect(read("m")?["place"] as? String == "client-memory")
        #expect(read("clientdisk")?["place"] as? String == "client-disk")
        #expect(read("clientdisk")?["disconnected"] == nil)
        #expect(read("cut")?["place"] as? String == "client-disk")
        #expect(read("cut")?["disconnected"] as? Bool == true)
        let (_, text, _) = FSScript.run(script)
        #expect(text.output.joined().contains("(4KB from client disk)"))
        #expect(text.output.joined().contains("(4KB from server disk)"))
    }
}
