import Testing
@testable import SpriteScript

/// `read … block N` returns block N alone: its text, its trace line and its JSON
/// content are the block's bytes, while the checker judges the version it came from.
struct BlockReadScriptTests {
    /// 4096 a's fill block 0; "TAIL" is block 1, 4 bytes.
    static let script = """
        cluster { server fs1; workstation a, b }
        domain / on fs1
        cache b off
        on a { open /f w; write "\(String(repeating: "a", count: 4096))TAIL"; close; create /g size 64KB }
        at 1s { on b { open /f r; read block 1 as k1; read block 0 as k0; close; open /g r; read block 3 as k3 } }
        at 2s { on a { open /f r; read block 1 as c1; close } }
        run
        expect k1.text == "TAIL"
        expect k1.bytes == 4B
        expect k0.bytes == 4KB
        expect c1.text == "TAIL"
        expect read b /f == "\(String(repeating: "a", count: 4096))"
        expect k3.bytes == 4KB
        expect stale-reads unix == 0

        """

    @Test func aBlockReadReturnsThatBlockAlone() throws {
        let (status, sink, _) = FSScript.run(Self.script, format: .json)
        let objects = try FSScript.objects(sink)
        let results = FSScript.expectations(objects)
        #expect(results.count == 7)
        for (condition, result) in results where !result.ok { Issue.record("\(condition): actual \(result.actual)") }
        #expect(status == .ok)
        let reads = FSScript.events(objects, "file.read")
        #expect(reads.count == 4)
        #expect(reads.first?["content"] as? String == "TAIL")
        #expect(reads.first?["block"] as? Int == 1)
        #expect(reads.first?["unix_verdict"] as? String == "fresh")
        // Data known only by size: the block's size, not the file's.
        let sized = try #require(reads.first { $0["label"] as? String == "k3" })
        #expect((sized["content"] as? [String: Any])?["size_bytes"] as? Int == 4096)
    }

    @Test func theTraceLineNamesTheBlockAndShowsItsBytes() {
        let (_, sink, _) = FSScript.run(Self.script)
        let text = sink.output.joined(separator: "\n")
        #expect(text.contains("read /f block 1 -> \"TAIL\" (4B from server)"))
        #expect(text.contains("read /f block 1 -> \"TAIL\" (4B from cache)"))
        #expect(text.contains("read /g block 3 -> (4KB of data)"))
    }
}
