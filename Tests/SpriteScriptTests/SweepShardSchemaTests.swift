import Foundation
@testable import SpriteScript
import Testing

/// What `run --shard I/N` adds to a sweep's table (`shard`, `cells`, `cell_warnings`) and the note of an
/// expect left to another shard are lines docs/output.schema.json accepts.
struct SweepShardSchemaTests {
    @Test(arguments: [Shard(index: 2, count: 3), Shard(index: 5, count: 8)])
    func shardedLinesValidate(shard: Shard) throws {
        let path = "Examples/sweep-write-policies.sprite"
        let text = try String(contentsOf: GoldenTests.root.appendingPathComponent(path), encoding: .utf8)
        var options = SessionOptions()
        options.format = .json
        options.sweepShard = shard
        let sink = BufferSink()
        let session = Session(options: options, sink: sink)
        #expect(session.runScript(SourceFile(name: path, text: text)) == .ok)
        let sweeps = sink.output.filter { $0.contains("\"table\":\"sweep\"") }
        #expect(sweeps.count == 2 && sweeps.allSatisfy { $0.contains("\"shard\":{\"index\":\(shard.index),") })
        #expect(sink.output.contains { $0.contains("\"severity\":\"note\"") })
        for line in sink.output { JSONSchemaTests.expectValid(line) }
    }
}
