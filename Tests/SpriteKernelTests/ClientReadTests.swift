import Testing
@testable import SpriteKernel

/// `readClient` reads a node's file-system client in place, as `fileClient`
/// reads a copy: the same values, and a node without a client is not given one.
@Suite("File system: reading a client in place")
struct ClientReadTests {
    @Test func readsWhatACopyReadsAndCreatesNoClient() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20))
        let busy = try sim.addNode(NodeSpec(name: "c0", role: .workstation, memoryBytes: 8 << 20))
        let idle = try sim.addNode(NodeSpec(name: "c1", role: .workstation, memoryBytes: 8 << 20))
        sim.setDomain("/", server: server)
        _ = sim.createFile(on: busy, path: "/a", size: 4096, directory: false)
        _ = sim.openFile(on: busy, path: "/a", writable: true)
        _ = sim.readFile(on: busy, path: "/a")
        // The open and the read wait behind the create; once they run, one session is open.
        #expect(sim.readClient(busy) { $0.steps.count } == 2)
        #expect(sim.readClient(busy) { $0.steps.count } == sim.fileClient(busy).steps.count)
        sim.runToIdle()
        #expect(sim.readClient(busy) { $0.sessions.count } == 1)
        #expect(sim.readClient(busy) { $0.openOrder } == sim.fileClient(busy).openOrder)
        let cached = try #require(sim.fs.fileIndex["/a"])
        #expect(sim.readClient(busy) { $0.entries[cached]?.size } == 4096)

        // A node that never used the file system reads as a fresh client of half its memory…
        #expect(sim.fileClients[idle] == nil)
        #expect(sim.readClient(idle) { $0.capacityBlocks } == (8 << 20) / 2 / 4096)
        #expect(sim.readClient(idle) { $0.cacheEnabled && $0.steps.isEmpty && $0.entries.isEmpty })
        // …and still has none afterwards (a client would be listed, crashed, flushed).
        #expect(sim.fileClients[idle] == nil)
    }
}
