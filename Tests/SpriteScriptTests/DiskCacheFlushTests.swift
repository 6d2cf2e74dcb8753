import Testing
@testable import SpriteScript

/// A client with a disk cache (`cache NODE disk`) that flushes its dirty data to the server keeps the version it
/// flushed on its disk, as a write-through does (the write itself drops the disk's older copy): after a crash and
/// restart, or cut off from the server, it reads what it wrote.
struct DiskCacheFlushTests {
    static let cluster = """
        cluster {
          network ethernet preset sprite-1988
          server fs1
          workstation ws disk fujitsu-eagle
          workstation w2 diskless
        }
        domain / on fs1
        cache ws disk
        on fs1 { create /f size 64KB }
        on ws, w2 { stat /f }
        run

        """

    /// ws reads /f (version 0, onto its disk), writes "new" and closes. delayed-write keeps it dirty until the
    /// daemon (flush 5 s, age 30 s under sprite-1988) writes it back at 35 s; write-on-close sends it at the
    /// close. Either way fs1 now holds version 1 and ws's disk must too. At 60 s ws crashes and restarts (its
    /// memory empty) and cannot reach fs1: its broadcast for /f goes unanswered after 6 attempts 100 ms apart
    /// (600 ms) and the open takes the disk's copy; the read is its 3 bytes from the Eagle at random
    /// (25.5738 + 2.2033 ms, the transfer of a whole 4KB block) and a local step of 100 µs + 3 B at 8 MB/s:
    /// 27.8775 ms, "new", fresh (fs1 holds version 1). Before, the flush left the disk empty and the open failed.
    @Test(arguments: ["delayed-write", "write-on-close"])
    func aFlushLeavesTheFlushedVersionOnTheDisk(_ policy: String) throws {
        let script = Self.cluster + """
            cache client policy \(policy)
            on ws { open /f r; read; close }
            on ws { open /f rw; write "new"; close }
            run
            at 60s { echo "flushed" }
            run
            crash ws
            restart ws
            partition ws | fs1, w2
            on ws { open /f r as cut; read as dr; close }
            run
            expect cut.time == 600ms within 1%
            expect dr.time == 27.8775ms within 0.01%
            expect read ws /f == "new"
            expect stale-reads == 0
            expect stats.disconnected-reads == 1

            """
        let (status, sink, _) = FSScript.run(script, format: .json)
        let objects = try FSScript.objects(sink)
        let results = FSScript.expectations(objects)
        #expect(results.count == 5)
        for (condition, result) in results where !result.ok { Issue.record("\(condition): actual \(result.actual)") }
        #expect(status == .ok)
        let flushes = FSScript.events(objects, "file.writeback")
        #expect(flushes.map { $0["reason"] as? String } == [policy == "delayed-write" ? "daemon" : "close"])
    }
}
