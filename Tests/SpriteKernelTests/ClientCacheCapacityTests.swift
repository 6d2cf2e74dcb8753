import Testing
import SpriteKernel

/// A client cache never holds more than its size: a file larger than the cache
/// is read and written through, least recently used files leave to make room,
/// and a dirty one is written back before its space is reused.
@Suite("File system: client cache capacity")
struct ClientCacheCapacityTests {
    /// fs1 (32MB, 20ms disk at 1MB/s) serves `/`; ws1 is an 8MB diskless
    /// client whose cache holds `blocks` 4KB blocks; files /a, /b, /c of 4KB.
    static func rig(blocks: Int64, policy: WritePolicyKind = .delayedWrite,
                    consistency: ConsistencyKind = .sprite) throws -> (sim: Simulation, ws1: Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .sprite1988, topology: .bus))
        let fs1 = try sim.addNode(NodeSpec(name: "fs1", role: .server, memoryBytes: 32 << 20,
                                           disk: DiskDrive(accessTime: .ms(20), bytesPerSecond: 1 << 20)))
        let ws1 = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 8 << 20))
        var config = FileSystemConfig()
        config.writePolicy = policy
        config.consistency = consistency
        sim.configureFileSystem(config)
        sim.setDomain("/", server: fs1)
        sim.setClientCache(node: ws1, enabled: true, capacityBlocks: blocks)
        for path in ["/a", "/b", "/c"] { _ = sim.createFile(on: ws1, path: path, size: 4096, directory: false) }
        sim.runToIdle()
        return (sim, ws1)
    }

    static func readSession(_ sim: Simulation, _ node: Int, _ path: String) -> Int32 {
        _ = sim.openFile(on: node, path: path, writable: false)
        let read = sim.readFile(on: node, path: path)
        _ = sim.closeFile(on: node, path: path)
        return read
    }

    /// Runs to idle a millisecond at a time, checking the cache never holds more than its size.
    static func runWithinCapacity(_ sim: Simulation, _ node: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        while sim.hasPendingEvents, sim.now < .s(3600) {
            _ = sim.run(until: sim.now + .ms(1))
            let state = sim.cacheState(of: node)
            #expect(state.usedBlocks <= state.capacityBlocks, "at \(sim.now)", sourceLocation: sourceLocation)
        }
    }

    @Test func aFileLargerThanTheCacheIsReadThroughAndNotKept() throws {
        let (sim, ws1) = try Self.rig(blocks: 2)
        _ = sim.createFile(on: ws1, path: "/big", size: 3 * 4096, directory: false)
        _ = sim.openFile(on: ws1, path: "/big", writable: false)
        _ = sim.readFile(on: ws1, path: nil)
        _ = sim.readFile(on: ws1, path: nil)
        Self.runWithinCapacity(sim, ws1)
        // Three blocks do not fit in two: both reads go to the server.
        #expect(sim.fileSystemStatistics.clientMisses == 2)
        #expect(sim.fileSystemStatistics.clientHits == 0)
        #expect(sim.cachedFiles(of: ws1).isEmpty)
    }

    @Test func aGigabyteWrittenOnASmallWorkstationGoesThroughToTheServer() throws {
        // Half of 8MB is 2048 blocks; 1GB is 262144.
        let (sim, ws1) = try Self.rig(blocks: 2048)
        _ = sim.openFile(on: ws1, path: "/huge", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: nil, size: 1 << 30, append: false)
        _ = sim.writeFile(on: ws1, path: nil, text: nil, size: 1 << 30, append: true)
        _ = sim.closeFile(on: ws1, path: nil)
        Self.runWithinCapacity(sim, ws1)
        #expect(sim.cacheState(of: ws1).usedBlocks == 0)
        #expect(sim.file(atPath: "/huge")?.size == 2 << 30)
        // Each 1GB write goes through in RPCs of at most 16KB (sprite-1988): 65536 each.
        #expect(sim.fileSystemStatistics.rpcs["write"] == 2 * (1 << 30) / (16 << 10))
    }

    @Test func theLeastRecentlyUsedFileLeavesToMakeRoom() throws {
        let (sim, ws1) = try Self.rig(blocks: 2)
        for path in ["/a", "/b", "/c"] { _ = Self.readSession(sim, ws1, path) }
        Self.runWithinCapacity(sim, ws1)
        #expect(sim.cachedFiles(of: ws1).map(\.path) == ["/b", "/c"])
        // /c is still cached; /a left when /c came in.
        _ = Self.readSession(sim, ws1, "/c")
        _ = Self.readSession(sim, ws1, "/a")
        Self.runWithinCapacity(sim, ws1)
        #expect(sim.fileSystemStatistics.clientHits == 1)
        #expect(sim.fileSystemStatistics.clientMisses == 4)
        #expect(sim.cachedFiles(of: ws1).map(\.path) == ["/a", "/c"])
    }

    @Test func aDirtyFileIsWrittenBackBeforeItsSpaceIsReused() throws {
        let (sim, ws1) = try Self.rig(blocks: 2)
        _ = sim.openFile(on: ws1, path: "/a", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: Array("dirty".utf8), size: 5, append: false)
        _ = sim.closeFile(on: ws1, path: nil)
        _ = Self.readSession(sim, ws1, "/b")
        sim.runToIdleOrDaemon()
        #expect(sim.file(atPath: "/a")?.version == 0, "nothing written back yet")
        sim.traceLevel = .operations
        _ = sim.drainTrace()
        _ = sim.openFile(on: ws1, path: "/c", writable: false)
        let read = sim.readFile(on: ws1, path: nil)
        sim.runToIdleOrDaemon()
        // /a was the least recently used: its data reached the server before /c took its place.
        #expect(sim.file(atPath: "/a")?.version == 1)
        let flushes = sim.drainTrace().compactMap { record -> (SimTime, FlushReason)? in
            if case .fileFlushed(let path, _, _, let why) = record.event, path == "/a" { return (record.time, why) }
            return nil
        }
        #expect(flushes.map(\.1) == [.eviction])
        #expect(try sim.op(read).finishedAt.map { $0 >= flushes[0].0 } == true)
        #expect(sim.cachedFiles(of: ws1).map(\.path) == ["/b", "/c"])
        // The read waited for the write-back: it took longer than the same read with room to spare.
        let (spare, ws) = try Self.rig(blocks: 3)
        _ = Self.readSession(spare, ws, "/b")
        spare.runToIdle()
        _ = spare.openFile(on: ws, path: "/c", writable: false)
        let plain = spare.readFile(on: ws, path: nil)
        spare.runToIdle()
        let waited = try #require(try sim.op(read).elapsed)
        let alone = try #require(try spare.op(plain).elapsed)
        #expect(waited > alone)
        // A crash now loses nothing: the dirty data left the cache through the server.
        sim.crash(ws1)
        #expect(sim.crashLosses.isEmpty)
    }

    @Test func aDirtyFileThatOutgrowsTheCacheGoesThroughWithEverythingItHeld() throws {
        let (sim, ws1) = try Self.rig(blocks: 2)
        _ = sim.openFile(on: ws1, path: "/a", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: nil, size: 4096, append: false)
        let grow = sim.writeFile(on: ws1, path: nil, text: nil, size: 8192, append: true)
        sim.runToIdleOrDaemon()
        #expect(sim.cachedFiles(of: ws1).isEmpty)
        // 12KB at the server: the first write travelled with the second, as one 12KB write.
        #expect(sim.file(atPath: "/a")?.size == 12_288)
        #expect(sim.fileSystemStatistics.bytesToServer == 12_288)
        #expect(try sim.op(grow).status == .done)
        // Nothing is left for a crash to lose or for the server to recall.
        _ = sim.closeFile(on: ws1, path: nil)
        sim.runToIdleOrDaemon()
        sim.crash(ws1)
        #expect(sim.crashLosses.isEmpty)
        #expect(sim.fileSystemStatistics.recalls == 0)
    }

    /// While the grown file is on its way, the server has nothing to recall from
    /// the client: an open by another client meanwhile makes no extra version.
    @Test func dataOnItsWayThroughIsNotRecalled() throws {
        let (sim, ws1) = try Self.rig(blocks: 2)
        let ws2 = try sim.addNode(NodeSpec(name: "ws2", role: .workstation, memoryBytes: 8 << 20))
        _ = sim.openFile(on: ws1, path: "/a", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: nil, size: 4096, append: false)
        let grow = sim.writeFile(on: ws1, path: nil, text: nil, size: 8192, append: true)
        while try sim.op(grow).status != .running { _ = sim.run(until: sim.now + .us(1)) }
        #expect(sim.cachedFiles(of: ws1).first?.entry.dirty == false, "its writes are in flight")
        _ = sim.openFile(on: ws2, path: "/a", writable: false)
        sim.runToIdleOrDaemon()
        #expect(sim.fileSystemStatistics.recalls == 0)
        #expect(sim.file(atPath: "/a")?.version == 1)
    }

    @Test func aSmallerCacheSendsItsDirtyDataToTheServerAsItShrinks() throws {
        let (sim, ws1) = try Self.rig(blocks: 3)
        _ = sim.openFile(on: ws1, path: "/a", writable: true)
        _ = sim.writeFile(on: ws1, path: nil, text: Array("dirty".utf8), size: 5, append: false)
        _ = sim.closeFile(on: ws1, path: nil)
        _ = Self.readSession(sim, ws1, "/b")
        _ = Self.readSession(sim, ws1, "/c")
        sim.runToIdleOrDaemon()
        #expect(sim.cacheState(of: ws1).usedBlocks == 3)
        sim.setClientCache(node: ws1, enabled: true, capacityBlocks: 1)
        #expect(sim.cacheState(of: ws1).usedBlocks <= 1)
        #expect(sim.cachedFiles(of: ws1).map(\.path) == ["/c"])
        Self.runWithinCapacity(sim, ws1)
        #expect(sim.file(atPath: "/a")?.version == 1)
        #expect(sim.crashLosses.isEmpty)
    }

    /// Random sessions of reads, writes and appends on six files, under each
    /// write policy: the cache never holds more than its size.
    @Test(arguments: [WritePolicyKind.delayedWrite, .writeOnClose, .writeThrough])
    func noScheduleFillsTheCacheBeyondItsSize(_ policy: WritePolicyKind) throws {
        let (sim, ws1) = try Self.rig(blocks: 4, policy: policy)
        var random = SplitMix(state: 7)
        let paths = ["/a", "/b", "/c", "/d", "/e", "/f"]
        for _ in 0..<40 {
            let path = paths[Int(random.next() % 6)]
            _ = sim.openFile(on: ws1, path: path, writable: true)
            switch random.next() % 3 {
            case 0: _ = sim.readFile(on: ws1, path: nil)
            case 1: _ = sim.writeFile(on: ws1, path: nil, text: nil, size: Int64(random.next() % 12_000), append: false)
            default: _ = sim.writeFile(on: ws1, path: nil, text: nil, size: Int64(random.next() % 6_000), append: true)
            }
            _ = sim.readFile(on: ws1, path: nil)
            _ = sim.closeFile(on: ws1, path: nil)
        }
        Self.runWithinCapacity(sim, ws1)
        #expect(sim.fileSystemStatistics.clientHits > 0)
    }
}

/// A small deterministic generator (splitmix64) for the random schedules.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private extension Simulation {
    /// Runs until only the delayed-write daemon is left (or nothing).
    func runToIdleOrDaemon() { _ = run(until: now + .s(1)) }
}

@Suite("File system: steps served from memory")
struct LocalStepTests {
    /// A cache hit ends after a local message and the copy (sprite-1988: 100 µs + 4KB at 8 MB/s = 612 µs);
    /// a crash in between fails it, and the restarted node's next step runs as usual.
    @Test func aCrashDuringACacheHitFailsIt() throws {
        let (sim, ws1) = try ClientCacheCapacityTests.rig(blocks: 4)
        _ = sim.openFile(on: ws1, path: "/a", writable: false)
        _ = sim.readFile(on: ws1, path: nil)
        sim.runToIdle()
        let start = sim.now
        let hit = sim.readFile(on: ws1, path: nil)
        _ = sim.run(until: start + .us(300))
        #expect(try sim.op(hit).status == .running)
        sim.crash(ws1)
        #expect(try sim.op(hit).status == .failed(.nodeDown(node: ws1)))
        #expect(try sim.op(hit).finishedAt == start + .us(300))
        sim.restart(ws1)
        let again = ClientCacheCapacityTests.readSession(sim, ws1, "/a")
        sim.runToIdle()
        // The cache came back empty: that read was a miss, and cached /a again.
        #expect(try sim.op(again).status == .done)
        #expect(try sim.op(again).elapsed.map { $0 > .ms(1) } == true)
        _ = sim.openFile(on: ws1, path: "/a", writable: false)
        let hitAfter = sim.readFile(on: ws1, path: "/a")
        sim.runToIdle()
        #expect(try sim.op(hitAfter).elapsed == .us(612))
    }
}

/// A crash while a smaller cache's dirty file is on its way to the server loses that write, though
/// the cache let the copy go as it sent it.
@Suite("File system: a write evicted on its way is lost in a crash")
struct EvictedWriteCrashTests {
    @Test func aCrashLosesAnEvictedWriteInFlight() throws {
        let (sim, ws1) = try ClientCacheCapacityTests.rig(blocks: 4)
        _ = sim.openFile(on: ws1, path: "/a", writable: true)
        _ = sim.writeFile(on: ws1, path: "/a", text: Array("dirty".utf8), size: 5, append: false)
        _ = sim.closeFile(on: ws1, path: "/a")
        // Delayed write: still dirty in ws1's cache 1 s later (the daemon writes it back after 30 s).
        _ = sim.run(until: sim.now + .ms(1000))
        sim.setClientCache(node: ws1, enabled: true, capacityBlocks: 0)
        #expect(sim.cacheState(of: ws1).usedBlocks == 0)
        sim.crash(ws1)
        #expect(sim.crashLosses.map(\.path) == ["/a"])
    }
}
