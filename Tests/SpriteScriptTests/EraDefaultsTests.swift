import Foundation
import Testing
@testable import SpriteScript

/// An era preset supplies the era's machines for what a script does not
/// declare (docs/COST-MODEL.md, "An era's machines"): under sprite-1988,
/// workstations of 8 MB, servers of 16 MB with a Fujitsu Eagle, 4 KB blocks,
/// and a delayed-write daemon every 5 s for blocks dirty 30 s.
@Suite struct EraDefaultsTests {
    private func rows(_ cluster: String) throws -> [[String: Any]] {
        let result = ScriptHarness.run("cluster {\n\(cluster)\n}\nshow nodes",
                                       options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let show = ScriptHarness.events(try ScriptHarness.jsonObjects(result.sink.output), "show")
        return try #require(show.first?["rows"] as? [[String: Any]])
    }

    private let nodes = """
        server fs1
        workstation ws1 diskless
        workstation ws2 memory 4MB diskless
        node both1 role both
        server fs2 disk 20ms rate 2MB/s
        """

    @Test(arguments: [true, false])
    func theBlocksPresetGivesItsNodesTheErasMachinesWhereverItStands(presetFirst: Bool) throws {
        let network = "network ethernet preset sprite-1988"
        let rows = try rows(presetFirst ? network + "\n" + nodes : nodes + "\n" + network)
        #expect(rows.map { $0["memory_bytes"] as? Int } == [16 << 20, 8 << 20, 4 << 20, 8 << 20, 16 << 20])
        #expect(rows.map { $0["disk_drive"] as? String } == ["fujitsu-eagle", nil, nil, "fujitsu-eagle", nil])
        // A declared disk wins over the era's: 20 ms with no rotation.
        #expect(rows[4]["disk_latency_ns"] as? Int == 20_000_000)
        #expect(rows[1]["disk_latency_ns"] is NSNull)
    }

    @Test func aPresetOfNoEraKeepsTheGenericMachines() throws {
        let rows = try rows("network preset modern\n" + nodes)
        #expect(rows.map { $0["memory_bytes"] as? Int } == [16 << 20, 16 << 20, 4 << 20, 16 << 20, 16 << 20])
        #expect(rows[0]["disk_latency_ns"] as? Int == 20_000_000)
        #expect(rows[0]["disk_drive"] is NSNull)
    }

    @Test func showNodesAndShowNetworkSayWhatCameFromTheEra() {
        let result = ScriptHarness.run("""
            cluster {
            \(nodes)
            network ethernet preset sprite-1988
            }
            cache client policy delayed-write age 20s
            show nodes
            show network
            """)
        let text = result.sink.output.joined(separator: "\n")
        #expect(text.contains("memory from the era (sprite-1988): fs1, ws1, both1, fs2"), "\(text)")
        #expect(text.contains("disk from the era (sprite-1988): fs1, both1"), "\(text)")
        #expect(!text.contains("fs1, both1, fs2"), "\(text)")
        // The age was declared, so only the block size and the daemon's period are the era's.
        #expect(text.contains("cache policy from the era: block 4KB, flush 5s"), "\(text)")
        #expect(!text.contains("flush 5s, age"), "\(text)")
    }

    /// A write closed at 1 s is dirty for 30 s at 31 s. The era's daemon wakes every 5 s,
    /// so it goes to the server at 35 s; the generic daemon, every 30 s, not before 60 s.
    /// A crash at 36 s therefore loses nothing under the era and the write otherwise.
    @Test(arguments: [("", 0), ("cache client policy delayed-write flush 30s\n", 1)])
    func theErasDaemonWritesBackEveryFiveSecondsUnlessThePolicySaysOtherwise(policy: String, lost: Int) {
        // The policy line comes before the preset: what it declares still wins.
        let result = ScriptHarness.run(policy + """
            cluster {
              server fs1
              workstation ws1 diskless
              network ethernet preset sprite-1988
            }
            domain / on fs1
            at 1s { on ws1 { open /log rw; write "entry 1"; close } }
            at 36s { crash ws1 }
            run
            expect crash-losses == \(lost)
            """)
        #expect(result.status == .ok, "\(result.sink.output) \(result.sink.errors)")
    }

    @Test func aPresetOfAnotherEraAfterNodesWereDeclaredWarns() {
        let late = ScriptHarness.diagnostics("cluster { server fs1 }\ncluster { network preset sprite-1988 }")
        #expect(late.count == 1)
        #expect(late.first?.severity == .warning)
        #expect(late.first?.message.contains("fs1 keeps the memory and disk") == true, "\(late)")
        // The same era again, or a preset in the block that declares the nodes, is no surprise.
        #expect(ScriptHarness.diagnostics("""
            cluster { server fs1; network preset v-1983 }
            cluster { network preset v-1983-10mhz }
            """).isEmpty)
    }
}
