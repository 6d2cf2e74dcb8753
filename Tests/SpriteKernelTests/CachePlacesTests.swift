import Testing
@testable import SpriteKernel

/// The engine's side of the four places: blocks a client holds stay within its cache's size, a range read
/// makes one call a block, and the same run gives the same times.
@Suite("File system: the four places")
struct CachePlacesTests {
    /// A file server and one workstation with a disk, the server holding a 64-block file.
    private func cluster() throws -> (Simulation, server: Int, client: Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20))
        var spec = NodeSpec(name: "ws", role: .workstation, memoryBytes: 8 << 20)
        spec.disk = .standard
        let client = try sim.addNode(spec)
        sim.setDomain("/", server: server)
        _ = sim.createFile(on: server, path: "/f", size: 64 * 4096, directory: false)
        sim.runToIdle()
        return (sim, server, client)
    }

    /// Block-level caching keeps each block fetched, but never more than the client cache's blocks: the
    /// least recently used leave first. 64 blocks read into an 8-block cache leave the last 8.
    @Test func heldBlocksStayWithinTheCache() throws {
        let (sim, _, client) = try cluster()
        sim.setAccessModel(node: client, .blocks)
        sim.setClientCache(node: client, enabled: true, capacityBlocks: 8)
        _ = sim.openFile(on: client, path: "/f", writable: false)
        let read = sim.readBlocks(on: client, path: "/f", first: 0, last: 63)
        sim.runToIdle()
        #expect(try sim.op(read).status == .done)
        #expect(sim.heldBlockCount(of: client) == 8)
        let file = try #require(sim.fs.fileIndex["/f"])
        let held = sim.fs.places.held[client]?.blocks.keys.filter { $0.file == file }.map(\.block).sorted()
        #expect(held == Array(56...63))
        #expect(sim.fileSystemStatistics.rpcs["read"] == 64)
    }

    /// With read-ahead 4 the range still makes exactly one call a block (the calls ahead stay within it),
    /// and a second run of the same script gives the same finishing time to the nanosecond.
    @Test func readAheadMakesOneCallABlockAndIsDeterministic() throws {
        func run() throws -> (SimTime, Int) {
            let (sim, _, client) = try cluster()
            var config = sim.fileSystemConfig
            config.readAhead = 4
            sim.configureFileSystem(config)
            _ = sim.openFile(on: client, path: "/f", writable: false)
            let read = sim.readBlocks(on: client, path: "/f", first: 0, last: 63)
            sim.runToIdle()
            let record = try sim.op(read)
            #expect(record.status == .done)
            return (record.finishedAt ?? .zero, sim.fileSystemStatistics.rpcs["read"] ?? 0)
        }
        let first = try run(), second = try run()
        #expect(first.1 == 64)
        #expect(first.0 == second.0)
    }

    /// The disk cache survives a crash and restart; an open that finds a newer version at the server drops it.
    @Test func theDiskCacheSurvivesARestartUntilANewerVersion() throws {
        let (sim, server, client) = try cluster()
        #expect(sim.setDiskCache(node: client, capacityBytes: nil))
        _ = sim.openFile(on: client, path: "/f", writable: false)
        _ = sim.readBlock(on: client, path: "/f", block: 2)
        _ = sim.closeFile(on: client, path: "/f")
        sim.runToIdle()
        sim.crash(client)
        sim.restart(client)
        var config = sim.fileSystemConfig
        config.writePolicy = .writeThrough
        sim.configureFileSystem(config)
        #expect(sim.diskCache(of: client)?.files.map(\.path) == ["/f"])
        _ = sim.openFile(on: server, path: "/f", writable: true)
        _ = sim.writeFile(on: server, path: "/f", text: nil, size: 4096, append: false)
        _ = sim.closeFile(on: server, path: "/f")
        sim.runToIdle()
        _ = sim.openFile(on: client, path: "/f", writable: false)
        sim.runToIdle()
        #expect(sim.diskCache(of: client)?.files.isEmpty == true)
    }
}
