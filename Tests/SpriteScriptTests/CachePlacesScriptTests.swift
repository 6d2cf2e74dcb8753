import Testing
@testable import SpriteScript

/// The four places to cache, access models, read-ahead and batching, as scripts use them. Every figure
/// is derived by hand from the cost model (docs/COST-MODEL.md, "The four places"); the scripts' own
/// `expect` lines hold them, and each test checks that every one of them passed.
struct CachePlacesScriptTests {
    /// Runs `script` as JSON and returns its expectations, recording every failed one.
    private func expectations(_ script: String, count: Int) throws -> [[String: Any]] {
        try FSScript.runExpecting(script, expectations: count)
    }

    static let sprite1988 = """
        cluster {
          network ethernet preset sprite-1988
          server fs1
          workstation ws disk fujitsu-eagle
          workstation w2, w3 diskless
        }
        domain / on fs1
        cache client policy write-through
        on fs1 { create /f size 64KB }
        run

        """

    /// sprite-1988, one 4KB block: client memory = a local call (100us) + a 4KB copy (512us) = 0.612ms;
    /// client disk = the Eagle at random (25.5738 + 2.2033) + 0.612 = 28.3892ms; server memory = a block
    /// read call, 7.8965ms; server disk = 7.8965 + 27.7772 = 35.6737ms.
    @Test func oneBlockFromEachOfTheFourPlaces() throws {
        let script = Self.sprite1988 + """
            cache ws disk
            on w2 { open /f r; read block 3 as serverdisk; read block 3 as servermemory; read; read block 3 as m }
            run
            on ws { open /f r; read block 5 as fetched; close }
            run
            crash ws
            restart ws
            on ws { open /f r; read block 5 as clientdisk; close }
            run
            expect serverdisk.time == 35.6737ms within 0.01%
            expect servermemory.time == 7.8965ms within 0.01%
            expect m.time == 612us
            expect clientdisk.time == 28.3892ms within 0.01%
            expect stats.disk-cache-hits == 1

            """
        let objects = try expectations(script, count: 5)
        let reads = FSScript.events(objects, "file.read")
        #expect(reads.first { $0["label"] as? String == "clientdisk" }?["source"] as? String == "cache")
    }

    /// The server does not answer: the open gives up after 6 attempts 100ms apart (600ms) and opens the
    /// disk cache's version 0, whose block is then read from the disk (28.3892ms). fs1 holds version 1,
    /// so the read is stale, and says why. After the partition heals, the next open drops the old copy.
    @Test func aDisconnectedReadIsServedFromTheDiskCacheAndJudgedStale() throws {
        let script = Self.sprite1988 + """
            cache ws disk
            on ws { open /f r; read block 3; close }
            run
            on w2 { open /f w; write 64KB; close }
            run
            partition ws | fs1, w2, w3
            on ws { open /f r as cutoff; read block 3 as gone; close }
            run
            expect cutoff.time == 600ms within 1%
            expect gone.time == 28.3892ms within 0.01%
            expect stale-reads == 1
            expect stats.disconnected-reads == 1
            heal
            on ws { open /f r; read block 3 as back; close }
            run
            expect back.time == 7.8965ms within 0.01%
            expect stale-reads == 1

            """
        let objects = try expectations(script, count: 5)
        let gone = try #require(FSScript.events(objects, "file.read").first { $0["label"] as? String == "gone" })
        #expect(gone["unix_verdict"] as? String == "stale")
        #expect((gone["why"] as? String)?.hasPrefix("disconnected:") == true)
        #expect((gone["why"] as? String)?.contains("version 0 (the server holds version 1)") == true)
    }

    /// A range read in a disconnected session takes every block from the disk cache: each is one
    /// disconnected read, and the step is judged stale with the same reason.
    @Test func aDisconnectedRangeReadComesFromTheDisk() throws {
        let script = Self.sprite1988 + """
            cache ws disk
            on ws { open /f r; read blocks 0..3; close }
            run
            on w2 { open /f w; write 64KB; close }
            run
            partition ws | fs1, w2, w3
            on ws { open /f r; read blocks 0..3 as gone; close }
            run
            expect stats.disconnected-reads == 4
            expect gone.bytes == 16KB

            """
        let objects = try expectations(script, count: 2)
        let range = try #require(FSScript.events(objects, "file.read-blocks").last)
        #expect(range["client_blocks"] as? Int == 4)
        #expect(range["calls"] as? Int == 0)
        #expect(range["unix_verdict"] as? String == "stale")
        #expect((range["why"] as? String)?.hasPrefix("disconnected:") == true)
    }

    /// A write in a session the disk cache opened fails: only reads are served disconnected.
    @Test func writesStillFailWhenDisconnected() {
        let script = Self.sprite1988 + """
            cache ws disk
            on ws { open /f r; read; close }
            run
            partition ws | fs1, w2, w3
            on ws { try open /f w }
            run

            """
        let (_, sink, _) = FSScript.run(script)
        #expect(sink.output.joined(separator: "\n").contains("open /f on ws FAILED: no answer from fs1"))
    }

    /// Example 6: three reads a session (block 3, 3 again, 4), two sessions. remote: every read is a call,
    /// 6 x 4KB; blocks: blocks 3 and 4 once, 2 x 4KB; whole-file: no read call, the open brings 64KB.
    @Test func remoteBlocksAndWholeFileCountTheirCalls() throws {
        let script = Self.sprite1988 + """
            access w2 remote
            access w3 blocks
            on w2, w3 { stat /f }
            run
            on w2 { open /f r; read block 3; read block 3; read block 4; close }
            on w2 { open /f r; read block 3; read block 3; read block 4; close }
            run
            expect stats.rpc.read == 6
            on w3 { open /f r; read block 3; read block 3 as hit; read block 4; close }
            on w3 { open /f r; read block 3; read block 3; read block 4; close }
            run
            expect stats.rpc.read == 8
            expect hit.time == 612us
            access w2 whole-file
            on w2 { open /f r as download; read block 3 as local; close }
            run
            expect stats.rpc.read == 8
            expect local.time == 612us

            """
        // Two conditions read alike ("stats.rpc.read == 8"): four distinct ones.
        let objects = try expectations(script, count: 4)
        // remote moves only the bytes asked: each read's reply is one 4KB block.
        let remote = FSScript.events(objects, "file.read").filter { $0["node"] as? String == "w2" }
        #expect(remote.prefix(6).allSatisfy { $0["bytes"] as? Int == 4096 && $0["source"] as? String == "server" })
    }

    /// `batch 4`: 16 blocks go in 4 write calls of 4KB, not 16 of 1KB.
    @Test func batchFourMakesFourWriteCalls() throws {
        let script = Self.sprite1988 + """
            cache client policy write-through block 1KB batch 4
            on w2 { open /f w; write blocks 0..15 as batched; close }
            run
            expect stats.rpc.write == 4

            """
        let objects = try expectations(script, count: 1)
        let written = try #require(FSScript.events(objects, "file.write-blocks").first)
        #expect(written["calls"] as? Int == 4)
        #expect(written["bytes"] as? Int == 16 * 1024)
    }

    /// V's bus, 3 Mbit/s: with read-ahead a block costs at least its 1368 wire bytes (request 88B + 48B of
    /// header, two reply packets of 1088B and their headers, the acknowledgement) = 3.648ms, and less than
    /// the 10.786ms of a call waited for alone.
    @Test func readAheadIsBoundedByTheBus() throws {
        let script = """
            cluster {
              network ethernet preset v-1983 topology bus
              server fs1 memory 16MB disk 20ms rate 1MB/s
              workstation ws memory 2MB diskless
            }
            cache client policy write-through block 1KB read-ahead 4
            domain / on fs1
            on fs1 { create /g size 64KB }
            on ws { open /g r; read blocks 0..63; close }
            run
            on ws { open /g r; read blocks 0..63 as ahead; close }
            run
            expect ahead.time > 233.472ms
            expect ahead.time < 690.3ms
            expect stats.read-aheads > 100

            """
        let objects = try expectations(script, count: 3)
        let range = try #require(FSScript.events(objects, "file.read-blocks").last)
        #expect(range["calls"] as? Int == 64)
        #expect(range["bytes"] as? Int == 64 * 1024)
    }

    /// Old scripts keep their tables: the four places' rows appear only once a script uses them.
    @Test func statisticsRowsAppearOnlyWhenUsed() {
        let plain = FSScript.run(Self.sprite1988 + "show stats\n").sink.output.joined(separator: "\n")
        #expect(!plain.contains("disk-cache-hits"))
        let used = FSScript.run(Self.sprite1988 + "access w2 blocks\nshow stats\n").sink.output.joined(separator: "\n")
        #expect(used.contains("disk-cache-hits"))
        #expect(used.contains("read-aheads"))
    }
}

/// The errors of the four places' statements: each at its caret, with a suggestion.
struct CachePlacesDiagnosticTests {
    private static let header = "cluster { server fs1; workstation ws1; workstation ws2 diskless }\ndomain / on fs1\n"

    private func first(_ body: String) throws -> Diagnostic {
        try #require(ScriptHarness.diagnostics(Self.header + body).first, "no diagnostic for \(body)")
    }

    @Test func anUnknownAccessWordSuggestsTheNearest() throws {
        let d = try first("access ws1 whole-files")
        #expect(d.message == "unknown access model 'whole-files'; did you mean 'whole-file'?")
        #expect(d.span?.line == 3)
        #expect(d.span?.column == 12)
        #expect(d.help == "access models: files blocks whole-file remote")
    }

    @Test func aMissingAccessModelIsAskedForWithAnAn() throws {
        let d = try first("access ws1")
        #expect(d.message.contains("expected an access model"))
    }

    @Test func anAccessModelIsAClients() throws {
        let d = try first("access fs1 remote")
        #expect(d.message.hasPrefix("fs1 is a server"))
        #expect(d.span?.column == 8)
    }

    @Test func aBlockRangeMustNotRunBackwards() throws {
        let d = try first("on ws1 { open /f r; read /f blocks 5..2 }")
        #expect(d.message == "the block range 5..2 runs backwards: 5 is past 2")
        #expect(d.span?.column == 36)
        #expect(d.help == "write the first block first, as in blocks 2..5")
    }

    @Test func aServerReadAheadIsAServers() throws {
        let d = try first("cache ws1 on read-ahead 8")
        #expect(d.message.hasPrefix("ws1 is a workstation"))
    }

    @Test func aDiskCacheOnADisklessNodeIsARuntimeError() {
        let (status, sink, _) = FSScript.run(Self.header + "cache ws2 disk\n")
        #expect(status == .runtimeError)
        let text = sink.errors.joined(separator: "\n")
        #expect(text.contains("ws2 has no disk: a disk cache lives on the client's own drive"))
        #expect(text.contains("    cache ws2 disk\n          ^~"))
    }

    @Test func aMisspeltCacheWordSuggestsDisk() throws {
        let d = try first("cache ws1 dsk")
        #expect(d.message == "expected on, off or disk, found 'dsk'; did you mean 'disk'?")
    }
}

/// Server read-ahead and what a client's own writes do to the places that hold the file.
struct CachePlacesReadAheadTests {
    /// fs1 reads 8 blocks past each sequential miss. Without it every block is a call and the run continues
    /// on the disk: 31.763 + 63 x (10.786 + 0.977) = 772.83ms. With it, blocks 1..8 are in fs1's memory when
    /// asked (read behind block 0's reply, 8 x 0.977ms, while the next call crosses the bus); only blocks
    /// 9, 18, …, 63 miss, each continuing the run: 31.763 + 63 x 10.786 + 7 x 0.977 = 718.1ms. The misses
    /// read 7 x 8 = 56 blocks ahead (block 63 is the last: nothing after it), 64 disk reads in all.
    @Test func serverReadAheadFillsTheServersMemory() throws {
        let script = """
            cluster {
              network ethernet preset v-1983 topology bus
              server fs1 memory 16MB disk 20ms rate 1MB/s
              workstation ws memory 2MB diskless
            }
            cache client policy write-through block 1KB
            cache fs1 on read-ahead 8
            domain / on fs1
            on fs1 { create /g size 64KB }
            on ws { stat /g }
            run
            on ws { open /g r; read blocks 0..63 as seq; close }
            run
            expect seq.time == 718.1ms within 0.1%
            expect stats.server-read-aheads == 56
            expect stats.disk-reads == 64

            """
        let (status, sink, _) = FSScript.run(script, format: .json)
        let results = FSScript.expectations(try FSScript.objects(sink))
        #expect(results.count == 3)
        for (condition, result) in results where !result.ok { Issue.record("\(condition): actual \(result.actual)") }
        #expect(status == .ok)
    }

    /// A write makes the disk cache's copy old: the next read in the session must not return it. ws's memory
    /// cache (4KB) cannot hold the 64KB file, so the read after the write finds block 2 on the disk: the
    /// version the write put through to fs1 (version 1), which replaced the old copy there. Fresh, a disk hit.
    @Test func aWriteReplacesTheWritersDiskCopy() throws {
        let script = CachePlacesScriptTests.sprite1988 + """
            cache ws disk
            cache ws on size 4KB
            on ws { open /f rw; read block 2; write 64KB; read block 2 as after; close }
            run
            expect stale-reads == 0
            expect stats.disk-cache-hits == 1

            """
        let (status, sink, _) = FSScript.run(script, format: .json)
        let results = FSScript.expectations(try FSScript.objects(sink))
        #expect(results.count == 2)
        for (condition, result) in results where !result.ok { Issue.record("\(condition): actual \(result.actual)") }
        #expect(status == .ok)
    }
}
