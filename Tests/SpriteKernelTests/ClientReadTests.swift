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
        // The open and the read wait behind the create, in the node's shell; once they run, one session is open.
        #expect(sim.queuedFileSteps(busy).count == 2)
        #expect(sim.readClient(busy) { $0.sessions.count } == sim.fileClient(busy).sessions.count)
        sim.runToIdle()
        #expect(sim.readClient(busy) { $0.sessions.count } == 1)
        #expect(sim.readClient(busy) { $0.openOrder } == sim.fileClient(busy).openOrder)
        let cached = try #require(sim.fs.fileIndex["/a"])
        #expect(sim.readClient(busy) { $0.entries[cached]?.size } == 4096)

        // A node that never used the file system reads as a fresh client of half its memory…
        #expect(sim.fileClients[idle] == nil)
        #expect(sim.readClient(idle) { $0.capacityBlocks } == (8 << 20) / 2 / 4096)
        #expect(sim.readClient(idle) { $0.cacheEnabled && $0.sessions.isEmpty && $0.entries.isEmpty })
        #expect(sim.queuedFileSteps(idle).isEmpty)
        // …and still has none afterwards (a client would be listed, crashed, flushed).
        #expect(sim.fileClients[idle] == nil)
    }

    /// updateEntry and updateSession change the value in place, and add none.
    @Test func updatesChangeOnlyWhatIsThere() {
        var client = FileClient(capacityBlocks: 8)
        client.entries[3] = ClientFileEntry(content: 1, size: 10, version: 1, modified: .zero, validatedAt: .zero,
                                            dirty: true, unflushedWrites: [7, 8])
        client.updateEntry(3) { cached in
            cached.dirty = false
            cached.unflushedWrites = []
        }
        client.updateEntry(4) { $0.dirty = true }
        #expect(client.entries.count == 1)
        #expect(client.entries[3]?.dirty == false && client.entries[3]?.unflushedWrites == [])
        #expect(client.entries[3]?.size == 10 && client.entries[3]?.version == 1)

        client.sessions[5] = OpenSession(id: 5, file: 3, writable: true, openedAt: .zero,
                                         committedAtOpen: (content: 1, event: nil))
        client.updateSession(5) { open in
            open.wrote = true
            open.lastWrite = (content: 2, event: 9)
        }
        client.updateSession(6) { $0.wrote = true }
        #expect(client.sessions.count == 1)
        #expect(client.sessions[5]?.wrote == true && client.sessions[5]?.lastWrite?.event == 9)
    }
}
