import Testing
@testable import SpriteKernel

/// Page-ins and page-outs through the file system (Sprite backs VM with ordinary files): a block transfer
/// costs what `read PATH block N` costs, counts as that call, and leaves its blocks in the server's cache.
///
/// sprite-1988, a 4 KB page from the server's cache, by hand (1.17 us a byte: 0.8 on the wire, two copies
/// at 5.4 MB/s; 650 us of protocol at each end; 64 B of header a packet; MTU 1500; 10 us latency):
/// - request 64 + 24 = 88 B, one packet: 650 + 16.296 (copy out) + 121.6 (152 B on the wire) + 10 + 650
///   + 16.296 (copy in) = 1464.193 us;
/// - server CPU (read) 100 us;
/// - reply 64 + 4096 = 4160 B, three packets (4352 B on the wire): 650 + 770.370 + 3481.6 + 10 + 650
///   + 770.370 = 6332.341 us;
/// - total 7896.535 us: the 7.8965 ms of DESIGN-9 §6 (seeds/README's 7.887 ms for a whole 4 KB read,
///   whose request is 8 B shorter). A page-out sends 64 + 24 + 4096 B and gets 64 B back: the same bytes
///   in the same packets the other way round, so the same time.
@Suite("Block transfers: paging through the file system")
struct BlockTransferTests {
    /// 7.8965 ms as the engine rounds it: each copy and wire time is rounded to the nanosecond, so the
    /// page-out's pieces (4184 B out, 64 B back) land 2 ns from the page-in's (88 B out, 4160 B back).
    static let pageIn = SimTime.ns(7_896_536)
    static let pageOut = SimTime.ns(7_896_534)

    /// fs1 (an Eagle, the whole tree) and ws1, diskless, on sprite-1988's Ethernet.
    private func cluster(memory: Int64 = 8 << 20) throws -> (Simulation, fs1: Int, ws1: Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .sprite1988, topology: .bus))
        let fs1 = try sim.addNode(NodeSpec(name: "fs1", role: .server, disk: .fujitsuEagle))
        let ws1 = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: memory))
        sim.configureFileSystem(FileSystemConfig())
        sim.setDomain("/", server: fs1)
        return (sim, fs1, ws1)
    }

    private func transfer(_ kind: BlockTransfer.Kind, _ ws1: Int, _ file: Int, block: Int64 = 0,
                          bypass: Bool = true) -> BlockTransfer {
        BlockTransfer(kind: kind, client: ws1, file: file, block: block, bytes: 4096, tag: 7,
                      bypassesClientCache: bypass)
    }

    /// Runs the transfer alone, event by event until it ends, and returns how long it took; then runs on to
    /// idle (a delayed-write daemon may still have work).
    private func timed(_ sim: Simulation, _ transfer: BlockTransfer) -> SimTime {
        let start = sim.now
        let ended = { sim.fs.backing.statistics.pageReads + sim.fs.backing.statistics.pageWrites }
        let before = ended()
        sim.startBlockTransfer(transfer)
        while ended() == before, sim.run(eventLimit: 1) == .eventLimit {}
        let took = sim.now - start
        _ = sim.run(until: sim.now + .s(1))
        return took
    }

    @Test func aPageOutAndAPageInEachTakeWhatABlockReadTakes() throws {
        let (sim, fs1, ws1) = try cluster()
        let file = try #require(sim.backingFile(directory: "/swap", name: "ws1.7.data", client: ws1))
        #expect(timed(sim, transfer(.write, ws1, file)) == Self.pageOut)
        #expect(sim.fileSystemStatistics.rpcs["write"] == 1)
        // The server caches the backing block (seed 002) and writes its disk behind.
        #expect(sim.fs.serverCaches[fs1]?.contains(BlockKey(file: file, block: 0)) == true)
        #expect(sim.fileSystemStatistics.diskWrites >= 1)
        #expect(sim.file(file).size == 4096)

        #expect(timed(sim, transfer(.read, ws1, file)) == Self.pageIn)
        #expect(sim.fileSystemStatistics.rpcs["read"] == 1)
        #expect(sim.fileSystemStatistics.serverRequests[fs1] == 2)
        #expect(sim.fileSystemStatistics.serverHits == 1)
        #expect(sim.fs.backing.statistics.pageReads == 1 && sim.fs.backing.statistics.pageWrites == 1)
        #expect(sim.fs.blockTransfers.live == 0)

        // `read PATH block 0` of a 4 KB file in fs1's cache takes the same.
        let (other, _, client) = try cluster()
        other.setClientCache(node: client, enabled: false)
        _ = other.createFile(on: client, path: "/f", size: 4096, directory: false)
        _ = other.openFile(on: client, path: "/f", writable: false)
        _ = other.readBlock(on: client, path: "/f", block: 0)
        other.runToIdle()
        let warm = other.readBlock(on: client, path: "/f", block: 0)
        other.runToIdle()
        let record = try other.op(warm)
        #expect(try #require(record.finishedAt) - #require(record.startedAt) == Self.pageIn)
    }

    /// A page-in of a block no one wrote misses the server's cache and waits for its disk.
    @Test func aColdPageInWaitsForTheServersDisk() throws {
        let (sim, _, ws1) = try cluster()
        let file = try #require(sim.backingFile(directory: "/swap", name: "ws1.7.data", client: ws1))
        #expect(timed(sim, transfer(.read, ws1, file, block: 3)) > Self.pageIn + .ms(20))
        #expect(sim.fileSystemStatistics.serverMisses == 1)
    }

    @Test func aBackingFileIsMadeInItsDirectorysDomain() throws {
        let (sim, fs1, ws1) = try cluster()
        let fs2 = try sim.addNode(NodeSpec(name: "fs2", role: .server))
        sim.setDomain("/swap", server: fs2)
        let data = try #require(sim.backingFile(directory: "/swap", name: "ws1.7.data", client: ws1))
        let stack = try #require(sim.backingFile(directory: "/swap/", name: "ws1.7.stack", client: ws1))
        #expect(sim.file(data).server == fs2 && sim.file(data).path == "/swap/ws1.7.data")
        #expect(stack != data && sim.file(stack).server == fs2)
        // Made once: the next page-out of the process finds it.
        #expect(sim.backingFile(directory: "/swap", name: "ws1.7.data", client: ws1) == data)
        #expect(sim.backingFile(directory: "/tmp", name: "x", client: ws1) != nil)
        #expect(sim.file(atPath: "/tmp/x")?.server == fs1)

        // A mount applies: /swap on ws2 is fs3's exported /export.
        let fs3 = try sim.addNode(NodeSpec(name: "fs3", role: .server))
        let ws2 = try sim.addNode(NodeSpec(name: "ws2", role: .workstation))
        sim.export("/export", on: fs3)
        _ = sim.mount(on: ws2, server: fs3, remote: "/export", at: "/swap")
        sim.runToIdle()
        let mounted = try #require(sim.backingFile(directory: "/swap", name: "ws2.1.data", client: ws2))
        #expect(sim.file(mounted).path == "/fs3/export/ws2.1.data" && sim.file(mounted).server == fs3)

        // No server holds a directory outside every domain.
        let lonely = Simulation(seed: 1, network: NetworkConfig(preset: .sprite1988))
        let node = try lonely.addNode(NodeSpec(name: "ws", role: .workstation))
        #expect(lonely.backingFile(directory: "/swap", name: "p", client: node) == nil)
    }

    /// Bypass off, the page passes through ws1's file cache: the first page-in is a call (7.8965 ms), the
    /// second a hit at local-cost + copy = 100 us + 4096 B at 8 MB/s (512 us) = 612 us, with no call.
    @Test func withoutBypassASecondPageInHitsTheClientCache() throws {
        let (sim, _, ws1) = try cluster()
        let file = try #require(sim.backingFile(directory: "/swap", name: "ws1.7.data", client: ws1))
        _ = timed(sim, transfer(.write, ws1, file))
        #expect(timed(sim, transfer(.read, ws1, file, bypass: false)) == Self.pageIn)
        #expect(sim.clientCacheHolds(node: ws1, file: file, block: 0))
        #expect(timed(sim, transfer(.read, ws1, file, bypass: false)) == .us(612))
        #expect(sim.fileSystemStatistics.rpcs["read"] == 1)
        #expect(sim.fileSystemStatistics.clientHits == 1 && sim.fs.backing.statistics.clientCacheHits == 1)
        // Bypass on, the same page-in goes to the server again.
        #expect(timed(sim, transfer(.read, ws1, file)) == Self.pageIn)
    }

    /// Bypass off under delayed write, a page-out stays dirty in the client cache (612 us, no call); a cache
    /// too small for the next evicts it, and the page-out needing the room waits for its write-back
    /// (one write call, 7.8965 ms) before its own copy.
    @Test func withoutBypassAPageOutStaysDirtyUntilEvicted() throws {
        let (sim, fs1, ws1) = try cluster()
        let file = try #require(sim.backingFile(directory: "/swap", name: "ws1.7.data", client: ws1))
        sim.setClientCache(node: ws1, enabled: true, capacityBlocks: 1)
        #expect(timed(sim, transfer(.write, ws1, file, bypass: false)) == .us(612))
        #expect(sim.fileSystemStatistics.rpcs["write"] == nil)
        #expect(sim.hasDirtyBackingPages(ws1))
        #expect(timed(sim, transfer(.write, ws1, file, block: 1, bypass: false)) == Self.pageOut + .us(612))
        #expect(sim.fileSystemStatistics.rpcs["write"] == 1)
        #expect(sim.fs.backing.statistics.pagesWrittenBack == 1)
        #expect(sim.fs.serverCaches[fs1]?.contains(BlockKey(file: file, block: 0)) == true)
        #expect(!sim.clientCacheHolds(node: ws1, file: file, block: 0))
        #expect(sim.clientCacheHolds(node: ws1, file: file, block: 1))
    }

    /// A transfer whose server never answers ends with that failure after every retransmission.
    @Test func anUnansweredTransferFails() throws {
        let (sim, fs1, ws1) = try cluster()
        let file = try #require(sim.backingFile(directory: "/swap", name: "ws1.7.data", client: ws1))
        sim.crash(fs1)
        sim.startBlockTransfer(transfer(.read, ws1, file))
        sim.runToIdle()
        #expect(sim.fs.backing.statistics.failedTransfers == 1)
        #expect(sim.fs.blockTransfers.live == 0)
    }

    /// A server that crashes holding the request: the transfer gives up timeout × (retries + 1) = 600 ms after
    /// the crash, as a file call does. A client that crashes: its transfers end at once, unheard.
    @Test func crashesEndTransfersAsTheyEndFileCalls() throws {
        let (sim, fs1, ws1) = try cluster()
        let file = try #require(sim.backingFile(directory: "/swap", name: "ws1.7.data", client: ws1))
        sim.startBlockTransfer(transfer(.read, ws1, file))
        // The 88 B request arrives at 1.464 ms; at 1.5 ms the server is serving it (its reply leaves at 1.564).
        _ = sim.run(until: .us(1500))
        sim.crash(fs1)
        sim.runToIdle()
        #expect(sim.fs.backing.statistics.failedTransfers == 1 && sim.fs.blockTransfers.live == 0)
        #expect(sim.now == .us(1500) + .ms(600))

        sim.restart(fs1)
        sim.startBlockTransfer(transfer(.write, ws1, file))
        sim.crash(ws1)
        #expect(sim.fs.backing.statistics.failedTransfers == 2 && sim.fs.blockTransfers.live == 0)
        sim.runToIdle()
        #expect(sim.fs.backing.statistics.pageWrites == 0)
    }

    /// Steady paging reuses its slab slots: ten transfers at a time, a thousand times, leave ten slots, no
    /// file call (the closures a file call keeps) and every slot free.
    @Test func manyTransfersDoNotGrowTheSlab() throws {
        let (sim, _, ws1) = try cluster()
        let file = try #require(sim.backingFile(directory: "/swap", name: "ws1.7.data", client: ws1))
        func rounds(_ count: Int) {
            for _ in 0..<count {
                for block in Int64(0)..<10 {
                    sim.startBlockTransfer(transfer(block < 5 ? .write : .read, ws1, file, block: block % 5))
                }
                _ = sim.run()
            }
        }
        rounds(1000)
        #expect(sim.fs.blockTransfers.slotCount == 10 && sim.fs.blockTransfers.live == 0)
        #expect(sim.fs.calls.isEmpty && sim.fs.nextCall == 0)
        #expect(sim.fileSystemStatistics.rpcs["read"] == 5000 && sim.fileSystemStatistics.rpcs["write"] == 5000)
    }
}
