import Testing
@testable import SpriteScript

/// `read PATH blocks A..B` says where its blocks came from, as a single read's `place` does: per place, how
/// many blocks (docs/OUTPUT.md, `file.read-blocks`).
struct RangeReadPlacesTests {
    /// ws (`access ws blocks`, `cache ws disk`) reads block 0: from fs1's disk, held in memory and written to its
    /// own disk behind. fs1 reads block 2 itself, which leaves it in fs1's memory. ws crashes and restarts: its
    /// memory is empty, its disk keeps block 0. It reads block 1 (held again), then blocks 0..3: block 0 from its
    /// disk, block 1 from its memory, block 2 from fs1's memory, block 3 from fs1's disk (nobody read it yet):
    /// one block from each of the four places, two of them from the client, two read calls.
    @Test func aRangeNamesTheFourPlacesItsBlocksCameFrom() throws {
        let script = """
            cluster {
              network ethernet preset sprite-1988
              server fs1
              workstation ws disk fujitsu-eagle
            }
            domain / on fs1
            cache ws disk
            access ws blocks
            on fs1 { create /f size 64KB }
            on ws { stat /f }
            run
            on fs1 { open /f r; read block 2; close }
            on ws { open /f r; read block 0; close }
            run
            crash ws
            restart ws
            on ws { open /f r; read block 1; read blocks 0..3 as range; close }
            run

            """
        let (status, sink, _) = FSScript.run(script, format: .json)
        #expect(status == .ok)
        let objects = try FSScript.objects(sink)
        let range = try #require(FSScript.events(objects, "file.read-blocks").first)
        #expect(range["client_blocks"] as? Int == 2)
        #expect(range["calls"] as? Int == 2)
        let places = try #require(range["places"] as? [[String: Any]])
        #expect(places.map { $0["place"] as? String } == ["client-memory", "client-disk", "server-memory",
                                                          "server-disk"])
        #expect(places.map { $0["blocks"] as? Int } == [1, 1, 1, 1])

        let (_, text, _) = FSScript.run(script)
        let trace = text.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(trace.contains("2 of 4 blocks from the client, 2 read calls; 1 from cache, 1 from client disk, "
                               + "1 from server, 1 from server disk): fresh [range]"))
    }

    /// v-1983-style read-ahead (`read-ahead 3`) over 8 blocks nobody holds, all in fs1's memory: block 0's call
    /// starts those of blocks 1..3; each read waits for its block on the way, so all 8 come from fs1's memory,
    /// in 2 demand calls and 6 read-aheads. The range says so: server memory 8, nothing from the client.
    @Test func blocksAReadWaitedForComeFromWhereTheServerFoundThem() throws {
        let script = """
            cluster {
              network ethernet preset sprite-1988
              server fs1
              workstation ws diskless
            }
            domain / on fs1
            cache client policy write-through read-ahead 3
            on fs1 { create /f size 32KB; open /f r; read; close }
            on ws { stat /f }
            run
            on ws { open /f r; read blocks 0..7 as range; close }
            run

            """
        let (status, sink, _) = FSScript.run(script, format: .json)
        #expect(status == .ok)
        let range = try #require(FSScript.events(try FSScript.objects(sink), "file.read-blocks").first)
        #expect(range["calls"] as? Int == 8)
        #expect(range["client_blocks"] as? Int == 0)
        let places = try #require(range["places"] as? [[String: Any]])
        #expect(places.map { $0["place"] as? String } == ["server-memory"])
        #expect(places.map { $0["blocks"] as? Int } == [8])
    }
}
