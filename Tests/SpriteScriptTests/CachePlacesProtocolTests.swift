import Testing
@testable import SpriteScript

/// Copies kept outside the whole-file cache (blocks held in memory, the disk cache) obey the consistency
/// protocol as the whole-file cache does: every access model gives the verdicts the protocol gives.
struct CachePlacesProtocolTests {
    private func run(_ script: String, count: Int) throws -> [[String: Any]] {
        let (status, sink, _) = FSScript.run(script, format: .json)
        let objects = try FSScript.objects(sink)
        let results = FSScript.expectations(objects)
        #expect(results.count == count)
        for (condition, result) in results where !result.ok { Issue.record("\(condition): actual \(result.actual)") }
        #expect(status == .ok)
        return objects
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
}
