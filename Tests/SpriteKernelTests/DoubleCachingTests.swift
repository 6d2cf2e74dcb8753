import Testing
@testable import SpriteKernel

/// Double caching (DESIGN-9 §6 example 4, its transfers issued as the pager issues them): ws1 has 1 MB, a
/// fixed split gives its file cache 512 KB (128 blocks of 4 KB) and VM 128 frames; a loop over 256 data pages
/// with every reference a write faults on every page.
/// - Lap 1: pages 128–255 each push out the oldest resident page (0–127): 128 page-outs.
/// - Lap 2: each fault pushes out page j − 128 (mod 256), then pages j in: 256 page-outs and 256 page-ins.
@Suite("Double caching: backing pages in the client cache")
struct DoubleCachingTests {
    private func loop(bypass: Bool) throws -> (Simulation, fs1: Int, ws1: Int, file: Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .sprite1988, topology: .bus))
        let fs1 = try sim.addNode(NodeSpec(name: "fs1", role: .server, disk: .fujitsuEagle))
        let ws1 = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 1 << 20))
        sim.configureFileSystem(FileSystemConfig())
        sim.setDomain("/", server: fs1)
        let file = try #require(sim.backingFile(directory: "/swap", name: "ws1.loop.data", client: ws1))
        func page(_ kind: BlockTransfer.Kind, _ page: Int) {
            let ended = { sim.backingFileStatistics.pageReads + sim.backingFileStatistics.pageWrites }
            let before = ended()
            sim.startBlockTransfer(BlockTransfer(kind: kind, client: ws1, file: file, block: Int64(page),
                                                 bytes: 4096, tag: 0, bypassesClientCache: bypass))
            while ended() == before, sim.run(eventLimit: 1) == .eventLimit {}
        }
        for j in 128..<256 { page(.write, j - 128) }
        for j in 0..<256 {
            page(.write, (j + 128) % 256)
            page(.read, j)
        }
        return (sim, fs1, ws1, file)
    }

    /// Bypass off: each lap-2 fault puts two pages in the cache (the victim, then page j), so the cache holds
    /// the last 64 faults' pairs, and page j, pushed out 128 or more insertions ago, is never there: no hit,
    /// 256 page-ins from fs1. Of the 128 + 256 dirty pages, the last 64 faults' victims are still dirty; the
    /// other 320 were written back as they were evicted. Resident at the end: pages 128–255; cached: victims
    /// 64–127 and pages 192–255, so 64 pages (256 KB) sit in memory twice.
    @Test func withoutBypassThePagesSitInMemoryTwice() throws {
        let (sim, _, ws1, file) = try loop(bypass: false)
        #expect(sim.fileSystemStatistics.clientHits == 0 && sim.backingFileStatistics.clientCacheHits == 0)
        #expect(sim.fileSystemStatistics.rpcs["read"] == 256)
        #expect(sim.fileSystemStatistics.rpcs["write"] == 320 && sim.backingFileStatistics.pagesWrittenBack == 320)
        #expect(sim.cachedBackingPages(of: ws1).pages == 128 && sim.cachedBackingPages(of: ws1).dirty == 64)
        #expect(sim.cacheState(of: ws1).usedBlocks == 128 && sim.cacheState(of: ws1).capacityBlocks == 128)
        let doubled = (128..<256).filter { sim.clientCacheHolds(node: ws1, file: file, block: Int64($0)) }
        #expect(doubled == Array(192..<256))
    }

    /// Bypass on (Sprite): nothing enters the client cache; every page-out is a write call (128 + 256 = 384)
    /// and fs1's cache holds all 256 backing pages.
    @Test func withBypassTheServerCachesThem() throws {
        let (sim, fs1, ws1, file) = try loop(bypass: true)
        #expect(sim.cachedBackingPages(of: ws1).pages == 0)
        #expect(sim.fileSystemStatistics.rpcs["write"] == 384 && sim.fileSystemStatistics.rpcs["read"] == 256)
        let held = (0..<256).filter { sim.fs.serverCaches[fs1]?.contains(BlockKey(file: file, block: $0)) == true }
        #expect(held.count == 256 && sim.fileSystemStatistics.serverHits == 256)
    }
}
