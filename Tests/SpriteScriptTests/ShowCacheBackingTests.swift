import Foundation
import Testing
@testable import SpriteScript

/// With bypass off `show cache` lists the backing files whose pages the client cache holds (double caching).
@Suite struct ShowCacheBackingTests {
    /// Examples/double-caching's bypass-off loop at 10s: the client cache (128 blocks of 4KB) is full of the
    /// last 64 faults' pairs of pages of /swap/ws1.loop.data: 128 blocks, 512KB; the 64 victims written there
    /// are dirty (delayed write, not yet 30s old).
    @Test func backingPagesAreRowsOfTheirFile() throws {
        let script = """
            cluster {
              network preset sprite-1988
              server fs1 disk fujitsu-eagle
              workstation ws1 memory 1MB diskless
            }
            domain / on fs1
            vm ws1 bypass off
            space loop { data 1MB; touch 100us; writes 100%; pattern loop 256 pages }
            program loop space loop { compute 51.2ms; sleep 100s }
            spawn loop as loop on ws1
            advance 10s
            show cache ws1
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.errorText)")
        let text = sink.output.joined(separator: "\n")
        let row = "/swap/ws1.loop.data  -        512KB  64 dirty pages  -          -        backing  VM pages"
        #expect(text.contains(row), "\(text)")
        let (jsonStatus, jsonSink, _) = ScriptHarness.run(script, options: ScriptHarness.options(format: .json))
        #expect(jsonStatus == .ok)
        let objects = try ScriptHarness.jsonObjects(jsonSink.output)
        let table = try #require(objects.first { $0["table"] as? String == "cache" })
        let rows = try #require(table["rows"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["size_bytes"] as? Int == 512 * 1024)
        #expect(rows.first?["caching"] as? String == "backing")
        #expect(rows.first?["dirty"] as? Bool == true)
    }
}
